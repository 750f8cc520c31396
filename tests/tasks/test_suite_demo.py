"""`guigym task check --suite demo` in the real WebEnv: every demo task is proven (two seeds)."""

from __future__ import annotations

import time

import pytest
from guigym.tasks import list_tasks

from guigym.taskcheck import check_tasks

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_demo_suite_checks_green() -> None:
    started = time.perf_counter()
    reports = check_tasks(list_tasks("demo"), seeds=(0, 1), workers=1, mid_chain_seeds=2)
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    assert len(reports) == 3
    print(f"demo suite checked in {time.perf_counter() - started:.1f} s")
