"""What the episode core needs from a task, independent of where the task came from.

Why a protocol here: the core must not care whether a task is a ``task.yaml`` folder (adapted in
``tasks_adapter.py`` from ``guigym.tasks`` / ``guigym.evaluators``) or a small Python object in a
test. It asks a task for its sites, start, setup, a verifier, a check context and the oracle of a
prefix, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = ["SubtaskInfo", "SubtaskStateLike", "VerifierLike", "EpisodeTask", "TaskSource"]


@dataclass(frozen=True)
class SubtaskInfo:
    """A subtask as the agent and ``info`` see it."""

    id: str
    instruction: str
    weight: float = 1.0
    critical: bool = False
    depends_on: tuple[str, ...] = field(default_factory=tuple)
    #: answered with ``answer()``: it takes one bound answer (see ``answers.py``)
    takes_answer: bool = False


class SubtaskStateLike(Protocol):
    """One subtask's verdict after a step (``guigym.evaluators.SubtaskState`` fits)."""

    status: str
    score: float
    message: str
    first_passed_step: int | None


class VerifierLike(Protocol):
    """Re-checks subtasks after each step (``guigym.evaluators.Verifier`` fits)."""

    def update(self, ctx: Any, step: int) -> Sequence[SubtaskStateLike]: ...

    def completion(self) -> float: ...


@runtime_checkable
class EpisodeTask(Protocol):
    """A task resolved for one episode: params chosen, templates rendered."""

    id: str
    sites: tuple[str, ...]
    instruction: str
    start_url: str
    login: tuple[str, str] | None  # (site, username) or None
    max_steps: int
    subtasks: Sequence[SubtaskInfo]
    files_root: Path | None

    def setup(self, sites: Mapping[str, Any], facts: Any = None) -> Any:
        """Apply the setup to freshly reset sites and return the facts it found.

        With ``facts`` given (a cached mid-chain start whose snapshot already holds the setup),
        adopt them without touching the sites.
        """

    def verifier(self, scored_from: int) -> VerifierLike:
        """A fresh verifier scoring subtasks ``scored_from`` onwards."""

    def check_context(self, **state: Any) -> Any:
        """The object checks receive: sites, answers, url, dom, step (see CONTRACTS.md)."""

    def prefix(self, k: int) -> tuple[list[int], list[Any]]:
        """For a start at subtask ``k``: the subtask indices run first, and their oracle steps.

        Each step is an action (string or dict) or a callable taking an actor with ``act()``.
        """

    def instruction_for(self, k: int, answers: Sequence[str]) -> str:
        """The goal shown when starting at subtask ``k`` (with the hand-off when ``k > 0``)."""


#: Resolves a task reference for one episode: (ref, seed, params overrides) -> EpisodeTask.
TaskSource = Callable[[Any, int | None, Mapping[str, Any] | None], EpisodeTask]
