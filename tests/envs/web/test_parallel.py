"""Parallel envs: AsyncVectorEnv runs episodes, and two envs never share state."""

from __future__ import annotations

import pytest
from gymnasium.vector import AsyncVectorEnv
from helpers import eid
from webenv_testing import make_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _vector_env_fn():
    return make_env(obs=("screenshot", "axtree", "url"))


def test_async_vector_env_runs_an_episode():
    envs = AsyncVectorEnv([_vector_env_fn, _vector_env_fn], shared_memory=False)
    try:
        obs, infos = envs.reset(seed=0)
        assert obs["screenshot"].shape == (2, 720, 1280, 3)
        assert list(obs["url"]) == ["http://gymtest.test/", "http://gymtest.test/"]
        field = eid(obs["axtree"][0], "textbox", "New item")
        obs, rewards, terms, truncs, infos = envs.step([f"fill('{field}', 'kiwi')", "noop()"])
        obs, rewards, terms, truncs, infos = envs.step(["press('Enter')", "noop()"])
        assert list(rewards) == [0.5, 0.0]
        assert 'listitem "kiwi"' in obs["axtree"][0] and "kiwi" not in obs["axtree"][1]
    finally:
        envs.close()


def test_two_envs_do_not_see_each_others_state():
    a, b = make_env(obs=("axtree",)), make_env(obs=("axtree",))
    try:
        obs_a, _ = a.reset(seed=0)
        b.reset(seed=0)
        a.step(f"fill('{eid(obs_a['axtree'], 'textbox', 'New item')}', 'only-in-a')")
        a.step("press('Enter')")
        a.tabs.context.add_cookies([{"name": "mark", "value": "a", "url": "http://gymtest.test/"}])
        obs_b, *_ = b.step("goto('http://gymtest.test/')")
        assert "only-in-a" not in obs_b["axtree"]
        assert not b.provider.instances["gymtest"].sql(
            "SELECT id FROM items WHERE name = 'only-in-a'"
        )
        assert all(c["name"] != "mark" for c in b.tabs.context.cookies())
        assert a.provider.ports["gymtest"] != b.provider.ports["gymtest"]
        assert a.browser.pid() != b.browser.pid()
    finally:
        a.close()
        b.close()


def test_reset_clears_cookies_and_storage_of_the_previous_episode(web_env):
    web_env.reset(seed=0)
    page = web_env.tabs.page
    page.evaluate("localStorage.setItem('k', 'v'); sessionStorage.setItem('s', 'v')")
    web_env.tabs.context.add_cookies([{"name": "old", "value": "1", "url": "http://gymtest.test/"}])
    web_env.reset(seed=0)
    page = web_env.tabs.page
    assert page.evaluate("localStorage.getItem('k')") is None
    assert page.evaluate("sessionStorage.getItem('s')") is None
    assert all(c["name"] != "old" for c in web_env.tabs.context.cookies())
