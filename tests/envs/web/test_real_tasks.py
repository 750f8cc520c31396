"""WebEnv on real task.yaml tasks and the real shop (registration, rewards, mid-chain)."""

from __future__ import annotations

import gymnasium as gym
import pytest

import guigym  # noqa: F401 - registers the env ids

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TASK = "demo.product-price"


@pytest.fixture(scope="module")
def env():
    if f"guigym/{TASK}-v0" not in gym.registry:
        pytest.skip(f"{TASK} is not registered (tasks layer changed)")
    env = gym.make(f"guigym/{TASK}-v0", obs=("axtree", "url"))
    yield env
    env.close()


def test_every_task_is_registered_with_a_string_entry_point():
    from guigym.tasks import list_tasks, load_task

    for task_id in list_tasks():
        if load_task(task_id).env == "web":
            spec = gym.spec(f"guigym/{task_id}-v0")
            assert spec.entry_point == "guigym.envs.web:WebEnv"
            assert spec.kwargs["task"] == task_id


def test_oracle_actions_earn_the_full_reward(env):
    obs, info = env.reset(seed=0)
    base = env.unwrapped
    sku, price = base.task.facts["sku"], base.task.facts["price"]
    assert "cost" in obs["instruction"]
    obs, r1, term, trunc, info = env.step(f"goto('http://shop.test/product/{sku}')")
    assert r1 == 0.5 and not term and obs["last_action_error"] == ""
    obs, r2, term, trunc, info = env.step(f"answer('{price}')")
    assert r2 == 0.5 and term and info["ended_by"] == "all_passed"
    assert [s["first_passed_step"] for s in info["subtasks"]] == [1, 2]


def test_start_at_the_last_subtask_with_a_hand_off(env):
    obs, info = env.reset(seed=1, options={"start_subtask": "report-price"})
    assert [s["status"] for s in info["subtasks"]][0] == "skipped"
    assert "already done" in obs["instruction"]
    assert "/product/" in obs["url"] or obs["url"] == "http://shop.test/"
    price = env.unwrapped.task.facts["price"]
    _, reward, terminated, _, _ = env.step(f"answer('{price}')")
    assert reward == 1.0 and terminated
    _, info = env.reset(seed=1, options={"start_subtask": 1})
    assert "prefix" not in info["timings"]


def test_generic_web_id_takes_the_task_at_reset():
    env = gym.make("guigym/Web-v0", obs=("url",))
    try:
        obs, info = env.reset(seed=0, options={"task": TASK})
        assert info["task_id"] == TASK and obs["url"] == "http://shop.test/"
    finally:
        env.close()
