"""The ``human`` agent and ``guigym play``: a person (here Playwright) plays in the local page.

Fast part: the session/page API without an env (token, parse errors, one action per step).
End to end: ``guigym play demo.add-to-cart`` in a subprocess; Chromium opens the page, clicks on
the screenshot where the elements are, types on the keyboard and writes the last actions in the
action box until the task is done; the run folder then holds the same files as ``guigym run``
writes, with a successful result.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from guigym.agents import make_agent
from guigym.envs.web.browser import shared_playwright

from guigym.errors import AgentError

CHROMIUM = "/usr/lib/chromium/chromium"


@pytest.fixture()
def agent() -> Iterator[Any]:
    agent = make_agent("human", idle_timeout=30)
    agent.start()
    yield agent
    agent.close()


def _api(agent: Any) -> tuple[str, dict[str, str]]:
    base, _, token = agent.url.partition("/?token=")
    return base, {"X-Guigym-Token": token}


def test_page_needs_the_token_and_serves_the_session(agent: Any) -> None:
    base, headers = _api(agent)
    assert agent.url.startswith("http://127.0.0.1:")
    assert httpx.get(base + "/").status_code == 401
    assert httpx.get(base + "/api/state", headers={"X-Guigym-Token": "nope"}).status_code == 401
    assert httpx.post(base + "/api/action", json={"action": "done()"}).status_code == 401
    page = httpx.get(agent.url)
    assert page.status_code == 200 and "guigym play" in page.text
    assert httpx.get(base + "/static/play.js").status_code == 200


def test_actions_are_parsed_first_and_taken_one_per_step(agent: Any) -> None:
    base, headers = _api(agent)
    agent.reset({"task_id": "demo.x", "seed": 3, "instruction": "Do it.", "subtasks": []})
    obs = {
        "screenshot": np.zeros((72, 128, 3), dtype=np.uint8),
        "instruction": "Do it.",
        "subtasks": json.dumps([{"id": "a", "instruction": "First.", "status": "fail"}]),
        "elements": json.dumps([{"id": "e1", "role": "link", "name": "Cart", "x": 1, "y": 2,
                                 "w": 30, "h": 10}]),
        "url": "http://shop.test/",
        "last_action_error": "",
    }  # fmt: skip
    got: list[Any] = []
    env = threading.Thread(target=lambda: got.append(agent.act(obs)))
    env.start()
    state = httpx.get(base + "/api/state", params={"after": 1}, headers=headers).json()
    while state["phase"] != "waiting":
        state = httpx.get(
            base + "/api/state", params={"after": state["version"]}, headers=headers
        ).json()
    assert state["subtasks"] == [{"id": "a", "instruction": "First.", "status": "fail"}]
    assert state["elements"][0]["id"] == "e1" and state["size"] == [128, 72]
    shot = httpx.get(base + "/api/screenshot", headers=headers)
    assert shot.headers["content-type"] == "image/jpeg" and shot.content[:2] == b"\xff\xd8"
    bad = httpx.post(base + "/api/action", json={"action": "click(e1"}, headers=headers)
    assert bad.status_code == 400 and "never closed" in bad.json()["detail"]
    evil = httpx.post(base + "/api/action", json={"action": "__import__('os')"}, headers=headers)
    assert evil.status_code == 400
    version = agent.session.submit('click("e1")')  # as the page does; the env thread gets it
    env.join(10)
    assert got == ['click("e1")']
    busy = httpx.post(base + "/api/action", json={"action": "done()"}, headers=headers)
    assert busy.status_code == 409  # the step is still running: one action per observation
    assert agent.session.wait(version - 1, 0)["phase"] == "acting"


def test_quit_from_the_page_is_an_agent_error(agent: Any) -> None:
    base, headers = _api(agent)
    agent.reset({"task_id": "demo.x"})
    assert httpx.post(base + "/api/quit", headers=headers).json() == {"ok": True}
    with pytest.raises(AgentError, match="quit"):
        agent.act({"instruction": "x"})


# -- end to end -----------------------------------------------------------------------------------
def _wait_turn(page: Any, after: int) -> dict[str, Any]:
    """Wait until the page shows a newer state that awaits an action (or the episode's end)."""
    page.wait_for_function(
        "v => +document.body.dataset.version > v && "
        "['waiting', 'over'].includes(document.body.dataset.phase) && !window.__play.busy "
        "&& window.__play.queue.length === 0",
        arg=after,
        timeout=60_000,
    )
    return page.evaluate("window.__play.state")


def _click_element(page: Any, state: dict[str, Any], role: str, name: str) -> None:
    """Click on the screenshot at the centre of the element (as a person would aim)."""
    matches = [
        e for e in state["elements"] if e["role"] == role and name.lower() in e["name"].lower()
    ]
    assert matches, (
        f"no {role} {name!r} among {[(e['role'], e['name']) for e in state['elements']]}"
    )
    el = matches[0]
    box = page.locator("#shot").bounding_box()
    width, height = state["size"]
    x = box["x"] + (el["x"] + el["w"] / 2) * box["width"] / width
    y = box["y"] + (el["y"] + el["h"] / 2) * box["height"] / height
    page.mouse.click(x, y)


def _tail_actions(task_id: str, start: int) -> list[str]:
    """The list oracles of the task's subtasks from ``start`` on (what a person would write)."""
    from guigym.tasks import load_task

    actions = [a for sub in load_task(task_id).subtasks[start:] for a in sub.oracle]
    assert actions and all(isinstance(a, str) and "{{" not in a for a in actions), actions
    return actions


@pytest.mark.browser
@pytest.mark.slow
def test_play_completes_a_demo_task_by_clicking_and_typing(tmp_path: Path) -> None:

    out = tmp_path / "demo"
    proc = subprocess.Popen(
        [sys.executable, "-m", "guigym.cli", "play", "demo.add-to-cart", "--seed", "1",
         "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline()
        match = re.search(r"open (http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        assert match, line + proc.stderr.read()
        with shared_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1700, "height": 1000})
            page.goto(match.group(1))
            state = _wait_turn(page, -1)
            qty, product = re.search(r'Add (\d+) of the "(.+)" to', state["instruction"]).groups()
            assert [s["status"] for s in state["subtasks"]] == ["fail", "fail", "fail"]

            _click_element(page, state, "searchbox", "Search")  # click(x, y) on the screenshot
            state = _wait_turn(page, state["version"])
            page.keyboard.type(product)  # buffered into one type("...")
            page.keyboard.press("Enter")  # press("Enter")
            state = _wait_turn(page, state["version"])
            while "/search" not in state["url"]:
                state = _wait_turn(page, state["version"])
            _click_element(page, state, "link", product)
            state = _wait_turn(page, state["version"])
            assert "/product/" in state["url"]
            assert state["subtasks"][0]["status"] == "pass"

            _click_element(page, state, "textbox", "Quantity")
            state = _wait_turn(page, state["version"])
            page.keyboard.press("Control+a")
            state = _wait_turn(page, state["version"])
            page.keyboard.type(qty)
            _click_element(page, state, "button", "Add to cart")  # flushes the typing first
            state = _wait_turn(page, state["version"])
            while state["subtasks"][1]["status"] != "pass":
                assert state["step"] < 12, state
                state = _wait_turn(page, state["version"])
            for action in _tail_actions("demo.add-to-cart", 2):  # written in the action box
                if state["phase"] == "over":
                    break
                page.fill("#action", action)
                page.press("#action", "Enter")
                state = _wait_turn(page, state["version"])
            page.wait_for_function("document.body.dataset.phase === 'over'", timeout=60_000)
            assert "success" in page.locator("#over").inner_text()
            log = page.evaluate("window.__play.state.log.map(e => e.action)")
            browser.close()
        assert proc.wait(60) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert any(a.startswith("click(") and '"' not in a for a in log)  # clicks by coordinates
    assert f"type({json.dumps(product)})" in log and 'press("Enter")' in log
    record = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    assert record["agent"] == "human" and record["success"] and record["error"] is None
    steps = [
        json.loads(x) for x in (out / record["trajectory"] / "steps.jsonl").read_text().splitlines()
    ]
    assert [s["action"] for s in steps[1:]] == log
    assert all(s["screenshot"].endswith(".jpg") for s in steps)
    assert (out / "summary.json").exists() and (out / "report.html").exists()
