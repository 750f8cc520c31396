"""Mid-chain starts resume from the nearest cached prefix and keep the prefix's browser session."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from guigym.envs.core.tasks_adapter import PrefixStep
from helpers import eid
from stub import StubSubtask, StubTask, has_item

pytestmark = pytest.mark.browser

COOKIE = {"name": "prefix_visit", "value": "yes", "domain": "gymtest.test", "path": "/"}


@dataclass
class ChainTask(StubTask):
    """Four subtasks (add kiwi, mango, pear, plum); per-subtask plans with a fast-forward."""

    fast_calls: int = 0

    def prefix_plan(self, k: int) -> list[PrefixStep]:
        def fast(sites, name: str = "pear") -> None:
            self.fast_calls += 1
            sites["gymtest"].exec("INSERT INTO items (name) VALUES (:n)", {"n": name})

        return [
            PrefixStep(i, s.id, list(s.oracle), fast if s.id == "add-pear" else None)
            for i, s in enumerate(self.stubs[:k])
        ]


def _chain(played: list[str]) -> ChainTask:
    def adder(name: str, cookie: bool = False):
        def run(actor) -> None:
            played.append(name)
            actor.fill(eid(actor.observation["axtree"], "textbox", "New item"), name)
            actor.press("Enter")
            if cookie:  # stands for a sign-in the prefix did: state that lives in the browser
                actor.env.tabs.context.add_cookies([COOKIE])

        return run

    stubs = [
        StubSubtask(f"add-{n}", f"Add {n}.", has_item(n), [adder(n, cookie=n == "kiwi")])
        for n in ("kiwi", "mango", "pear", "plum")
    ]
    return ChainTask(id="test.chain", stubs=stubs)


@pytest.fixture()
def chain_env():
    from webenv_testing import make_env

    played: list[str] = []
    env = make_env(task=_chain(played), obs=("axtree", "url"), fast_forward=False)
    env.played = played
    yield env
    env.close()


def _cookies(env) -> dict:
    return {c["name"]: c["value"] for c in env.tabs.context.cookies()}


def test_each_start_plays_only_the_oracles_past_the_nearest_cached_prefix(chain_env):
    env = chain_env
    _, info = env.reset(seed=0, options={"start_subtask": 1})
    assert env.played == ["kiwi"] and "prefix" in info["timings"]
    _, info = env.reset(seed=0, options={"start_subtask": 3})
    assert env.played == ["kiwi", "mango", "pear"]  # kiwi came from the cache
    assert [s["status"] for s in info["subtasks"]] == ["pass", "pass", "pass", "fail"]
    _, info = env.reset(seed=0, options={"start_subtask": 2})  # resolves to a cached node
    assert env.played == ["kiwi", "mango", "pear"]
    assert [s["status"] for s in info["subtasks"]] == ["pass", "pass", "fail", "fail"]
    obs, info = env.reset(seed=0, options={"start_subtask": 3})
    assert "prefix" not in info["timings"]
    assert [s["status"] for s in info["subtasks"]] == ["pass", "pass", "pass", "fail"]
    assert obs["url"] == "http://gymtest.test/"  # the task's start page
    assert "plum" not in obs["axtree"] and "pear" in obs["axtree"]


def test_the_prefix_browser_session_is_kept_on_first_and_cached_starts(chain_env):
    env = chain_env
    env.reset(seed=0, options={"start_subtask": 1})
    assert _cookies(env).get("prefix_visit") == "yes"
    env.reset(seed=0)
    assert "prefix_visit" not in _cookies(env)
    _, info = env.reset(seed=0, options={"start_subtask": 1})
    assert "prefix" not in info["timings"]
    assert _cookies(env).get("prefix_visit") == "yes"


def test_fast_forward_applies_a_subtask_without_its_ui_oracle(chain_env):
    env = chain_env
    _, info = env.reset(seed=0, options={"start_subtask": 3, "fast_forward": True})
    assert env.played == ["kiwi", "mango"] and env.task.fast_calls == 1
    assert [s["status"] for s in info["subtasks"]] == ["pass", "pass", "pass", "fail"]
    env.reset(seed=0, options={"start_subtask": 3, "fast_forward": True})
    assert env.task.fast_calls == 1  # cached
    env.reset(seed=0, options={"start_subtask": 3})  # the env's default here: the UI
    assert env.played == ["kiwi", "mango", "pear"]  # resumed after mango (shared by both paths)
