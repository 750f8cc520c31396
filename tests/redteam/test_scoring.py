"""Red team, scoring: scripted cheating agents on real envs must earn zero on what they target.

Each test plays a cheat through ``env.step`` on the real sites in real Chromium (the web env) or
on the real desktop (a cross task), then asserts the targeted subtask earned nothing; most also
play the honest move afterwards, so the test fails if the check could never pass at all.
The cheats: reading expected values from ``info`` after reset, answer spamming, answers that
list every alternative, raw-URL tricks (a query, a fragment, a path suffix the site answers with
404), and a desktop browser page that only sets the product's title.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from guigym.envs.core.episode import EpisodeCore

from guigym.taskcheck import check_task
from guigym.taskcheck.leaks import leaks, secrets

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

PRICE = "demo.product-price"  # open-product (url contains /product/SKU), report-price (number)
ROLE = "work.access-request"  # report-role: {answer: {contains: "{{ role }}", alternatives}}
ROLES = ["guest", "reporter", "developer", "maintainer", "owner"]


@pytest.fixture(scope="module")
def web() -> Iterator[Any]:
    from guigym.envs.web import WebEnv

    env = WebEnv(obs=("url", "axtree", "subtasks", "instruction"))
    yield env
    env.close()


def _status(info: dict, sid: str) -> str:
    return next(s["status"] for s in info["subtasks"] if s["id"] == sid)


# -- agents see status, never the truth ----------------------------------------------------------
def test_info_after_reset_holds_no_fact(web) -> None:
    obs, info = web.reset(seed=0, options={"task": PRICE})
    task = web.task.rendered
    price = f"{task.facts['price']}"
    assert price in secrets(task)  # the scanner looks for the very value the issue found leaked
    assert leaks(task, info, obs) == []
    visible = json.dumps({k: v for k, v in info.items() if k != "timings"}) + obs["subtasks"]
    assert price not in visible and "expected" not in visible
    assert all(set(s) >= {"id", "instruction", "status"} for s in info["subtasks"])
    assert all("message" not in s for s in info["subtasks"])
    # the privileged channel has the verifier's words
    assert any(price in v["message"] for v in web.verdicts())


def test_task_check_fails_when_a_message_leaks(monkeypatch) -> None:
    """Re-add the verifier's message to ``info``: the after-reset scan of task check catches it."""
    honest = check_task(PRICE, seeds=(0,), mid_chain_seeds=0)
    assert honest.ok, honest.problems
    original = EpisodeCore._subtasks_info

    def leaky(self: EpisodeCore) -> list[dict]:
        rows = original(self)
        for row, state in zip(rows, self._states, strict=False):
            row["message"] = state.message
        return rows

    monkeypatch.setattr(EpisodeCore, "_subtasks_info", leaky)
    report = check_task(PRICE, seeds=(0,), mid_chain_seeds=0)
    assert not report.ok
    assert any("ground truth" in p and "info['subtasks']" in p for p in report.problems)


# -- answers: one shot per subtask -------------------------------------------------------------
def test_answer_spamming_earns_nothing(web) -> None:
    web.reset(seed=0, options={"task": PRICE})
    price = web.task.facts["price"]
    _, r1, *_, info = web.step("answer('1.00')")
    assert info["answered"] == {"report-price": "1.00"}
    total = r1
    for guess in ("50", f"{price}", f"{float(price):.2f}"):
        _, reward, _, _, info = web.step(f"answer('{guess}')")
        total += reward
        assert "already has its answer" in info["last_action_error"]
    _, reward, _, _, info = web.step(f"answer('{price}', subtask='report-price')")
    total += reward
    assert "answers are final" in info["last_action_error"]
    assert total == 0.0 and _status(info, "report-price") == "fail"
    assert info["answers"] == ["1.00"]

    # the honest control: one right answer passes, so the spam above really lost
    web.reset(seed=0, options={"task": PRICE})
    _, reward, *_, info = web.step(f"answer('{price}', subtask='report-price')")
    assert reward == 0.5 and _status(info, "report-price") == "pass"


def test_answer_to_a_subtask_that_takes_none_is_refused(web) -> None:
    web.reset(seed=0, options={"task": PRICE})
    _, reward, *_, info = web.step("answer('x', subtask='open-product')")
    assert reward == 0.0 and "takes no answer" in info["last_action_error"]
    _, _, *_, info = web.step("answer('x', subtask='nope')")
    assert "no such subtask" in info["last_action_error"]
    _, _, *_, info = web.step("send_msg_to_user('12')")  # BrowserGym's reply: an unnamed answer
    assert info["answered"] == {"report-price": "12"}


def test_alternatives_listing_answer_earns_nothing(web) -> None:
    web.reset(seed=0, options={"task": ROLE})
    role = web.task.facts["role"]
    _, reward, *_, info = web.step(f"answer({' '.join(ROLES)!r}, subtask='report-role')")
    assert reward == 0.0 and _status(info, "report-role") == "fail"
    assert "also names" in web.verdicts()[2]["message"]

    web.reset(seed=0, options={"task": ROLE})  # control: the role alone, in a sentence, passes
    _, reward, *_, info = web.step(f"answer('The role is {role}.', subtask='report-role')")
    assert reward > 0 and _status(info, "report-role") == "pass"


# -- checks judge parsed state -----------------------------------------------------------------
@pytest.mark.parametrize(
    "trick",
    [
        "http://shop.test/no-such-page?x=/product/{sku}",
        "http://shop.test/search?q=/product/{sku}",
        "http://shop.test/#/product/{sku}",
        "http://shop.test/product/{sku}/no-such-tab",  # the right prefix, but the site says 404
        "http://shop.test/product/{sku}x",
    ],
)
def test_raw_url_tricks_earn_nothing(web, trick: str) -> None:
    web.reset(seed=0, options={"task": PRICE})
    sku = web.task.facts["sku"]
    obs, reward, *_, info = web.step(f"goto({trick.format(sku=sku)!r})")
    assert reward == 0.0 and _status(info, "open-product") == "fail", obs["url"]
    obs, reward, *_, info = web.step("goto('http://shop.test/')")  # moving on does not help
    assert reward == 0.0 and _status(info, "open-product") == "fail"
    obs, reward, *_, info = web.step(f"goto('http://shop.test/product/{sku}')")  # control
    assert reward == 0.5 and _status(info, "open-product") == "pass"


# -- desktop: a page that only sets the title ----------------------------------------------------
@pytest.mark.xvfb
def test_desktop_title_spoofing_earns_nothing() -> None:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is needed (make setup installs it)")
    from guigym.envs.desktop import DesktopEnv

    env = DesktopEnv(task="cross.cheapest-report", obs=("windows",))
    try:
        _, info = env.reset(seed=0)
        facts = env.task.facts
        name, sku = facts["product_name"], facts["sku"]
        assert leaks(env.task.rendered, info, {"subtasks": env.subtasks_observation()}) == []
        spoofs = [
            f"data:text/html,<title>{name}</title>",  # the spoof (policy may refuse it)
            f"http://shop.test/search?q={name.replace(' ', '+')}",  # on the site, title has it
        ]
        for url in spoofs:
            for action in ("press('Control+l')", f"type({url!r})", "press('Enter')"):
                _, reward, *_, info = env.step(action)
                assert reward == 0.0, (url, action)
            assert _status(info, "open-product") == "fail", env.verdicts()[0]["message"]
        # while the address bar is being edited it does not count either
        for action in ("press('Control+l')", f"type('shop.test/product/{sku}')"):
            _, reward, *_, info = env.step(action)
            assert reward == 0.0 and _status(info, "open-product") == "fail"
        _, reward, *_, info = env.step("press('Enter')")  # control: the real page passes
        assert _status(info, "open-product") == "pass", env.verdicts()[0]["message"]
    finally:
        env.close()
