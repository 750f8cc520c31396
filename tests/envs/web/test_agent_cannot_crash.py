"""No agent action crashes or wedges a WebEnv episode (DESIGN §4 "bad input never crashes").

Two parts: a table of nasty actions on the test site's ``/nasty`` page (outside links and
redirects, popups, downloads, dialogs, self-closing tabs, error pages, browser shortcuts, tab
and history edges), and a seeded random run over the real shop and mail sites. Every step must
return normally, any problem must be in ``obs["last_action_error"]``, the env must keep
observing, and ``reset()`` must work afterwards.
"""

from __future__ import annotations

import random
import re

import pytest
from webenv_testing import make_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NASTY = "goto('http://gymtest.test/nasty')"
OBS = ("screenshot", "axtree", "url", "tabs")

# (action on the /nasty page, a fragment the error must contain, or "" for a clean step, or
#  None when either is fine)
TABLE = [
    ("click('text=Outside')", "blocked: http://example.com/"),
    ("click('text=Outside', button='middle')", "blocked: http://example.com/"),
    ("click('text=Outside in new tab')", "blocked: http://example.com/"),
    ("click('text=Open outside')", "blocked: http://example.com/"),
    ("click('text=Script to outside')", "blocked: http://example.com/"),
    ("click('text=Redirect outside')", "blocked: http://example.com/"),
    ("click('text=Meta refresh outside')", "blocked: http://example.com/"),
    ("click('text=Submit outside')", "blocked: http://example.com/"),
    ("click('text=Https self')", "could not load https://gymtest.test/"),
    ("click('text=Wrong port')", "could not load http://gymtest.test:1/"),
    ("goto('https://gymtest.test/')", None),
    ("new_tab('http://example.com/')", "blocked"),
    ("click('text=Same in new tab')", ""),
    ("click('text=Open many')", ""),
    ("click('text=Self closing popup')", None),
    # Chromium ignores window.close() in a tab with more than one history entry (start page,
    # then /nasty)
    ("click('text=Close window')", ""),
    ("click('text=Download')", ""),
    ("click('text=Download in new tab')", None),
    ("click('text=Download attribute')", ""),
    ("click('text=Alert')", ""),
    ("click('text=Confirm')", ""),
    ("click('text=Prompt')", ""),
    ("click('text=Print')", ""),
    ("click('text=Alert on load')", ""),
    ("click('text=Javascript')", ""),
    ("click('text=Data url')", None),
    ("click('text=Mail to')", None),
    ("click('text=File url')", None),
    ("click('text=Chrome url')", None),
    ("click('text=Missing page')", ""),
    ("click('text=No content')", ""),
    ("click('text=Reload loop')", ""),
    ("click('text=Busy page')", ""),
    ("click('text=Frames')", ""),
    ("click('text=Fullscreen')", ""),
    ("click('text=Push state')", ""),
    ("click('text=History back')", None),
    ("click('text=Submit in new tab')", ""),
    ("fill('label=Focus alert', 'x')", ""),
    ("select('label=Disabled', 'a')", "disabled"),
    ("upload('label=Files', '~/report.txt')", ""),
    ("upload('text=Alert', '~/report.txt')", "not a file input"),
    ("select('text=Alert', 'x')", "not a select"),
    ("type('nothing focused')", "nothing has keyboard focus"),
    ("drag(10, 10, 5000, 5000)", "off-screen"),
    ("drag(600, 300, 0, 0)", ""),
    ("scroll(0, 100000)", ""),
    ("back()", None),
    ("forward()", None),
    ("close_tab()", "last tab"),
    ("switch_tab(7)", "tabs are numbered"),
    ("press('Control+w')", ""),
    ("press('Control+t')", ""),
    ("press('F5')", ""),
    ("press('Alt+Left')", None),
    ("press('Control+p')", ""),
    ("key_down('Shift')", ""),
    ("click('text=Same in new tab')", ""),
    ("key_up('Shift')", ""),
]


def _check(env, obs, info) -> None:
    assert env.observation_space.contains(obs), {k: type(v) for k, v in obs.items()}
    assert obs["last_action_error"] == info["last_action_error"]
    assert obs["screenshot"].shape == (720, 1280, 3)
    assert not obs["url"].startswith("chrome-error:"), obs["url"]


@pytest.mark.xfail(
    run=False,
    reason="open: the screenshot wedge is fixed (test_self_reloading_page_never_wedges_a_step), "
    "but one run in three still fails a row: fill('label=Focus alert') finds no element, or "
    "reset's goto to the start page times out after a row",
)
def test_nasty_actions_are_agent_errors_at_most():
    env = make_env(obs=OBS, max_steps=10_000)
    try:
        env.reset(seed=0)
        failures = []
        for action, expected in TABLE:
            env.reset(seed=0)  # rows are independent: one tab, fresh history, nothing pending
            obs, _, _, _, info = env.step(NASTY)
            _check(env, obs, info)
            assert obs["last_action_error"] == "", (action, obs["last_action_error"])
            obs, _, terminated, truncated, info = env.step(action)
            _check(env, obs, info)
            error = obs["last_action_error"]
            if expected is not None and (expected not in error if expected else error):
                failures.append((action, expected, error))
        assert not failures, failures
        obs, _ = env.reset(seed=0)
        assert obs["url"] == "http://gymtest.test/" and 'listitem "apple"' in obs["axtree"]
    finally:
        env.close()


def test_self_reloading_page_never_wedges_a_step():
    """A page reloading itself every 50 ms once hung CDP's screenshot forever (no timeout)."""
    env = make_env(obs=OBS, max_steps=100)
    try:
        env.reset(seed=0)
        env.step(NASTY)
        obs, _, _, _, info = env.step("click('text=Reload loop')")
        _check(env, obs, info)
        for _ in range(5):
            obs, _, _, _, info = env.step("scroll(0, 50)")
            _check(env, obs, info)
        for _ in range(3):  # as an agent would: the page's own reload may win one race
            obs, _, _, _, info = env.step(NASTY)
            if obs["last_action_error"] == "":
                break
        assert obs["last_action_error"] == "" and obs["url"] == "http://gymtest.test/nasty"
        obs, _ = env.reset(seed=0)
        assert obs["url"] == "http://gymtest.test/"
    finally:
        env.close()


_IDS = re.compile(r"^\s*\[(e\d+)\]", re.MULTILINE)
_MAIL_LINKS = re.compile(r"\[(e\d+)\] link \"[^\"]*\" href=\"(/messages/[^\"]*)\"")
_EXTRA = [
    "goto('http://mail.test/')",
    "goto('http://shop.test/')",
    "goto('https://shop.test/')",
    "goto('http://example.com/')",
    "new_tab('http://mail.test/')",
    "close_tab()",
    "switch_tab(2)",
    "back()",
    "forward()",
    "press('Enter')",
    "press('Control+w')",
    "press('Alt+Left')",
    "key_down('Control')",
    "key_up('Control')",
    "type('hello')",
]


# darius.young's mail holds message 268 with a PDF attachment (id 34)
MAIL_NASTY = [
    ("click('text=INV-HOBB-1029.pdf')", ""),  # a download
    ("click('role=link[name=\"Open\"]')", ""),  # the PDF inline, in a new tab
    ("press('Control+s')", ""),
    ("close_tab()", ""),
    ("goto('http://mail.test/messages/268/attachments/34')", None),
]


def _mail_login(env) -> dict:
    """Sign in to the mail site too (the task's start page only signs in to the shop)."""
    env.tabs.context.add_cookies([env.provider.instances["mail"].login_cookie("darius.young")])
    return env.step("goto('http://mail.test/messages/268')")[0]


def test_seeded_random_run_over_shop_and_mail():
    from guigym.envs.web import WebEnv

    env = WebEnv(task="shop.restock-lowest-notify", obs=OBS, max_steps=60)
    rng = random.Random(7)
    try:
        env.reset(seed=0)
        _mail_login(env)
        for action, expected in MAIL_NASTY:
            obs, _, _, _, info = env.step(action)
            _check(env, obs, info)
            assert expected is None or obs["last_action_error"] == expected, (action, obs)
        obs, _ = env.reset(seed=0)
        obs = _mail_login(env)
        env.action_space.seed(7)
        for _ in range(200):
            ids = _IDS.findall(obs["axtree"])
            roll = rng.random()
            if roll < 0.15:
                action = rng.choice(_EXTRA)
            elif roll < 0.25 and _MAIL_LINKS.search(obs["axtree"]):
                action = f"click('{rng.choice(_MAIL_LINKS.findall(obs['axtree']))[0]}')"
            elif roll < 0.6 and ids:
                action = f"click('{rng.choice(ids)}')"
            else:
                action = env.action_space.sample(mask={"element_ids": ids})
            obs, _, terminated, truncated, info = env.step(action)
            _check(env, obs, info)
            if terminated or truncated:
                env.reset(seed=0)
                obs = _mail_login(env)
        obs, _ = env.reset(seed=0)
        assert obs["url"].startswith("http://shop.test/admin")
    finally:
        env.close()
