"""`guigym task check --suite cross` on the real desktop with the sites, plus the suite's shape.

Issue 7 asks for >= 6 tasks chaining the sites and the desktop, each with >= 4 subtasks, and
every one passing `task check` (oracle step by step, no-op, same seed twice, mid-chain starts).
"""

from __future__ import annotations

import time

import pytest
from guigym.tasks import list_tasks, load_task

from guigym.taskcheck import check_tasks

CROSS = list_tasks("cross")


def test_cross_suite_shape() -> None:
    specs = [load_task(t) for t in CROSS]
    assert len(specs) >= 6, CROSS
    assert all(s.env == "desktop" and s.sites for s in specs), [s.id for s in specs]
    assert min(len(s.subtasks) for s in specs) >= 4
    with_mail = [s.id for s in specs if {"shop", "mail"} <= set(s.sites)]
    assert with_mail, with_mail
    with_choices = [
        s.id
        for s in specs
        if any(len(getattr(p, "choice", None) or []) >= 3 for p in s.params.values())
    ]
    assert len(with_choices) == len(specs), with_choices


@pytest.mark.timeout(2400)  # a whole suite through the real UI
@pytest.mark.slow
@pytest.mark.xvfb
@pytest.mark.browser
def test_cross_suite_checks_green() -> None:
    started = time.perf_counter()
    reports = check_tasks(CROSS, seeds=(0,), workers=2, mid_chain_seeds=1)
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    print(f"cross suite checked in {time.perf_counter() - started:.1f} s")
