"""summary.json: a run's metrics overall, per suite, per task and SR@k, plus the error list.

The numbers come from guigym.evaluators' aggregation (one definition of SR, CR, prefix, score
and efficiency for the whole project); this module only groups results.jsonl records and adds
what the runner knows (attempts, wall time, throughput).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from guigym.evaluators.results import EpisodeResult

__all__ = ["to_episode_result", "metrics", "build_summary", "METRIC_KEYS"]

#: The metric columns every table shows, in order.
METRIC_KEYS = ("n", "sr", "cr", "prefix", "score", "steps", "efficiency", "errors")

_RESULT_FIELDS = {f.name for f in dataclasses.fields(EpisodeResult)}


def to_episode_result(record: dict[str, Any]) -> EpisodeResult:
    """Rebuild the evaluators' EpisodeResult from a results.jsonl record."""
    return EpisodeResult.from_dict({k: v for k, v in record.items() if k in _RESULT_FIELDS})


def metrics(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """SR, CR, prefix, score, steps, efficiency and errors for a group of records."""
    from guigym.evaluators import aggregate

    results = [to_episode_result(r) for r in records]
    agg = aggregate(results)
    data = agg.to_dict() if hasattr(agg, "to_dict") else dict(agg)
    return _normalise(data, records)


def _normalise(data: dict[str, Any], records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Map the aggregation's names onto the report's columns (n counts every episode)."""

    def pick(*names: str) -> Any:
        for name in names:
            if name in data:
                return data[name]
        return None

    errors = [r for r in records if r.get("error")]
    return {
        "n": len(records),
        "scored": len(records) - len(errors),
        "sr": pick("sr", "SR", "success_rate"),
        "cr": pick("cr", "CR", "completion_rate", "completion"),
        "prefix": pick("prefix", "mean_prefix"),
        "score": pick("score", "mean_score"),
        "steps": pick("steps", "mean_steps"),
        "efficiency": pick("efficiency", "mean_efficiency"),
        "errors": len(errors),
    }


def _group(records: Iterable[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        groups[r.get(key)].append(r)
    return dict(sorted(groups.items(), key=lambda kv: str(kv[0])))


def build_summary(
    records: Sequence[dict[str, Any]],
    *,
    run: dict[str, Any] | None = None,
    total: int | None = None,
) -> dict[str, Any]:
    """The whole summary.json: overall, by_suite, by_task, sr_at_k (when several k), errors."""
    records = sorted(records, key=lambda r: (r["task_id"], r["start_subtask"], r["seed"]))
    by_k = _group(records, "start_subtask")
    sr_at_k: dict[str, Any] = {}
    if len(by_k) > 1:
        sr_at_k = {
            "overall": {str(k): metrics(rs)["sr"] for k, rs in sorted(by_k.items())},
            "by_task": {
                task: {
                    str(k): metrics(rs)["sr"]
                    for k, rs in sorted(_group(trs, "start_subtask").items())
                }
                for task, trs in _group(records, "task_id").items()
            },
        }
    errors = [
        {
            "key": r["key"],
            "task_id": r["task_id"],
            "seed": r["seed"],
            "start_subtask": r["start_subtask"],
            "kind": r.get("error_kind") or "error",
            "message": r.get("error"),
            "attempts": r.get("attempts", 1),
        }
        for r in records
        if r.get("error")
    ]
    wall = sum(float(r.get("wall_time") or 0.0) for r in records)
    return {
        "run": {
            **(run or {}),
            "episodes_total": total or len(records),
            "episodes_done": len(records),
        },
        "overall": metrics(records) if records else _empty(),
        "by_suite": {s: metrics(rs) for s, rs in _group(records, "suite").items()},
        "by_task": {t: metrics(rs) for t, rs in _group(records, "task_id").items()},
        "sr_at_k": sr_at_k,
        "errors": errors,
        "episode_wall_time_total": round(wall, 3),
    }


def _empty() -> dict[str, Any]:
    return {k: (0 if k in ("n", "errors") else None) for k in METRIC_KEYS} | {"scored": 0}
