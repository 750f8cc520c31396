"""The web env: real Chromium over the task's sites (start reading at env.py)."""

from guigym.envs.web.env import WebEnv

__all__ = ["WebEnv"]
