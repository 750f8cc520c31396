"""The verifier over a real SQLite shop: rewards sum to completion, undo is negative, critical
gating at the end, start_subtask scoring, infeasible tasks, first passing step."""

from __future__ import annotations

import pytest
from guigym.evaluators import INFEASIBLE_ID, CheckContext, Verifier, preconditions
from guigym.tasks import RenderedSubtask, RenderedTask


def _sub(
    i: int, sid: str, check: dict, weight: float = 1.0, critical: bool = False, deps: tuple = ()
):
    return RenderedSubtask(
        id=sid,
        index=i,
        instruction=f"do {sid}",
        check=check,
        oracle=("noop()",) * (i + 1),
        depends_on=deps,
        weight=weight,
        critical=critical,
    )


def _qty(n: int) -> dict:
    return {
        "sql": {
            "site": "shop",
            "query": "SELECT qty FROM purchase_orders WHERE sku = 'KB-104'",
            "expect": n,
        }
    }


def _task(critical: bool = False, infeasible: bool = False) -> RenderedTask:
    return RenderedTask(
        id="shop.t",
        title="t",
        env="web",
        instruction="go",
        subtasks=(
            _sub(0, "answer", {"answer": {"equals": "KB-104"}}),
            _sub(1, "reorder", _qty(20), weight=2, critical=critical, deps=("answer",)),
            _sub(2, "visit", {"url": {"contains": "/orders"}}, deps=("reorder",)),
        ),
        infeasible=infeasible,
    )


def _ctx(shop, answers=(), url="http://shop.test/", ended=None) -> CheckContext:
    return CheckContext(sites={"shop": shop}, answers=list(answers), url=url, ended=ended)


def test_rewards_sum_to_final_completion_and_undo_is_negative(shop) -> None:
    v = Verifier(_task())
    rewards = []
    v.update(_ctx(shop), 0)
    rewards.append(v.last_reward)
    assert v.completion() == 0.0
    v.update(_ctx(shop, ["KB-104"]), 1)
    rewards.append(v.last_reward)
    assert v.last_reward == pytest.approx(0.25)
    shop.exec("UPDATE purchase_orders SET qty = 20")
    v.update(_ctx(shop, ["KB-104"]), 2)
    rewards.append(v.last_reward)
    assert v.last_reward == pytest.approx(0.5)
    shop.exec("UPDATE purchase_orders SET qty = 10")  # the agent undoes its reorder
    states = v.update(_ctx(shop, ["KB-104"], "http://shop.test/orders"), 3)
    rewards.append(v.last_reward)
    assert v.last_reward == pytest.approx(0.25 - 0.5)
    assert states[1].status == "fail" and states[1].first_passed_step == 2
    shop.exec("UPDATE purchase_orders SET qty = 20")
    v.update(_ctx(shop, ["KB-104"], "http://shop.test/orders"), 4, final=True)
    rewards.append(v.last_reward)
    assert v.all_passed()
    assert sum(rewards) == pytest.approx(v.completion()) == pytest.approx(1.0)
    assert [s.first_passed_step for s in v.states] == [1, 2, 3]


def test_critical_gating_applies_at_the_end(shop) -> None:
    v = Verifier(_task(critical=True))
    v.update(_ctx(shop, ["KB-104"], "http://shop.test/orders"), 0)
    assert v.completion() == pytest.approx(0.5)  # dense during the episode
    total = v.last_reward
    v.update(_ctx(shop, ["KB-104"], "http://shop.test/orders"), 1, final=True)
    total += v.last_reward
    assert v.completion() == 0.0
    assert v.last_reward == pytest.approx(-0.5)
    assert total == pytest.approx(0.0)
    result = v.episode_result(steps=2)
    assert result.completion == 0.0 and not result.success and result.score == 0.0


def test_start_subtask_scores_only_from_k(shop) -> None:
    v = Verifier(_task(), start_subtask="reorder")
    shop.exec("UPDATE purchase_orders SET qty = 20")
    states = v.update(_ctx(shop), 0)
    assert states[0].status == "skipped" and not states[0].scored
    assert v.completion() == pytest.approx(2 / 3)
    v.update(_ctx(shop, url="http://shop.test/orders"), 1, final=True)
    result = v.episode_result(steps=2)
    assert result.success and result.start_subtask == 1
    assert result.oracle_steps == 2 + 3 and result.efficiency == pytest.approx(2.5)
    assert Verifier(_task(), scored_from=2).start == 2


def test_infeasible_passes_only_with_fail(shop) -> None:
    task = _task(infeasible=True)
    v = Verifier(task)
    shop.exec("UPDATE purchase_orders SET qty = 20")
    done = _ctx(shop, ["KB-104"], "http://shop.test/orders", ended="done")
    v.update(done, 3, final=True)
    assert not v.all_passed() and v.completion() == 0.0
    assert v.states[-1].id == INFEASIBLE_ID
    assert "fail(" in v.states[-1].message
    v2 = Verifier(task)
    v2.update(_ctx(shop, ["KB-104"], "http://shop.test/orders", ended="fail"), 3, final=True)
    assert v2.all_passed() and v2.completion() == 1.0


def test_check_error_is_recorded_and_makes_an_errored_episode(shop) -> None:
    task = RenderedTask(
        id="shop.e",
        title="e",
        env="web",
        instruction="go",
        subtasks=(
            _sub(0, "a", {"sql": {"site": "shop", "query": "SELECT x FROM nope", "expect": 1}}),
        ),
    )
    v = Verifier(task)
    states = v.update(_ctx(shop), 0, final=True)
    assert states[0].status == "error" and "nope" in states[0].message
    result = v.episode_result(steps=1)
    assert result.errored and "check error" in result.error


def test_each_check_runs_once_per_update_and_cost(shop) -> None:
    v = Verifier(_task())
    for step in range(20):
        v.update(_ctx(shop), step)
    assert v.checks_run == 60
    assert shop.queries == 20
    per_check_ms = v.check_seconds / v.checks_run * 1000
    assert per_check_ms < 50  # generous: the 5 ms target is measured by `guigym bench`


def test_verifier_remembers_visited_urls(shop) -> None:
    task = RenderedTask(
        id="shop.v",
        title="v",
        env="web",
        instruction="go",
        subtasks=(
            _sub(0, "product", {"url": {"contains": "/product/"}}),
            _sub(1, "cart", {"url": {"contains": "/cart", "current": True}}),
        ),
    )
    v = Verifier(task)
    v.update(_ctx(shop, url="http://shop.test/product/KB-1"), 0)
    assert [s.status for s in v.states] == ["pass", "fail"]
    v.update(_ctx(shop, url="http://shop.test/cart"), 1)
    assert v.all_passed()
    v.update(_ctx(shop, url="http://shop.test/"), 2)
    assert [s.status for s in v.states] == ["pass", "fail"]


def test_preconditions_of_a_mid_chain_start(shop) -> None:
    task = _task()
    fresh = _ctx(shop)
    problems = preconditions(task, "reorder", fresh)
    assert len(problems) == 1 and "'answer' does not pass" in problems[0]
    assert preconditions(task, "reorder", _ctx(shop, ["KB-104"])) == []
    shop.exec("UPDATE purchase_orders SET qty = 20")
    problems = preconditions(task, "reorder", _ctx(shop, ["KB-104"]))
    assert problems == [problems[0]] and "already passes" in problems[0]
