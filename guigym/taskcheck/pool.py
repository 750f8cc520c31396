"""Parallel `task check`: spawned worker processes, one warm env each, reports as they finish."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from guigym.taskcheck.checker import TaskChecker
from guigym.taskcheck.episode import CheckRow, TaskReport

__all__ = ["check_tasks"]


def _worker(roots: Any, seeds: list[int], mid: int, jobs: Any, results: Any) -> None:
    checker = TaskChecker(roots)
    try:
        while True:
            task_id = jobs.get()
            if task_id is None:
                return
            try:
                report = checker.check(task_id, seeds, mid)
            except BaseException as exc:  # noqa: BLE001 - report, keep the worker alive
                report = TaskReport(task_id, [CheckRow("checker", None, False, 0.0, repr(exc))])
            results.put(report)
    finally:
        checker.close()


def check_tasks(
    task_ids: Sequence[str],
    seeds: Sequence[int] = (0, 1),
    *,
    workers: int = 1,
    roots: Sequence[str | Path] | None = None,
    mid_chain_seeds: int = 1,
    on_report: Callable[[TaskReport], None] | None = None,
) -> list[TaskReport]:
    """Check tasks (in ``workers`` spawned processes when > 1); reports in ``task_ids`` order."""
    seeds = list(seeds)
    reports: dict[str, TaskReport] = {}
    if workers <= 1 or len(task_ids) <= 1:
        checker = TaskChecker(roots)
        try:
            for tid in task_ids:
                reports[tid] = checker.check(tid, seeds, mid_chain_seeds)
                if on_report:
                    on_report(reports[tid])
        finally:
            checker.close()
        return [reports[t] for t in task_ids]
    ctx = mp.get_context("spawn")
    jobs, results = ctx.Queue(), ctx.Queue()
    for tid in _longest_first(task_ids, roots):
        jobs.put(tid)
    n = min(workers, len(task_ids))
    for _ in range(n):
        jobs.put(None)
    roots_arg = [str(r) for r in roots] if roots is not None else None
    procs = [
        ctx.Process(target=_worker, args=(roots_arg, seeds, mid_chain_seeds, jobs, results))
        for _ in range(n)
    ]
    for p in procs:
        p.start()
    try:
        while len(reports) < len(task_ids):
            try:
                report = results.get(timeout=5)
            except Exception:  # noqa: BLE001 - queue.Empty: check the workers are alive
                if not any(p.is_alive() for p in procs):
                    for tid in task_ids:
                        if tid not in reports:
                            reports[tid] = TaskReport(
                                tid, [CheckRow("checker", None, False, 0.0, "a worker died")]
                            )
                    break
                continue
            reports[report.task_id] = report
            if on_report:
                on_report(report)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
    return [reports[t] for t in task_ids]


def _longest_first(task_ids: Sequence[str], roots: Any) -> list[str]:
    from guigym.tasks import load_task

    def size(tid: str) -> int:
        try:
            return len(load_task(tid, roots).subtasks)
        except Exception:  # noqa: BLE001
            return 0

    return sorted(task_ids, key=lambda t: -size(t))
