"""`guigym task check --suite shop` in the real WebEnv, plus the suite's shape (issue 5).

Shape: >= 15 tasks, each >= 4 subtasks (mean >= 5), >= 5 crossing shop and mail, >= 5 with a
param of >= 3 choices, >= 4 with answer subtasks, 2 infeasible.
"""

from __future__ import annotations

import time

import pytest
from guigym.tasks import list_tasks, load_task

from guigym.taskcheck import check_tasks

SHOP = list_tasks("shop")


def test_shop_suite_shape() -> None:
    specs = [load_task(t) for t in SHOP]
    sizes = [len(s.subtasks) for s in specs]
    assert len(specs) >= 15
    assert min(sizes) >= 4 and sum(sizes) / len(sizes) >= 5, sizes
    assert sum(set(s.sites) >= {"shop", "mail"} for s in specs) >= 5
    with_choices = [
        s.id
        for s in specs
        if any(len(getattr(p, "choice", None) or []) >= 3 for p in s.params.values())
    ]
    assert len(with_choices) >= 5, with_choices
    answers = [s.id for s in specs if any("answer" in str(sub.check) for sub in s.subtasks)]
    assert len(answers) >= 4, answers
    assert sum(bool(s.infeasible) for s in specs) == 2


@pytest.mark.timeout(2400)  # a whole suite through the real UI
@pytest.mark.slow
@pytest.mark.browser
def test_shop_suite_checks_green() -> None:
    started = time.perf_counter()
    reports = check_tasks(SHOP, seeds=(0, 1), workers=2, mid_chain_seeds=1)
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    print(f"shop suite checked in {time.perf_counter() - started:.1f} s")
