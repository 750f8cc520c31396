"""WebEnv's Gymnasium contract: spaces, check_env, rewards, termination, mid-chain starts."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from guigym.envs.core.spaces import UnicodeText
from gymnasium.utils.env_checker import check_env
from helpers import eid

from guigym.errors import ConfigError

pytestmark = pytest.mark.browser


def test_unicode_text_space_accepts_empty_and_any_unicode():
    space = UnicodeText()
    assert space.contains("")
    assert space.contains("中文 😀 \x00 ß")
    assert not space.contains(b"bytes")
    assert space.contains(space.sample())


def test_check_env_passes(web_env):
    check_env(web_env, skip_render_check=True)


def test_observation_has_only_requested_keys(web_env):
    obs, info = web_env.reset(seed=0)
    assert set(obs) == set(web_env.observation_space.spaces)
    assert obs["screenshot"].shape == (720, 1280, 3) and obs["screenshot"].dtype == np.uint8
    assert obs["url"] == "http://gymtest.test/"
    assert obs["title"] == "Home"
    assert obs["last_action_error"] == ""
    assert "Signed in as admin" in obs["axtree"]  # logged in through the site's cookie
    assert 'data-gg-id="' in obs["dom"]
    assert web_env.observation_space.contains(obs)
    assert set(info["timings"]) >= {"sites", "context", "start", "observe", "verify", "total"}


def test_unknown_obs_key_is_a_config_error():
    from webenv_testing import make_env

    with pytest.raises(ConfigError, match="did you mean 'axtree'"):
        make_env(obs=("axtre",))


def test_reward_is_change_in_completion_and_terminates_when_all_pass(web_env):
    obs, _ = web_env.reset(seed=0)
    field = eid(obs["axtree"], "textbox", "New item")
    rewards = []
    for action in (f"fill('{field}', 'kiwi')", "press('Enter')"):
        obs, reward, terminated, truncated, info = web_env.step(action)
        rewards.append(reward)
    assert rewards == [0.0, 0.5]
    assert [s["status"] for s in info["subtasks"]] == ["pass", "fail"]
    assert info["subtasks"][0]["first_passed_step"] == 2
    field = eid(obs["axtree"], "textbox", "New item")
    web_env.step(f"fill('{field}', 'mango')")
    obs, reward, terminated, truncated, info = web_env.step("press('Enter')")
    assert reward == 0.5 and terminated and not truncated
    assert info["ended_by"] == "all_passed"


def test_reset_restores_the_seeded_state(web_env):
    obs, _ = web_env.reset(seed=0)
    assert "kiwi" not in obs["axtree"]  # added by the previous test, gone after reset
    rows = web_env.provider.instances["gymtest"].sql("SELECT name FROM items")
    assert [r["name"] for r in rows] == ["apple", "banana", "cherry"]


def test_done_and_fail_terminate_and_answers_need_an_answer_subtask(web_env):
    web_env.reset(seed=0)
    _, _, terminated, _, info = web_env.step("answer('42 units')")
    assert not terminated and info["answers"] == []  # the stub task takes no answer
    assert "no subtask that takes an answer" in info["last_action_error"]
    _, _, terminated, _, info = web_env.step("fail('no such product')")
    assert terminated and info["ended_by"] == "fail"


def test_truncates_at_max_steps(web_env):
    web_env.reset(seed=0)
    web_env.max_steps_override = 2
    try:
        web_env.reset(seed=0)
        _, _, term, trunc, _ = web_env.step("noop()")
        assert not term and not trunc
        _, _, term, trunc, _ = web_env.step("noop()")
        assert trunc and not term
    finally:
        web_env.max_steps_override = None


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("click(", "not a valid action"),
        ("click('e999')", "unknown element id 'e999'"),
        ("click(5000, 10)", "off-screen"),
        ("type('hello')", "nothing has keyboard focus"),
        ("goto('http://example.com/')", "blocked: example.com is not one of this task's sites"),
        ("goto('http://127.0.0.1:1/')", "blocked"),
        ("switch_tab(5)", "tabs are numbered 0..0"),
        ("close_tab()", "last tab"),
        ("back()", "no previous page"),
    ],
)
def test_bad_actions_are_no_op_steps_with_precise_errors(web_env, action, expected):
    obs0, _ = web_env.reset(seed=0)
    obs, reward, terminated, truncated, _ = web_env.step(action)
    assert expected in obs["last_action_error"]
    assert reward == 0.0 and not terminated and not truncated
    assert obs["url"] == obs0["url"]


def test_same_actions_from_same_reset_give_identical_screenshots(web_env):
    def run():
        shots = []
        obs, _ = web_env.reset(seed=0)
        shots.append(obs["screenshot"])
        field = eid(obs["axtree"], "textbox", "New item")
        for action in (f"fill('{field}', 'déjà vu')", "click(300, 10)", "scroll(0, 200)"):
            obs, *_ = web_env.step(action)
            shots.append(obs["screenshot"])
        obs, *_ = web_env.step(f"click('{eid(obs['axtree'], 'link', 'Widgets')}')")
        shots.append(obs["screenshot"])
        return shots

    first, second = run(), run()
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[0], first[-1])  # the steps really changed the page


def test_page_clock_is_frozen_to_the_site_clock(web_env):
    web_env.reset(seed=0)
    now = web_env.tabs.page.evaluate("new Date().toISOString()")
    health = web_env.provider.instances["gymtest"].health()
    assert now[:19] == health["now"][:19]


def test_start_at_a_subtask_replays_the_prefix_then_uses_the_snapshot(web_env):
    obs, info = web_env.reset(seed=0, options={"start_subtask": 1})
    assert "prefix" in info["timings"]
    assert [s["status"] for s in info["subtasks"]] == ["pass", "fail"]
    assert not info["subtasks"][0]["scored"] and info["subtasks"][1]["scored"]
    assert "Already done" in obs["instruction"]
    assert info["completion"] == 0.0
    obs, info = web_env.reset(seed=0, options={"start_subtask": "add-mango"})
    assert "prefix" not in info["timings"]  # restored from the cached snapshot
    assert [s["status"] for s in info["subtasks"]] == ["pass", "fail"]
    assert "kiwi" in obs["axtree"]
    field = eid(obs["axtree"], "textbox", "New item")
    web_env.step(f"fill('{field}', 'mango')")
    _, reward, terminated, _, _ = web_env.step("press('Enter')")
    assert reward == 1.0 and terminated
    obs, info = web_env.reset(seed=0)
    assert "kiwi" not in obs["axtree"]


def test_bad_start_subtask_is_a_config_error(web_env):
    with pytest.raises(ConfigError, match="did you mean 'add-kiwi'"):
        web_env.reset(seed=0, options={"start_subtask": "add-kiwis"})


def test_render_returns_the_last_screenshot():
    from webenv_testing import make_env

    env = make_env(obs=("axtree",), render_mode="rgb_array")
    try:
        env.reset(seed=0)
        frame = env.render()
        assert frame.shape == (720, 1280, 3)
    finally:
        env.close()


def test_registration_uses_string_entry_points():
    import guigym  # noqa: F401 - registers the ids

    spec = gym.spec("guigym/Web-v0")
    assert spec.entry_point == "guigym.envs.sampling:make_web"


def test_a_link_outside_the_sites_is_blocked_and_the_agent_stays(web_env):
    obs, _ = web_env.reset(seed=0)
    obs, reward, terminated, _, _ = web_env.step(
        f"click('{eid(obs['axtree'], 'link', 'Outside')}')"
    )
    assert "blocked: http://example.com/ is outside this task's sites" in obs["last_action_error"]
    assert obs["url"] == "http://gymtest.test/"
