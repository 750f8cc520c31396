"""Infrastructure faults raise EnvError from step(); the next reset() brings everything back."""

from __future__ import annotations

import os
import signal

import pytest
from helpers import eid
from webenv_testing import make_env

from guigym.errors import EnvError

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def env():
    env = make_env(obs=("axtree", "url"))
    yield env
    env.close()


def test_killed_browser_raises_env_error_then_reset_recovers(env):
    env.reset(seed=0)
    pid = env.browser.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(EnvError):
        env.step("click(10, 10)")
    obs, info = env.reset(seed=0)
    assert env.browser.pid() not in (None, pid)
    assert obs["url"] == "http://gymtest.test/"
    obs, *_ = env.step(f"click('{eid(obs['axtree'], 'link', 'Widgets')}')")
    assert obs["url"] == "http://gymtest.test/form" and obs["last_action_error"] == ""


def test_killed_site_raises_env_error_then_reset_restarts_it_on_the_same_port(env):
    env.reset(seed=0)
    site = env.provider.instances["gymtest"]
    port = site.port
    os.kill(site.pid, signal.SIGKILL)
    with pytest.raises(EnvError, match="gymtest"):
        env.step("goto('http://gymtest.test/list')")
    obs, _ = env.reset(seed=0)
    assert env.provider.instances["gymtest"].port == port and site.alive()
    assert 'listitem "apple"' in obs["axtree"]


def test_browser_is_not_relaunched_on_warm_reset(env):
    env.reset(seed=0)
    pid = env.browser.pid()
    for _ in range(3):
        env.reset(seed=0)
    assert env.browser.pid() == pid


def test_a_crashed_tab_is_replaced_at_reset(env):
    env.reset(seed=0)
    pid = env.browser.pid()
    try:
        env.tabs.page.goto("chrome://crash", wait_until="commit", timeout=3_000)
    except Exception:  # noqa: BLE001 - the crash interrupts the navigation
        pass
    obs, _ = env.reset(seed=0)
    assert env.browser.pid() == pid  # the browser lives on; only the context was replaced
    assert obs["url"] == "http://gymtest.test/" and 'listitem "apple"' in obs["axtree"]


def test_fresh_context_mode_resets_too():
    env = make_env(obs=("url",), fresh_context=True)
    try:
        env.reset(seed=0)
        first = env.tabs.context
        obs, _ = env.reset(seed=0)
        assert env.tabs.context is not first and obs["url"] == "http://gymtest.test/"
    finally:
        env.close()
