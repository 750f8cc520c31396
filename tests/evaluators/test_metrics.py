"""Episode metrics and aggregation on hand-made results (DESIGN.md §6)."""

from __future__ import annotations

import pytest
from guigym.evaluators import EpisodeResult, SubtaskState, aggregate, episode_metrics


def _states(*passed: bool, weights=None, critical=(), start: int = 0):
    weights = weights or [1.0] * len(passed)
    return [
        SubtaskState(
            id=f"s{i}",
            index=i,
            status=("pass" if p else "fail") if i >= start else "skipped",
            weight=weights[i],
            critical=i in critical,
            scored=i >= start,
        )
        for i, p in enumerate(passed)
    ]


def test_full_success() -> None:
    r = episode_metrics(_states(True, True, True), task_id="a.b", steps=10, oracle_steps=6)
    assert r.success and r.completion == 1.0 and r.prefix == 1.0 and r.score == 1.0
    assert r.efficiency == pytest.approx(0.6)


def test_partial_weighted_completion_and_prefix() -> None:
    r = episode_metrics(
        _states(True, False, True, weights=[1, 2, 1]), task_id="a.b", steps=7, oracle_steps=5
    )
    assert not r.success
    assert r.completion == pytest.approx(0.5)
    assert r.prefix == pytest.approx(1 / 3)
    assert r.score == pytest.approx(0.25)
    assert r.efficiency is None  # only successful episodes have an efficiency


def test_failed_critical_zeroes_completion() -> None:
    r = episode_metrics(_states(True, False, True, critical=(1,)), task_id="a.b", steps=3)
    assert r.completion == 0.0 and r.score == 0.0


def test_unscored_prefix_is_ignored() -> None:
    r = episode_metrics(
        _states(False, True, True, start=1), task_id="a.b", steps=3, start_subtask=1
    )
    assert r.success and r.completion == 1.0 and r.prefix == 1.0


def test_round_trip_to_dict() -> None:
    r = episode_metrics(_states(True, False), task_id="a.b", steps=3, seed=4)
    assert EpisodeResult.from_dict(r.to_dict()) == r


def test_aggregate_sr_at_k_and_errors() -> None:
    results = [
        episode_metrics(_states(True, True), task_id="a.x", steps=4, oracle_steps=2),
        episode_metrics(_states(True, False), task_id="a.x", steps=9),
        episode_metrics(_states(False, True, start=1), task_id="a.x", steps=2, start_subtask=1),
        episode_metrics(_states(False, False, start=1), task_id="a.y", steps=5, start_subtask=1),
        episode_metrics(_states(True, True), task_id="a.y", steps=1, error="browser crashed"),
    ]
    s = aggregate(results)
    assert s.episodes == 5 and s.errors == 1
    assert s.errored == [
        {"task_id": "a.y", "seed": None, "start_subtask": 0, "error": "browser crashed"}
    ]
    assert s.sr == pytest.approx(2 / 4)  # the errored success is not counted
    assert s.cr == pytest.approx((1 + 0.5 + 1 + 0) / 4)
    assert s.score == pytest.approx((1 + 0.25 + 1 + 0) / 4)
    assert s.sr_at_k == {0: pytest.approx(0.5), 1: pytest.approx(0.5)}
    assert s.episodes_at_k == {0: 2, 1: 2}
    assert s.efficiency == pytest.approx(0.5)
    assert s.per_task["a.y"]["errors"] == 1 and s.per_task["a.y"]["sr"] == 0.0
    assert s.to_dict()["sr_at_k"] == {"0": 0.5, "1": 0.5}


def test_aggregate_of_only_errors_has_no_rates() -> None:
    s = aggregate([episode_metrics(_states(True), task_id="a.b", steps=1, error="x")])
    assert s.errors == 1 and s.sr is None and s.cr is None
