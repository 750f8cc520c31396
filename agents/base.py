"""The Agent protocol: what ``guigym run`` drives, one episode at a time.

An agent gets ``reset(task_info)`` at the start of every episode and ``act(observation)`` once per
step; it answers with an action in the action language (a string like ``click("e12")`` or a dict
like ``{"action": "click", "element": "e12"}``). Agents never touch the env directly, except
*privileged* ones (``privileged = True``, e.g. the oracle) which also find the env in
``task_info["env"]`` to read the task's ground truth.

``task_info`` keys: ``task_id``, ``seed``, ``start_subtask``, ``instruction``, ``subtasks``
(list of ``{"id", "instruction"}``), ``max_steps``; for privileged agents also ``env`` (the
unwrapped env).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

__all__ = ["Agent", "Action", "TaskInfo"]

#: What ``act`` returns: an action string or an action dict, both in the action language.
Action = str | dict[str, Any]
#: What ``reset`` receives (see the module docstring for the keys).
TaskInfo = Mapping[str, Any]


@runtime_checkable
class Agent(Protocol):
    """Anything with ``reset`` and ``act``; ``close()`` and ``privileged`` are optional."""

    def reset(self, task_info: TaskInfo) -> None:
        """Start a new episode of the task described by ``task_info``."""

    def act(self, observation: Mapping[str, Any]) -> Action:
        """Return the next action for this observation."""
