"""`guigym task check --suite desktop` on the real desktop, plus the suite's shape.

Issue 7 asks for >= 10 tasks including spreadsheets with formulas and a Writer document.
Mid-chain starts are not checked here yet: a desktop start at k restores the home folder, but
not the editor's open buffer the prefix left.
"""

from __future__ import annotations

import time

import pytest
from guigym.tasks import list_tasks, load_task

from guigym.taskcheck import check_tasks

DESKTOP = list_tasks("desktop")


def test_desktop_suite_shape() -> None:
    specs = [load_task(t) for t in DESKTOP]
    assert len(specs) >= 10
    assert all(s.env == "desktop" for s in specs), [s.id for s in specs]
    assert min(len(s.subtasks) for s in specs) >= 4
    apps = {app for s in specs for app in s.start.apps}
    assert {"editor", "terminal", "calc", "writer"} <= apps, apps
    formulas = [s.id for s in specs for sub in s.subtasks if "formula" in str(sub.check)]
    assert formulas, "no task checks a spreadsheet formula"


@pytest.mark.timeout(2400)  # a whole suite through the real UI
@pytest.mark.slow
@pytest.mark.xvfb
def test_desktop_suite_checks_green() -> None:
    started = time.perf_counter()
    reports = check_tasks(DESKTOP, seeds=(0,), workers=2, mid_chain_seeds=0)
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    print(f"desktop suite checked in {time.perf_counter() - started:.1f} s")
