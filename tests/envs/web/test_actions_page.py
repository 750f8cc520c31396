"""Every action kind does what it says on a real page of the test site."""

from __future__ import annotations

import json
import re

import pytest
from helpers import eid

pytestmark = pytest.mark.browser


@pytest.fixture
def form(web_env):
    """The env on the widgets page; returns (env, obs)."""
    obs, _ = web_env.reset(seed=0)
    obs, *_ = web_env.step(f"click('{eid(obs['axtree'], 'link', 'Widgets')}')")
    assert obs["url"] == "http://gymtest.test/form"
    return web_env, obs


def page_eval(env, script):
    return env.tabs.page.evaluate(script)


def ok(env, action):
    obs, reward, terminated, truncated, info = env.step(action)
    assert obs["last_action_error"] == "", f"{action}: {obs['last_action_error']}"
    return obs


def test_form_widgets_fill_select_check_upload_submit(form):
    env, obs = form
    tree = obs["axtree"]
    ok(env, f"fill('{eid(tree, 'textbox', 'Text')}', 'héllo wörld')")
    ok(env, f"click('{eid(tree, 'textbox', 'Notes')}')")
    ok(env, "type('line one')")
    ok(env, f"select('{eid(tree, 'combobox', 'Color')}', 'Green')")
    ok(env, f"check('{eid(tree, 'checkbox', 'I agree')}')")
    ok(env, f"check('{eid(tree, 'radio', 'Large')}')")
    obs = ok(env, f"upload('{eid(tree, 'button', 'File')}', '~/report.txt')")
    assert 'checkbox "I agree" checked' in obs["axtree"]
    assert 'radio "Large" checked' in obs["axtree"]
    assert 'files="report.txt"' in obs["axtree"]
    assert 'value="Green"' in obs["axtree"]
    obs = ok(env, f"click('{eid(tree, 'button', 'Send')}')")
    assert "héllo wörld|g|yes|L|report.txt" in obs["axtree"]
    row = env.provider.instances["gymtest"].sql("SELECT * FROM submissions")[-1]
    assert row["notes"] == "line one" and row["agree"] == 1


def test_uncheck_and_clear(form):
    env, obs = form
    tree = obs["axtree"]
    box = eid(tree, "checkbox", "I agree")
    ok(env, f"check('{box}')")
    obs = ok(env, f"uncheck('{box}')")
    assert 'checkbox "I agree" unchecked' in obs["axtree"]
    field = eid(tree, "textbox", "Text")
    ok(env, f"fill('{field}', 'abc')")
    obs = ok(env, f"clear('{field}')")
    assert 'textbox "Text" value=""' in obs["axtree"]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda t: f"select('{eid(t, 'combobox', 'Color')}', 'Purple')", "no option 'Purple'"),
        (lambda t: f"select('{eid(t, 'textbox', 'Text')}', 'Red')", "not a select box"),
        (lambda t: f"check('{eid(t, 'textbox', 'Text')}')", "not a checkbox"),
        (lambda t: f"uncheck('{eid(t, 'radio', 'Small')}')", "radio button"),
        (lambda t: f"fill('{eid(t, 'checkbox', 'I agree')}', 'x')", "not a text field"),
        (lambda t: f"upload('{eid(t, 'button', 'File')}', '~/missing.pdf')", "no file"),
        (lambda t: f"upload('{eid(t, 'button', 'File')}', '~/../../etc/passwd')", "outside"),
        (lambda t: f"upload('{eid(t, 'textbox', 'Text')}', '~/report.txt')", "not a file input"),
    ],
)
def test_widget_mistakes_are_precise(form, make, expected):
    env, obs = form
    obs, *_ = env.step(make(obs["axtree"]))
    assert expected in obs["last_action_error"]


def test_pointer_actions(form):
    env, obs = form
    box = page_eval(
        env,
        "(() => { const r = document.getElementById('target').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    )
    x, y = box
    # press/release and drag first: after a double-click the word is selected, and pressing
    # on a selection starts a drag-and-drop in a real browser (no mouseup).
    ok(env, f"move({x + 5}, {y})")
    ok(env, "mouse_down()")
    ok(env, f"mouse_up({x + 10}, {y})")
    assert (
        page_eval(env, "document.getElementById('mouse').textContent")
        == f"up {int(x + 10)},{int(y)}"
    )
    ok(env, f"drag({x}, {y}, {x + 20}, {y + 1})")
    assert (
        page_eval(env, "document.getElementById('mouse').textContent")
        == f"up {int(x + 20)},{int(y + 1)}"
    )
    ok(env, f"hover({x}, {y})")
    assert page_eval(env, "document.getElementById('hovered').textContent") == "hovered"
    ok(env, f"double_click({x}, {y})")
    assert page_eval(env, "document.getElementById('target').textContent") == "double"
    ok(env, f"right_click({x}, {y})")
    assert page_eval(env, "document.getElementById('target').textContent") == "context"


def test_keys(form):
    env, obs = form
    ok(env, f"click('{eid(obs['axtree'], 'textbox', 'Text')}')")
    ok(env, "press('Control+k')")
    assert page_eval(env, "document.getElementById('keys').textContent") == "ctrl-k"
    ok(env, "key_down('Shift')")
    ok(env, "press('KeyA')")
    ok(env, "key_up('Shift')")
    ok(env, "press('b')")
    assert page_eval(env, "document.getElementById('text').value") == "Ab"
    obs = ok(env, "press('Tab')")
    assert 'textbox "Notes" value="" focused' in obs["axtree"]


def test_scrolling_page_and_inner_box(web_env):
    obs, _ = web_env.reset(seed=0)
    obs = ok(web_env, f"click('{eid(obs['axtree'], 'link', 'Scroll')}')")
    ok(web_env, "scroll(0, 600, x=600, y=500)")
    assert page_eval(web_env, "window.scrollY") == 600
    ok(web_env, "scroll(0, -600)")  # at the pointer, which stayed outside the box
    assert page_eval(web_env, "window.scrollY") == 0
    deep = eid(obs["axtree"], "button", "Deep button")
    box = re.search(r'id="box" data-gg-id="(e\d+)"', obs["dom"]).group(1)
    obs = ok(web_env, f"scroll('{box}', dy=400)")
    assert page_eval(web_env, "document.getElementById('box').scrollTop") > 0
    assert page_eval(web_env, "window.scrollY") == 0
    obs = ok(web_env, f"click('{deep}')")  # scrolled into view inside the box, then clicked
    assert 'button "pressed"' in obs["axtree"]


def test_navigation_and_tabs(web_env):
    obs, _ = web_env.reset(seed=0)
    obs = ok(web_env, "goto('http://gymtest.test/list')")
    assert obs["title"] == "List"
    obs = ok(web_env, "back()")
    assert obs["url"] == "http://gymtest.test/"
    obs = ok(web_env, "forward()")
    assert obs["url"] == "http://gymtest.test/list"
    obs = ok(web_env, "new_tab('http://gymtest.test/form')")
    tabs = json.loads(obs["tabs"])
    assert [t["active"] for t in tabs] == [False, True] and obs["title"] == "Widgets"
    obs = ok(web_env, "switch_tab(0)")
    assert obs["title"] == "List"
    obs = ok(web_env, "switch_tab(1)")
    obs = ok(web_env, "close_tab()")
    assert len(json.loads(obs["tabs"])) == 1 and obs["title"] == "List"
    obs = ok(web_env, "goto('http://gymtest.test/')")
    obs = ok(web_env, f"click('{eid(obs['axtree'], 'link', 'List in new tab')}')")
    assert obs["title"] == "List" and len(json.loads(obs["tabs"])) == 2  # follows the new tab
    obs, _ = web_env.reset(seed=0)
    assert len(json.loads(obs["tabs"])) == 1  # reset closes extra tabs
    obs, *_ = web_env.step("back()")
    assert "no previous page" in obs["last_action_error"]  # and clears history


def test_wait_answer_noop(web_env):
    web_env.reset(seed=0)
    obs, _, _, _, info = web_env.step("wait(0.05)")
    assert obs["last_action_error"] == ""
    web_env.step("noop()")
    _, _, _, _, info = web_env.step("answer('forty two')")
    # the stub task has no answer subtask: nothing to bind to, so nothing is recorded
    assert info["answers"] == [] and "takes an answer" in info["last_action_error"]


def test_foreign_dialects_are_accepted(web_env):
    web_env.reset(seed=0)
    obs, *_ = web_env.step("pyautogui.scroll(-5)")
    assert obs["last_action_error"] == ""
    obs, *_ = web_env.step({"action": "click", "x": 10, "y": 10})
    assert obs["last_action_error"] == ""
