"""Episode metrics and their aggregation over a run, exactly as DESIGN.md §6 defines them.

- SR: every scored subtask passes. CR: weighted share of scored subtasks passing, 0 when a
  critical one is not passing at the end. prefix: longest run of passing scored subtasks from
  the start, over the number scored. efficiency: oracle steps / agent steps (successful
  episodes with a known oracle length only). score: 0.5·CR + 0.5·SR.
- errors: an episode with ``error`` set (env error, or a check still in ``error`` at the end) is
  counted and listed, never averaged into SR/CR/score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from guigym.evaluators.results import EpisodeResult, SubtaskState

__all__ = ["completion_of", "prefix_of", "episode_metrics", "aggregate", "Summary"]


def completion_of(states: Sequence[SubtaskState], *, gate: bool = True) -> float:
    """Weighted share of scored subtasks passing; 0 if ``gate`` and a critical one is failing."""
    scored = [s for s in states if s.scored]
    total = sum(s.weight for s in scored)
    if total <= 0:
        return 0.0
    if gate and any(s.critical and not s.passed for s in scored):
        return 0.0
    return sum(s.weight for s in scored if s.passed) / total


def prefix_of(states: Sequence[SubtaskState]) -> float:
    """Longest run of passing scored subtasks from the first scored one, over the number scored."""
    scored = [s for s in states if s.scored]
    if not scored:
        return 0.0
    run = 0
    for s in scored:
        if not s.passed:
            break
        run += 1
    return run / len(scored)


def episode_metrics(
    states: Sequence[SubtaskState],
    *,
    task_id: str,
    steps: int,
    seed: int | None = None,
    start_subtask: int = 0,
    oracle_steps: int | None = None,
    error: str | None = None,
    extra: dict[str, Any] | None = None,
) -> EpisodeResult:
    """One episode's metrics from the verifier's final subtask states."""
    scored = [s for s in states if s.scored]
    if error is None:
        broken = [s for s in scored if s.status == "error"]
        if broken:
            error = "; ".join(f"check error in subtask {s.id!r}: {s.message}" for s in broken)
    success = bool(scored) and all(s.passed for s in scored)
    completion = completion_of(states)
    efficiency = None
    if success and oracle_steps is not None and steps > 0:
        efficiency = oracle_steps / steps
    return EpisodeResult(
        task_id=task_id,
        seed=seed,
        start_subtask=start_subtask,
        success=success,
        completion=completion,
        prefix=prefix_of(states),
        steps=steps,
        oracle_steps=oracle_steps,
        efficiency=efficiency,
        score=0.5 * completion + 0.5 * (1.0 if success else 0.0),
        error=error,
        subtasks=tuple(states),
        extra=dict(extra or {}),
    )


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class Summary:
    """Aggregate of a run; ``None`` for a metric with no (non-errored) episode to average."""

    episodes: int
    errors: int
    sr: float | None
    cr: float | None
    prefix: float | None
    score: float | None
    steps: float | None
    efficiency: float | None
    sr_at_k: dict[int, float] = field(default_factory=dict)
    episodes_at_k: dict[int, int] = field(default_factory=dict)
    per_task: dict[str, dict[str, Any]] = field(default_factory=dict)
    errored: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for summary.json (SR@k keys as strings)."""
        data = asdict(self)
        data["sr_at_k"] = {str(k): v for k, v in self.sr_at_k.items()}
        data["episodes_at_k"] = {str(k): v for k, v in self.episodes_at_k.items()}
        return data


def _block(results: list[EpisodeResult]) -> dict[str, Any]:
    return {
        "sr": _mean(1.0 if r.success else 0.0 for r in results),
        "cr": _mean(r.completion for r in results),
        "prefix": _mean(r.prefix for r in results),
        "score": _mean(r.score for r in results),
        "steps": _mean(float(r.steps) for r in results),
        "efficiency": _mean(r.efficiency for r in results if r.efficiency is not None),
    }


def aggregate(results: Iterable[EpisodeResult]) -> Summary:
    """SR, CR, prefix, score, steps, efficiency, SR@k (by start subtask), per task, errors."""
    results = list(results)
    ok = [r for r in results if not r.errored]
    bad = [r for r in results if r.errored]
    by_k: dict[int, list[EpisodeResult]] = defaultdict(list)
    by_task: dict[str, list[EpisodeResult]] = defaultdict(list)
    for r in ok:
        by_k[r.start_subtask].append(r)
    for r in results:
        by_task[r.task_id].append(r)
    per_task = {}
    for tid in sorted(by_task):
        rs = by_task[tid]
        good = [r for r in rs if not r.errored]
        per_task[tid] = {"episodes": len(rs), "errors": len(rs) - len(good), **_block(good)}
    return Summary(
        episodes=len(results),
        errors=len(bad),
        **_block(ok),
        sr_at_k={k: _block(by_k[k])["sr"] for k in sorted(by_k)},
        episodes_at_k={k: len(by_k[k]) for k in sorted(by_k)},
        per_task=per_task,
        errored=[
            {
                "task_id": r.task_id,
                "seed": r.seed,
                "start_subtask": r.start_subtask,
                "error": r.error,
            }
            for r in bad
        ],
    )
