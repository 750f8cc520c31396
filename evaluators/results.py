"""Result records of checks, subtasks and episodes: frozen dataclasses, never tuples.

``CheckResult`` is what one check says at one moment; ``SubtaskState`` is what the verifier knows
about one subtask after an update; ``EpisodeResult`` is one finished episode with its metrics
(DESIGN.md §6). All three serialise with ``to_dict()`` for results.jsonl.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["CheckResult", "SubtaskState", "EpisodeResult", "Status", "SubtaskStatus"]

Status = Literal["pass", "fail", "error"]
#: ``pending``: not checked yet; ``skipped``: before the start subtask, not scored.
SubtaskStatus = Literal["pending", "pass", "fail", "error", "skipped"]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``error`` means the check itself broke (never scored as fail)."""

    status: Status
    score: float = 0.0
    message: str = ""

    def __post_init__(self) -> None:
        if self.status not in ("pass", "fail", "error"):
            raise ValueError(f"CheckResult.status must be pass, fail or error, got {self.status!r}")
        if not 0.0 <= float(self.score) <= 1.0:
            raise ValueError(f"CheckResult.score must be within 0..1, got {self.score!r}")

    @property
    def passed(self) -> bool:
        """True when the check passes."""
        return self.status == "pass"

    @classmethod
    def ok(cls, message: str = "") -> CheckResult:
        """A pass with score 1."""
        return cls("pass", 1.0, message)

    @classmethod
    def no(cls, message: str, score: float = 0.0) -> CheckResult:
        """A fail (score 0 unless partial credit is given)."""
        return cls("fail", score, message)

    @classmethod
    def broken(cls, message: str) -> CheckResult:
        """An error: the check could not be evaluated."""
        return cls("error", 0.0, message)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


@dataclass(frozen=True)
class SubtaskState:
    """One subtask as the verifier sees it after the latest update."""

    id: str
    index: int
    status: SubtaskStatus = "pending"
    score: float = 0.0
    message: str = ""
    first_passed_step: int | None = None
    weight: float = 1.0
    critical: bool = False
    scored: bool = True

    @property
    def passed(self) -> bool:
        """True when the subtask's check passes now."""
        return self.status == "pass"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubtaskState:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class EpisodeResult:
    """One finished episode and its metrics (DESIGN.md §6).

    ``success`` (SR), ``completion`` (CR), ``prefix`` and ``score`` are computed over the scored
    subtasks; an episode with ``error`` set is counted and listed by :func:`aggregate`, never
    averaged into SR/CR. ``efficiency`` is oracle steps / agent steps for successful episodes
    whose oracle length is known, else ``None``.
    """

    task_id: str
    seed: int | None = None
    start_subtask: int = 0
    success: bool = False
    completion: float = 0.0
    prefix: float = 0.0
    steps: int = 0
    oracle_steps: int | None = None
    efficiency: float | None = None
    score: float = 0.0
    error: str | None = None
    subtasks: tuple[SubtaskState, ...] = field(default_factory=tuple)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def errored(self) -> bool:
        """True when the episode ended in an env or check error."""
        return self.error is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (subtasks as dicts)."""
        data = asdict(self)
        data["subtasks"] = [s.to_dict() for s in self.subtasks]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeResult:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["subtasks"] = tuple(SubtaskState.from_dict(s) for s in data.get("subtasks", ()))
        return cls(**data)
