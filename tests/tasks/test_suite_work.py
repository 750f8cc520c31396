"""`guigym task check --suite work` in the real WebEnv, plus the suite's shape (issue 10).

Shape: >= 40 tasks, each >= 5 subtasks; >= 10 span three or more sites; a param with >= 3
choices in at least half; answer subtasks and sql state checks; exactly 3 infeasible tasks.
"""

from __future__ import annotations

import time

import pytest
from guigym.tasks import list_tasks, load_task

from guigym.taskcheck import check_tasks

WORK = list_tasks("work")


def _checks(spec) -> str:
    return " ".join(str(sub.check) for sub in spec.subtasks)


def test_work_suite_shape() -> None:
    specs = [load_task(t) for t in WORK]
    assert len(specs) >= 40, len(specs)
    small = [s.id for s in specs if len(s.subtasks) < 5]
    assert not small, small
    wide = [s.id for s in specs if len(set(s.sites)) >= 3]
    assert len(wide) >= 10, wide
    with_choices = [
        s.id
        for s in specs
        if any(len(getattr(p, "choice", None) or []) >= 3 for p in s.params.values())
    ]
    assert len(with_choices) * 2 >= len(specs), with_choices
    answers = [s.id for s in specs if "answer" in _checks(s)]
    assert len(answers) * 2 >= len(specs), answers
    stateful = [s.id for s in specs if "sql" in _checks(s) or "call" in _checks(s)]
    assert len(stateful) == len(specs), sorted({s.id for s in specs} - set(stateful))
    assert sum(bool(s.infeasible) for s in specs) == 3
    sites = {site for s in specs for site in s.sites}
    assert sites == {"shop", "mail", "forum", "code", "wiki"}, sites


@pytest.mark.timeout(2400)  # a whole suite through the real UI
@pytest.mark.slow
@pytest.mark.browser
def test_work_suite_checks_green() -> None:
    started = time.perf_counter()
    # One seed in CI keeps `make test` in budget; `guigym task check --suite work` does two.
    reports = check_tasks(WORK, seeds=(0,), workers=2, mid_chain_seeds=1)
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    print(f"work suite checked in {time.perf_counter() - started:.1f} s")
