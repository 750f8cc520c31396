"""guigym.envs: Gymnasium environments, the action language, observations and providers.

``WebEnv`` is imported on first use so ``import guigym`` does not load Playwright.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WebEnv", "register_all"]


def __getattr__(name: str) -> Any:
    if name == "WebEnv":
        from guigym.envs.web.env import WebEnv

        return WebEnv
    if name == "register_all":
        from guigym.envs.registration import register_all

        return register_all
    raise AttributeError(f"module 'guigym.envs' has no attribute {name!r}")
