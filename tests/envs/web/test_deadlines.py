"""Every input call has a deadline: no action hangs step(); a stall is an EnvError; reset recovers.

The hang these tests reproduce: ``type("\\nab\\t")`` in the shop's search box on its search page
(Enter submits to the same URL while keys are still queued) left Playwright's keyboard call
waiting for an acknowledgement Chromium never sent: 8 of 100 tries hung forever before the
executor split text at line breaks and bounded every call (``envs/web/deadline.py``).
"""

from __future__ import annotations

import contextlib
import re
import signal
import time

import pytest
from guigym.envs.web.executor import MAX_TYPED
from webenv_testing import make_env

from guigym.errors import EnvError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: DESIGN's bound on one step (execute + settle + observe + verify)
STEP_BOUND_S = 10.0


class StepHung(Exception):
    """A step ran past the bound (raised by the alarm, so a hang fails instead of blocking)."""


@contextlib.contextmanager
def step_bound(seconds: float = STEP_BOUND_S):
    """Fail a block that runs longer than ``seconds`` (SIGALRM breaks out of a blocked call)."""

    def alarm(*_: object) -> None:
        raise StepHung(f"the step ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _search_box(axtree: str) -> str:
    line = next(ln for ln in axtree.splitlines() if "searchbox" in ln)
    return line.split("[", 1)[1].split("]", 1)[0]


@pytest.fixture(scope="module")
def shop_env():
    from guigym.envs.web import WebEnv

    env = WebEnv(task="demo.product-price", obs=("axtree", "url"))
    yield env
    env.close()


def test_enter_mid_text_in_a_search_box_never_hangs(shop_env):
    """40 tries of the issue's hang (before the fix ~8 % hung: P(no hang in 40) < 4 %)."""
    env = shop_env
    obs, _ = env.reset(seed=0)
    obs, *_ = env.step("goto('http://shop.test/search?q=')")
    for _ in range(40):
        obs, *_ = env.step(f"click('{_search_box(obs['axtree'])}')")
        with step_bound():
            obs, _, terminated, truncated, _ = env.step('type("\\nab\\t")')
        assert obs["last_action_error"] == ""
        assert obs["url"].startswith("http://shop.test/search?q=")
        if terminated or truncated:
            obs, _ = env.reset(seed=0)
            obs, *_ = env.step("goto('http://shop.test/search?q=')")


def test_type_sends_line_breaks_as_their_own_keys(shop_env):
    """The text after an Enter lands on the page the Enter opened (a person waits for it)."""
    env = shop_env
    obs, _ = env.reset(seed=0)
    obs, *_ = env.step(f"click('{_search_box(obs['axtree'])}')")
    obs, *_ = env.step('type("mouse\\n")')
    assert obs["url"] == "http://shop.test/search?q=mouse", obs["last_action_error"]


def test_long_text_is_refused_with_a_hint_and_the_longest_allowed_is_bounded(shop_env):
    env = shop_env
    obs, _ = env.reset(seed=0)
    box = _search_box(obs["axtree"])
    env.step(f"click('{box}')")
    obs, *_ = env.step(f"type({'x' * (MAX_TYPED + 1)!r})")
    assert f"at most {MAX_TYPED} characters" in obs["last_action_error"]
    assert "fill(id, text)" in obs["last_action_error"]
    started = time.monotonic()
    with step_bound():
        obs, *_ = env.step(f"type({'y' * MAX_TYPED!r})")
    # typed whole, or (on a very busy machine) stopped with an agent error; never a hang
    error = obs["last_action_error"]
    assert error == "" or re.fullmatch(r"type\(\): typed \d+ of 1000 characters before .*", error)
    assert time.monotonic() - started < STEP_BOUND_S
    obs, *_ = env.step(f"fill('{box}', {'z' * 5000!r})")  # long text: fill, at once
    assert obs["last_action_error"] == ""


def test_a_page_that_stops_taking_keys_is_an_env_error_and_reset_recovers():
    env = make_env(obs=("axtree", "url"))
    try:
        env.reset(seed=0)
        obs, *_ = env.step("goto('http://gymtest.test/nasty/frozen-keys')")
        obs, *_ = env.step("click('label=Frozen')")
        pid = env.browser.pid()
        started = time.monotonic()
        with step_bound(), pytest.raises(EnvError, match="stopped taking input"):
            env.step("type('abc')")
        assert time.monotonic() - started < STEP_BOUND_S
        with pytest.raises(EnvError, match="reset"):
            env.step("click(10, 10)")
        with step_bound(30):
            obs, _ = env.reset(seed=0)
        assert env.browser.pid() not in (None, pid)  # the wedged browser was replaced
        assert obs["url"] == "http://gymtest.test/" and 'listitem "apple"' in obs["axtree"]
        obs, *_ = env.step("goto('http://gymtest.test/list')")
        assert obs["last_action_error"] == ""
    finally:
        env.close()
