"""Locator strings (role=/label=/text=/placeholder=/css=) act like the element's id."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _step(env, action):
    obs, *_ = env.step(action)
    return obs


def test_locators_drive_a_form_like_ids(web_env):
    obs, _ = web_env.reset(seed=0)
    obs = _step(web_env, "click('role=link[name=\"Widgets\"]')")
    assert obs["last_action_error"] == ""
    assert obs["url"] == "http://gymtest.test/form"
    for action in (
        "fill('label=Text', 'by label')",
        "select('role=combobox[name=\"Color\"]', 'Green')",
        "check('role=checkbox[name=\"I agree\"]')",
        "click('label=Notes')",
        "type('typed')",
    ):
        obs = _step(web_env, action)
        assert obs["last_action_error"] == "", f"{action}: {obs['last_action_error']}"
    assert 'checkbox "I agree" checked' in obs["axtree"]
    obs = _step(web_env, "click('role=button[name=\"Send\"]')")
    assert obs["last_action_error"] == ""
    row = web_env.provider.instances["gymtest"].sql("SELECT * FROM submissions")[-1]
    assert row["notes"] == "typed" and row["agree"] == 1


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("click('role=button[name=\"No such button\"]')", "no element matches"),
        ("fill('label=Nope', 'x')", "no element matches"),
        ("click('css=#definitely-missing')", "no element matches"),
    ],
)
def test_unmatched_locator_is_an_agent_error(web_env, action, message):
    web_env.reset(seed=0)
    obs, reward, terminated, truncated, _ = web_env.step(action)
    assert message in obs["last_action_error"]
    assert not terminated and not truncated and reward == 0


def test_a_link_wrapping_over_two_lines_is_clickable(web_env):
    """A wrapped link has its box centre between its line boxes; the click must still land."""
    web_env.reset(seed=0)
    web_env.tabs.page.evaluate(
        """() => { const p = document.createElement('p');
        p.style.cssText = 'width: 260px; font: 16px monospace; margin: 0';
        p.innerHTML = 'Some words to fill x <a href="/form">page link</a> tail';
        document.body.prepend(p); }"""
    )
    obs, *_ = web_env.step("click('role=link[name=\"page link\"]')")
    assert obs["last_action_error"] == ""
    assert obs["url"] == "http://gymtest.test/form"
