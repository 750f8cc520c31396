"""One error hierarchy for the whole project.

This module imports nothing from guigym, so every layer (envs, evaluators, tasks, images) may
import it without breaking the one-way dependency rule.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "GuigymError",
    "ConfigError",
    "TaskError",
    "ActionError",
    "EnvError",
    "ServiceError",
    "CheckError",
    "AgentError",
    "NotAvailableError",
    "did_you_mean",
]


class GuigymError(Exception):
    """Base of every error guigym raises on purpose."""


class ConfigError(GuigymError):
    """A user-supplied setting (CLI flag, option, env kwarg) is invalid."""


class TaskError(GuigymError):
    """A task file is malformed or refers to something that does not exist."""


class ActionError(GuigymError):
    """An agent's action could not be parsed or performed (becomes ``last_action_error``)."""


class EnvError(GuigymError):
    """Infrastructure fault inside an env (browser, site or X server died); ``reset`` recovers."""


class ServiceError(EnvError):
    """A site, the desktop or a container failed to start, answer or stop."""


class CheckError(GuigymError):
    """A check itself broke (as opposed to failing): reported as an error, never as a fail."""


class AgentError(GuigymError):
    """The agent raised, timed out or produced nothing usable."""


class NotAvailableError(GuigymError):
    """A feature exists in the design but is not built (yet) or not installed here."""


def did_you_mean(name: str, choices: Iterable[str], n: int = 3) -> str:
    """Return a hint like `` (did you mean 'shop'?)`` or an empty string."""
    close = difflib.get_close_matches(name, list(choices), n=n, cutoff=0.5)
    if not close:
        return ""
    return " (did you mean " + ", ".join(repr(c) for c in close) + "?)"
