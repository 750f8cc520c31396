"""DesktopEnv on a real desktop: Gymnasium conformance, the oracle chain, bad actions, mid-chain."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from guigym.envs.desktop.env import _Actor
from guigym.tasks import CallOracle, load_callable

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


def _play_oracle(env, start: int = 0) -> tuple[float, dict, bool]:
    """Run every subtask's oracle from ``start`` through the env; returns total reward and info."""
    total, info, terminated = 0.0, {}, False
    for sub in env.task.rendered.subtasks[start:]:
        if isinstance(sub.oracle, CallOracle):
            load_callable(env.task.spec, sub.oracle.call)(_Actor(env))
            steps = ["noop()"]
        else:
            steps = list(sub.oracle)
        for action in steps:
            _obs, reward, terminated, _trunc, info = env.step(action)
            assert info["last_action_error"] == "", (action, info["last_action_error"])
            total += reward
    return total, info, terminated


def test_ids_are_registered() -> None:
    import guigym  # noqa: F401 - registers the ids

    assert gym.spec("guigym/Desktop-v0").entry_point == "guigym.envs.sampling:make_desktop"
    spec = gym.spec("guigym/desktop.meeting-notes-v0")
    assert spec.kwargs == {"task": "desktop.meeting-notes"}


def test_observation_matches_the_space(desktop_env) -> None:
    obs, info = desktop_env.reset(seed=1)
    assert desktop_env.observation_space.contains(obs)
    assert obs["screenshot"].shape == (720, 1280, 3) and obs["screenshot"].std() > 10
    assert "Mousepad" in obs["windows"] and "Pcmanfm" in obs["windows"]
    assert "application 'mousepad'" in obs["axtree"]
    assert [s["status"] for s in info["subtasks"]] == ["fail"] * 4  # nothing passes at the start
    assert obs["instruction"].startswith("In the text editor")
    assert np.array_equal(desktop_env.render(), obs["screenshot"])


def test_oracle_chain_passes_subtask_by_subtask(desktop_env) -> None:
    desktop_env.reset(seed=0)
    total, info, terminated = _play_oracle(desktop_env)
    assert terminated and info["ended_by"] == "all_passed"
    assert total == pytest.approx(1.0)
    assert all(s["status"] == "pass" for s in info["subtasks"])
    firsts = [s["first_passed_step"] for s in info["subtasks"]]
    assert firsts == sorted(firsts)


def test_reset_after_an_episode_is_clean(desktop_env) -> None:
    obs, info = desktop_env.reset(seed=0)
    assert all(s["status"] == "fail" for s in info["subtasks"])
    assert not desktop_env.provider.client.exists("~/notes.txt")
    assert obs["windows"].count("\n") == 1  # the two start windows only


@pytest.mark.parametrize(
    ("action", "needle"),
    [
        ("click(5000, 10)", "off-screen"),
        ('click("e99999")', "no element"),
        ('press("Hyperspace")', "unknown key"),
        ("this is not an action", ""),
        ('goto("http://shop.test/")', "no browser window"),
        ('select("e1", "x")', "not available on the desktop"),
    ],
)
def test_bad_actions_are_no_op_steps_with_an_error(desktop_env, action: str, needle: str) -> None:
    if desktop_env.task is None or desktop_env._done:
        desktop_env.reset(seed=0)
    obs, reward, terminated, truncated, info = desktop_env.step(action)
    assert obs["last_action_error"] and needle in obs["last_action_error"]
    assert reward == 0.0 and not terminated


def test_mid_chain_start_replays_the_prefix_then_restores_it(desktop_env) -> None:
    obs, info = desktop_env.reset(seed=0, options={"start_subtask": 2})
    assert "prefix" in info["timings"]
    assert [s["scored"] for s in info["subtasks"]] == [False, False, True, True]
    assert desktop_env.provider.client.exists("~/notes.txt")
    assert "Attendees" in desktop_env.provider.client.read_text("~/notes.txt")
    obs, info = desktop_env.reset(seed=0, options={"start_subtask": 2})
    assert "prefix" not in info["timings"]  # the home snapshot of the prefix was restored
    assert "Attendees" in desktop_env.provider.client.read_text("~/notes.txt")
    total, info, terminated = _play_oracle(desktop_env, start=2)
    assert terminated and total == pytest.approx(1.0)


def test_check_env_passes(desktop_env) -> None:
    from gymnasium.utils.env_checker import check_env

    check_env(desktop_env, skip_render_check=False)
