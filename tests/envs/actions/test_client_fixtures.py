"""Real clients' action strings (client_fixtures.py) through ``env.step`` on real envs.

The contract (envs/actions/README.md, "One step"): a step runs every action its input parses
to, in order; ``action_space.contains()`` agrees with what ``step`` accepts; a refusal names the
unsupported feature and never says the input held several actions.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import gymnasium as gym
import pytest
from guigym.envs.actions import parse_actions

import guigym  # noqa: F401 - registers the ids
from guigym.errors import ActionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from client_fixtures import (  # noqa: E402
    BROWSERGYM,
    OSWORLD_COMPUTER13,
    OSWORLD_PYAUTOGUI,
)

ALL = BROWSERGYM + OSWORLD_PYAUTOGUI + OSWORLD_COMPUTER13


def _parse_error(action) -> str:
    try:
        parse_actions(action)
    except ActionError as exc:
        return str(exc)
    return ""


@pytest.mark.parametrize(("source", "action", "expected"), ALL, ids=[repr(a[1])[:50] for a in ALL])
def test_every_fixture_parses_or_is_refused_for_a_named_feature(source, action, expected):
    error = _parse_error(action)
    assert "several" not in error and "expected one action" not in error
    if expected == "run":
        assert error == "", f"{source}: {action!r} was refused: {error}"
    else:
        feature = expected.removeprefix("refused: ")
        assert feature in error, f"{source}: {action!r}: {error!r} does not name {feature!r}"


def _run_through_step(env, fixtures) -> dict[str, list]:
    """Step every fixture; reset when one ends the episode. Returns outcome lists."""
    outcome: dict[str, list] = {"run": [], "refused": []}
    env.reset(seed=0)
    for source, action, expected in fixtures:
        accepted = env.action_space.contains(action)
        _, _, terminated, truncated, info = env.step(action)
        error = info["last_action_error"]
        assert accepted == (expected == "run"), (source, action, error)
        if accepted:
            # performed: any error comes from doing it on this page (no such element, a URL
            # outside the task's sites), never from parsing
            assert not error.startswith(_parse_error(action) or "\0"), (action, error)
            outcome["run"].append((action, error))
        else:
            assert error == _parse_error(action), (action, error)
            outcome["refused"].append((action, error))
        assert "expected one action" not in error
        if terminated or truncated:
            env.reset(seed=0)
    return outcome


@pytest.mark.browser
def test_browsergym_and_pyautogui_fixtures_run_through_web_step():
    env = gym.make("guigym/demo.add-to-cart-v0", obs=("url", "axtree"), max_steps=500)
    try:
        out = _run_through_step(env.unwrapped, BROWSERGYM + OSWORLD_PYAUTOGUI)
    finally:
        env.close()
    assert len(out["run"]) == sum(e == "run" for *_, e in BROWSERGYM + OSWORLD_PYAUTOGUI)
    done = dict(out["run"])
    for action, error in out["run"] + out["refused"]:
        print(f"{action!r:.70} -> {error or 'ok'}")
    # multi-action input ran every action in order (the click and the sleep did; typing needs
    # a focused field, and the click at the page's middle focuses none) ...
    block = done["pyautogui.click(640, 360); time.sleep(0.5); pyautogui.typewrite('hello')"]
    assert block.startswith("action 3 of 3 (type): type(): nothing has keyboard focus"), block
    assert done["pyautogui.press('down', presses=3)"] == ""
    # ... or stopped at its first failing action, named by position
    first = "fill('237', 'example value')\nclick('a51')\nkeyboard_press('Enter')"
    assert done[first].startswith("action 1 of 3 (fill): "), done[first]


@pytest.mark.browser
def test_a_multi_action_step_runs_in_order_and_stops_at_the_first_error():
    env = gym.make("guigym/demo.add-to-cart-v0", obs=("url",))
    try:
        env.reset(seed=0)
        obs, _, _, _, info = env.step(
            "goto('http://shop.test/search?q=mouse')\nclick('e99999')\ngoto('http://shop.test/')"
        )
        assert obs["url"] == "http://shop.test/search?q=mouse"  # the third never ran
        assert info["last_action_error"].startswith("action 2 of 3 (click): ")
        obs, _, _, _, info = env.step("goto('http://shop.test/'); goto('http://shop.test/cart')")
        assert info["last_action_error"] == "" and obs["url"] == "http://shop.test/cart"
        obs, _, terminated, _, info = env.step("noop(); done()")
        assert terminated and info["ended_by"] == "done"
    finally:
        env.close()


@pytest.mark.xvfb
@pytest.mark.slow
def test_osworld_fixtures_run_through_desktop_step():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    picked = [f for f in OSWORLD_PYAUTOGUI + OSWORLD_COMPUTER13 if f[1] not in ("FAIL", "DONE")]
    picked = [f for f in picked if not (isinstance(f[1], dict) and f[1]["action_type"] in
                                        ("FAIL", "DONE"))]  # fmt: skip
    env = gym.make("guigym/desktop.meeting-notes-v0", obs=("screenshot",), max_steps=500)
    try:
        out = _run_through_step(env.unwrapped, picked)
    finally:
        env.close()
    assert [a for a, e in out["run"] if e] == [], out["run"]  # on the desktop every one runs
    assert len(out["refused"]) == sum(e != "run" for *_, e in picked)
