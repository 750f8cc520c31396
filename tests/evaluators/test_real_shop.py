"""The README's worked example against the real shop site: setup facts, checks over the control
API, the verifier's rewards, and direct local reads giving the same rows faster."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from guigym.evaluators import CheckContext, Verifier, local_reads
from guigym.tasks import (
    TASKS_ROOT,
    SetupContext,
    apply_setup,
    choose_params,
    clear_cache,
    load_callable,
    load_task_file,
    render_task,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shop() -> Iterator:
    from guigym.images.sites.instance import start_site

    with start_site("shop") as site:
        yield site


@pytest.fixture
def task_folder(tmp_path: Path, shop) -> Path:
    clear_cache()
    shop.reset()
    blocks = re.findall(
        r"```(?:yaml|python)\n(.*?)```", (TASKS_ROOT / "README.md").read_text(), re.S
    )
    folder = tmp_path / "shop" / "restock-lowest"
    folder.mkdir(parents=True)
    for name, body in zip(
        ("task.yaml", "setup.py", "check.py", "solution.py"), blocks, strict=False
    ):
        (folder / name).write_text(body)
    return folder


@pytest.mark.parametrize("reads", ["control-api", "local"])
def test_worked_example_on_the_real_shop(task_folder: Path, shop, reads: str) -> None:
    spec = load_task_file(task_folder / "task.yaml")
    params = choose_params(spec, 0, {"category": "keyboards", "qty": 20})
    handle = shop if reads == "control-api" else local_reads(shop)
    facts = apply_setup(spec, params, {"shop": handle}, seed=0)
    lowest = shop.sql(
        "SELECT sku, stock FROM products WHERE category = 'keyboards' ORDER BY stock, sku"
    )
    assert facts["expected_sku"] == lowest[0]["sku"] and lowest[0]["stock"] == 1
    rendered = render_task(spec, params, facts)
    verifier = Verifier(rendered)
    answers: list[str] = []

    def update(step: int, final: bool = False) -> float:
        ctx = CheckContext(sites={"shop": handle}, answers=answers, url="http://shop.test/admin")
        verifier.update(ctx, step, final=final)
        return verifier.last_reward

    rewards = [update(0)]
    assert [s.status for s in verifier.states] == ["fail", "fail", "fail"]
    assert (
        "expected qty 20" in verifier.states[1].message or "no rows" in verifier.states[1].message
    )
    answers.append(facts["expected_sku"].lower())
    rewards.append(update(1))
    assert verifier.states[0].passed and rewards[-1] == pytest.approx(0.25)
    fast = load_callable(spec, rendered.subtasks[1].oracle.fast_forward)
    fast(SetupContext(sites={"shop": shop}, params=params, seed=0, facts=dict(facts)))
    rewards.append(update(2))
    assert verifier.states[1].passed, verifier.states[1].message
    answers.append("The purchase order is PO-FF-1.")
    rewards.append(update(3, final=True))
    assert verifier.all_passed() and sum(rewards) == pytest.approx(1.0)
    result = verifier.episode_result(steps=4)
    assert result.success and result.score == 1.0


def test_local_reads_match_the_control_api_and_are_cheaper(shop) -> None:
    fast = local_reads(shop)
    query = "SELECT sku, stock, price_cents FROM products WHERE category = :c ORDER BY sku"
    assert fast.sql(query, {"c": "mice"}) == shop.sql(query, {"c": "mice"})
    timings = {}
    for name, handle in (("api", shop), ("local", fast)):
        start = time.perf_counter()
        for _ in range(20):
            handle.sql(query, {"c": "mice"})
        timings[name] = (time.perf_counter() - start) / 20
    assert timings["local"] < timings["api"]
    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        fast.sql("DELETE FROM products")
