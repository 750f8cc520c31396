"""The ``llm`` agent against a real local chat-completions server, through the real openai client.

The server (FastAPI + uvicorn in a thread) answers from a script: replies with no action, with a
malformed action, 429s and 500s, slow answers. The agent must repair, retry within its budget,
then raise AgentError; and with replies computed from the task's oracle it completes a demo task
through the runner's own episode loop, leaving prompts, replies and tokens in steps.jsonl.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from guigym.agents import make_agent
from guigym.agents.llm import ReplyError, extract_action

from guigym.errors import AgentError, ConfigError

Item = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]


class ScriptedServer:
    """A chat-completions endpoint that answers each request with the next item of a script."""

    def __init__(self) -> None:
        self.script: list[Item] = []
        self.default: Item | None = None
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # ends scripted delays early
        app = FastAPI()
        app.post("/v1/chat/completions")(self._complete)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            self.thread.join(0.01)
        assert self.server.started

    def play(self, *items: Item, default: Item | None = None) -> None:
        self.script, self.default, self.requests = list(items), default, []
        self.release.clear()

    async def _complete(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.requests.append(body)
        item = self.script.pop(0) if self.script else self.default
        if item is None:
            return JSONResponse({"error": {"message": "script exhausted"}}, status_code=400)
        if callable(item):
            item = item(body)
        if "delay" in item:
            await asyncio.to_thread(self.release.wait, item["delay"])
        if "status" in item:
            return JSONResponse(
                {"error": {"message": f"scripted {item['status']}", "type": "scripted"}},
                status_code=item["status"],
                headers={"retry-after": "0"},
            )
        text = item["text"]
        return JSONResponse(
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "scripted"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 7, "total_tokens": 107},
            }
        )

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    srv = ScriptedServer()
    yield srv
    srv.stop()


def _agent(server: ScriptedServer, **kwargs: Any) -> Any:
    args = {"base_url": server.base_url, "model": "scripted", "backoff": 0.05}
    args.update(kwargs)
    return make_agent("llm", **args)


OBS = {
    "instruction": "Open the cart.",
    "subtasks": json.dumps([{"id": "cart", "instruction": "Open the cart.", "status": "fail"}]),
    "axtree": '[e1] link "Cart" href="/cart"\n'
    + "\n".join(f'[e{i}] text "x"' for i in range(2, 400)),
    "url": "http://shop.test/",
    "last_action_error": "",
    "screenshot": np.full((72, 128, 3), 200, dtype=np.uint8),
}


# -- reply parsing (no server) ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reply", "action"),
    [
        ('I will open the cart.\n```action\nclick("e1")\n```', 'click("e1")'),
        (
            "Thinking...\n```python\n# the cart link\nclick('e1')\n```\nThat should do.",
            "click('e1')",
        ),
        ('First I look.\nAction: fill("e3", "kiwi")', 'fill("e3", "kiwi")'),
        ("The page shows it.\n`done()`", "done()"),
        ("```\npyautogui.click(10, 20)\n```", "pyautogui.click(10, 20)"),
        ('```\nclick(e1\n```\nsorry, I meant\nclick("e1")', 'click("e1")'),
    ],
)
def test_extract_action_finds_the_action(reply: str, action: str) -> None:
    assert extract_action(reply) == action


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ("", "empty"),
        ("I am not sure what to do here.", "no action found"),
        ("```\nclick(e1\n```", "could not be parsed"),
        ("```\nos.system('rm -rf /')\n```", "refused call of 'os.system'"),
    ],
)
def test_extract_action_explains_what_is_wrong(reply: str, message: str) -> None:
    with pytest.raises(ReplyError, match=message):
        extract_action(reply)


def test_remote_endpoint_without_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUIGYM_TEST_NO_KEY", raising=False)
    with pytest.raises(ConfigError, match=r"\$GUIGYM_TEST_NO_KEY"):
        make_agent("llm", base_url="https://llm.example/v1", api_key_env="GUIGYM_TEST_NO_KEY")
    with pytest.raises(ConfigError, match="has no option 'modle'.*did you mean 'model'"):
        make_agent("llm", modle="x")


# -- against the scripted server ----------------------------------------------------------------
def test_prompt_carries_instruction_subtasks_axtree_budget_image_and_history(server) -> None:
    agent = _agent(server, axtree_budget=500, max_history=2)
    agent.reset({"task_id": "t", "instruction": "Open the cart.", "subtasks": []})
    server.play(*({"text": f'```\nclick("e{i}")\n```'} for i in (1, 2, 3, 4)))
    for _ in range(4):
        agent.act({**OBS, "last_action_error": "no element e9"})
    system, user = server.requests[-1]["messages"]
    assert system["role"] == "system" and "click(x, y" in system["content"]  # action_help()
    text, image = user["content"]
    assert "Task: Open the cart." in text.get("text")
    assert "[ ] Open the cart." in text["text"]
    assert "Current URL: http://shop.test/" in text["text"]
    assert "more characters cut" in text["text"] and len(text["text"]) < 2000
    assert 'click("e2")  -> error: no element e9' in text["text"]  # bounded history: 2 of 3
    assert 'click("e1")' not in text["text"].split("previous actions")[1]
    assert image["image_url"]["url"].startswith("data:image/jpeg;base64,")
    assert server.requests[-1]["temperature"] == 0
    record = agent.last_record
    assert record["action"] == 'click("e4")' and record["usage"]["total_tokens"] == 107
    assert record["prompt"][1]["content"][1]["image_url"].endswith("chars>")  # no image bytes
    agent.close()


def test_repair_retry_429_and_500_then_success(server) -> None:
    agent = _agent(server)
    agent.reset({"instruction": "Open the cart."})
    server.play(
        {"text": "Let me look at the page first."},
        {"status": 429},
        {"status": 500},
        {"text": "```action\nclick('e1')\n```"},
    )
    assert agent.act(OBS) == "click('e1')"
    repair = server.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": "Let me look at the page first."}
    assert "no action found" in repair[-1]["content"]
    record = agent.last_record
    assert record["replies"] == ["Let me look at the page first.", "```action\nclick('e1')\n```"]
    assert record["calls"][1]["attempts"] == 3
    assert [e.split(":")[0] for e in record["calls"][1]["retried_errors"]] == [
        "HTTP 429",
        "HTTP 500",
    ]
    assert record["usage"]["total_tokens"] == 214 and record["latency_ms"] > 0
    agent.close()


def test_two_malformed_replies_are_an_agent_error(server) -> None:
    agent = _agent(server)
    agent.reset({})
    server.play({"text": "```\nclick(e1\n```"}, {"text": "```\nclick(e1\n```"})
    with pytest.raises(AgentError, match="no usable action after 2 replies.*could not be parsed"):
        agent.act(OBS)
    agent.close()


def test_endpoint_that_always_fails_raises_within_the_budget(server) -> None:
    agent = _agent(server, retry_budget=1.0, backoff=0.1)
    agent.reset({})
    server.play(default={"status": 503})
    t0 = time.monotonic()
    with pytest.raises(AgentError, match=r"failed \d+ time\(s\).*HTTP 503"):
        agent.act(OBS)
    assert time.monotonic() - t0 < 2.0
    assert len(server.requests) >= 3  # it did retry
    server.play({"status": 401})
    with pytest.raises(AgentError, match="refused the request \\(HTTP 401\\)"):
        agent.act(OBS)  # not retried: waiting cannot fix it
    assert len(server.requests) == 1
    agent.close()


def test_endpoint_timeouts_are_retried_then_an_agent_error(server) -> None:
    agent = _agent(server, timeout=0.3, retry_budget=0.8, backoff=0.05)
    agent.reset({})
    server.play(default={"delay": 5, "text": "done()"})
    t0 = time.monotonic()
    with pytest.raises(AgentError, match="APITimeoutError"):
        agent.act(OBS)
    assert time.monotonic() - t0 < 2.5
    server.release.set()
    agent.close()


# -- a demo task, end to end -----------------------------------------------------------------------
@pytest.mark.browser
def test_llm_agent_completes_a_demo_task_through_the_runner(server, tmp_path: Path) -> None:
    from guigym.agents.oracle import oracle_plan

    from guigym.runner.plan import EpisodeSpec
    from guigym.runner.worker import EpisodeRunner

    runner = EpisodeRunner(
        "llm", {"base_url": server.base_url, "model": "scripted", "backoff": 0.05, "som": True}
    )
    oracle: list[str] = []

    def from_oracle(index: int, template: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def reply(_body: dict[str, Any]) -> dict[str, Any]:
            if not oracle:  # the env has been reset by now: read the episode's oracle
                oracle.extend(oracle_plan(runner._envs["web"].unwrapped, 0)[0])
            return {"text": template.format(action=oracle[index])}

        return reply

    server.play(
        {"text": "Let me look at the page first."},  # no action -> repair prompt
        {"status": 429},  # retried with backoff
        from_oracle(0, "I will open the product.\n```action\n{action}\n```"),
        {"text": '```\nanswer("12\n```'},  # malformed -> repair prompt
        from_oracle(1, "The price is on the page.\n{action}"),  # last line parses
    )
    spec = EpisodeSpec(task_id="demo.product-price", seed=0, n_subtasks=2, max_steps=15)
    try:
        outcome = runner.run(spec, tmp_path / "ep", timeout=120)
    finally:
        runner.close()
    assert outcome["ok"], outcome
    assert outcome["result"]["success"] and outcome["result"]["steps"] == 2
    lines = [json.loads(x) for x in (tmp_path / "ep" / "steps.jsonl").read_text().splitlines()]
    assert [line.get("action") for line in lines] == [None, *oracle]
    first, second = lines[1]["agent"], lines[2]["agent"]
    assert first["replies"][0] == "Let me look at the page first." and len(first["replies"]) == 2
    assert (
        first["calls"][1]["attempts"] == 2 and "HTTP 429" in first["calls"][1]["retried_errors"][0]
    )
    assert "could not be parsed" in second["repair_prompts"][-1]["content"]
    assert second["usage"] == {"prompt_tokens": 200, "completion_tokens": 14, "total_tokens": 214}
    assert "set-of-marks" in first["prompt"][1]["content"][0]["text"]  # som=true sent the marks
    assert all(s["status"] == "pass" for s in lines[-1]["subtasks"])


@pytest.mark.browser
@pytest.mark.slow
def test_guigym_run_with_the_llm_agent(server, tmp_path: Path) -> None:
    server.play(default={"text": "Nothing to do.\n```\ndone()\n```"})
    out = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "run", "--agent", "llm", "--task",
         "demo.product-price", "--agent-arg", f"base_url={server.base_url}",
         "--agent-arg", "model=scripted", "--out", str(out)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "OPENAI_API_KEY": "x"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    assert record["error"] is None and record["steps"] == 1 and not record["success"]
    steps = (out / record["trajectory"] / "steps.jsonl").read_text().splitlines()
    assert json.loads(steps[1])["agent"]["replies"] == ["Nothing to do.\n```\ndone()\n```"]
