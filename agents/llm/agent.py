"""The ``llm`` agent: any OpenAI-compatible chat-completions endpoint plays the task.

``guigym run --agent llm --agent-arg base_url=http://127.0.0.1:8000/v1 --agent-arg model=qwen``
(the key is read from the environment variable named by ``api_key_env``). Each step sends the
messages built in ``prompt.py``, takes the action out of the reply (``reply.py``), asks once more
with the parse error when the reply has no usable action, and leaves everything it did in
``last_record`` (prompt, replies, tokens, latency) for the runner to store with the step.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from guigym.agents.base import Action, TaskInfo
from guigym.agents.llm.client import ChatClient, ChatReply
from guigym.agents.llm.prompt import jpeg_data_url, redact_images, step_message, system_message
from guigym.agents.llm.reply import ReplyError, extract_action

from guigym.errors import AgentError, ConfigError

__all__ = ["LLMAgent"]

_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "0.0.0.0")


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class LLMAgent:
    """Prompts a chat model with the observation; its reply is the next action.

    Args:
        model: the model name the endpoint serves.
        base_url: the endpoint (``.../v1``); None means api.openai.com.
        api_key_env: environment variable holding the key (a local endpoint needs none).
        temperature: sampling temperature (None: the server's default).
        max_history: how many past (action, error) pairs the prompt repeats.
        som: send the set-of-marks screenshot (element ids drawn on it) instead of the plain one.
        screenshot: send a screenshot at all (False: text only, for models without vision).
        axtree_budget: characters of accessibility tree sent (the rest is cut with a note).
        max_tokens: reply length limit (None: the server's default).
        timeout: seconds per HTTP request.
        retry_budget: seconds one step may spend retrying timeouts, 429 and 5xx.
        max_repairs: re-asks, with the parse error, when a reply holds no usable action.
        image_detail: the ``detail`` of the image part (auto, low, high).
        system_prompt: replaces the default system prompt (``{help}`` = the action help).
    """

    def __init__(
        self,
        model: str = "gpt-4o-mini",
        base_url: str | None = None,
        api_key_env: str = "OPENAI_API_KEY",
        temperature: float | None = 0.0,
        max_history: int = 10,
        som: bool = False,
        screenshot: bool = True,
        axtree_budget: int = 12000,
        max_tokens: int | None = None,
        timeout: float = 60.0,
        retry_budget: float = 120.0,
        backoff: float = 1.0,
        max_repairs: int = 1,
        image_detail: str = "auto",
        system_prompt: str | None = None,
    ) -> None:
        self.model = str(model)
        self.base_url = str(base_url) if base_url else None
        self.som = _truthy(som)
        self.screenshot = _truthy(screenshot)
        self.max_history = int(max_history)
        self.axtree_budget = int(axtree_budget)
        self.max_repairs = int(max_repairs)
        self.image_detail = str(image_detail)
        if self.max_history < 0 or self.axtree_budget < 0 or self.max_repairs < 0:
            raise ConfigError("max_history, axtree_budget and max_repairs must be >= 0")
        key = os.environ.get(api_key_env, "")
        if not key:
            host = urlparse(self.base_url or "").hostname or ""
            if host not in _LOCAL_HOSTS:
                raise ConfigError(
                    f"the llm agent needs an API key in ${api_key_env} for "
                    f"{self.base_url or 'api.openai.com'} (or set api_key_env=...)"
                )
            key = "not-needed"
        self._system = system_message(som=self.som, prompt=system_prompt)
        self.client = ChatClient(
            model=self.model,
            base_url=self.base_url,
            api_key=key,
            temperature=None if temperature is None else float(temperature),
            max_tokens=int(max_tokens) if max_tokens else None,
            timeout=float(timeout),
            retry_budget=float(retry_budget),
            backoff=float(backoff),
        )
        self.history: deque[tuple[str, str]] = deque(maxlen=self.max_history or None)
        self.last_record: dict[str, Any] | None = None
        self._task: dict[str, Any] = {}
        self._pending: str | None = None
        self._step = 0

    @property
    def extra_obs(self) -> tuple[str, ...]:
        """Observation keys this agent needs beyond the runner's defaults."""
        return ("screenshot_som",) if self.som and self.screenshot else ()

    def reset(self, task_info: TaskInfo) -> None:
        """Forget the previous episode; keep the task's instruction and subtasks."""
        self._task = {k: task_info.get(k) for k in ("task_id", "instruction", "subtasks")}
        self.history.clear()
        self.last_record = None
        self._pending = None
        self._step = 0

    def act(self, observation: Mapping[str, Any]) -> Action:
        """Ask the model for the next action; AgentError when the endpoint or replies fail."""
        if self._pending is not None:
            error = observation.get("last_action_error")
            self._remember(self._pending, error if isinstance(error, str) else "")
            self._pending = None
        self._step += 1
        messages: list[dict[str, Any]] = [self._system, self._user_message(observation)]
        replies: list[ChatReply] = []
        record: dict[str, Any] = {"model": self.model, "step": self._step}
        self.last_record = record
        action: str | None = None
        error = ""
        for attempt in range(self.max_repairs + 1):
            reply = self.client.complete(messages)
            replies.append(reply)
            try:
                action = extract_action(reply.text)
                break
            except ReplyError as exc:
                error = str(exc)
                if attempt == self.max_repairs:
                    break
                messages = [
                    *messages,
                    {"role": "assistant", "content": reply.text},
                    {
                        "role": "user",
                        "content": f"Your reply could not be used: {error}. Reply again, ending "
                        "with exactly one action in a fenced block.",
                    },
                ]
        record.update(_summarise(messages, replies, action, error))
        if action is None:
            raise AgentError(
                f"the model gave no usable action after {len(replies)} replies: {error}"
            )
        self._pending = action
        return action

    def _remember(self, action: str, error: str) -> None:
        if self.max_history:
            self.history.append((" ".join(action.split()), error))

    def _user_message(self, observation: Mapping[str, Any]) -> dict[str, Any]:
        instruction = observation.get("instruction") or self._task.get("instruction") or ""
        subtasks = observation.get("subtasks") or self._task.get("subtasks") or []
        image = None
        used_som = False
        if self.screenshot:
            if self.som and observation.get("screenshot_som") is not None:
                image, used_som = observation["screenshot_som"], True
            else:
                image = observation.get("screenshot")
        return step_message(
            instruction=str(instruction),
            subtasks=subtasks,
            observation=observation,
            history=list(self.history),
            axtree_budget=self.axtree_budget,
            image_url=jpeg_data_url(image) if image is not None else None,
            image_detail=self.image_detail,
            som=used_som,
        )

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()


def _summarise(
    messages: list[dict[str, Any]], replies: list[ChatReply], action: str | None, error: str
) -> dict[str, Any]:
    """What the trajectory keeps of one step: prompt (no image bytes), replies, tokens, time."""
    usage: dict[str, int] = {}
    for reply in replies:
        for key, value in reply.usage.items():
            usage[key] = usage.get(key, 0) + value
    return {
        "prompt": redact_images(messages[:2]),
        "repair_prompts": redact_images(messages[2:]),
        "replies": [r.text for r in replies],
        "action": action,
        "parse_error": error if action is None else (error or None),
        "usage": usage,
        "latency_ms": round(sum(r.latency_ms for r in replies), 1),
        "calls": [
            {
                "latency_ms": r.latency_ms,
                "attempts": r.attempts,
                "retried_errors": list(r.errors),
                "usage": r.usage,
                "finish_reason": r.finish_reason,
            }
            for r in replies
        ],
    }
