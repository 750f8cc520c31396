"""Element ids survive re-renders; settling waits for fetches, never a fixed sleep."""

from __future__ import annotations

import re

import pytest
from helpers import eid

pytestmark = pytest.mark.browser


def item_ids(axtree: str) -> dict[str, str]:
    return {name: i for i, name in re.findall(r"\[(e\d+)\] button \"(one|two|three)\"", axtree)}


def test_ids_survive_a_re_render(web_env):
    obs, _ = web_env.reset(seed=0)
    obs, *_ = web_env.step("goto('http://gymtest.test/rerender')")
    before = item_ids(obs["axtree"])
    assert set(before) == {"one", "two", "three"}
    node = web_env.tabs.page.query_selector(f'[data-gg-id="{before["two"]}"]')
    obs, *_ = web_env.step(f"click('{eid(obs['axtree'], 'button', 'Render again')}')")
    assert not node.evaluate("(el) => el.isConnected")  # really a new element
    after = item_ids(obs["axtree"])
    assert after == before
    obs, *_ = web_env.step(f"click('{after['two']}')")  # the old id still works
    assert obs["last_action_error"] == ""
    assert f'[{after["two"]}] button "two" focused' in obs["axtree"]


def test_ids_are_the_same_in_axtree_and_dom(web_env):
    obs, _ = web_env.reset(seed=0)
    ids_ax = set(re.findall(r"\[(e\d+)\]", obs["axtree"]))
    ids_dom = set(re.findall(r'data-gg-id="(e\d+)"', obs["dom"]))
    assert ids_ax and ids_ax <= ids_dom


def test_settle_waits_for_a_pending_fetch(web_env):
    obs, _ = web_env.reset(seed=0)
    obs, *_ = web_env.step("goto('http://gymtest.test/rerender')")
    obs, _, _, _, info = web_env.step(f"click('{eid(obs['axtree'], 'button', 'Load later')}')")
    assert 'paragraph "loaded"' in obs["axtree"]  # the answer came after 150 ms
    assert info["timings"]["settle"] >= 100


def test_settle_follows_a_form_submission_to_the_next_page(web_env):
    obs, _ = web_env.reset(seed=0)
    web_env.step(f"fill('{eid(obs['axtree'], 'textbox', 'New item')}', 'plum')")
    obs, *_ = web_env.step("press('Enter')")
    assert 'listitem "plum"' in obs["axtree"]


def test_animations_are_off(web_env):
    web_env.reset(seed=0)
    name = web_env.tabs.page.evaluate(
        "getComputedStyle(document.querySelector('.spin')).animationName"
    )
    assert name == "none"
