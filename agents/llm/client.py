"""One chat-completions call through the real ``openai`` client, with retries inside a budget.

Why our own retry loop (the client's ``max_retries`` is set to 0): the budget is in seconds, the
same for every server, and every attempt is counted in the step's record. Timeouts, connection
errors, 429 and 5xx are retried with exponential backoff (honouring ``Retry-After``, capped);
anything else (400, 401, 404, ...) cannot get better by waiting and raises at once. When the
budget is spent the call raises ``AgentError``, which the runner records as an agent error.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from guigym.errors import AgentError

__all__ = ["ChatClient", "ChatReply"]


@dataclass(frozen=True)
class ChatReply:
    """The model's text, token usage, wall time and how many attempts it took."""

    text: str
    usage: dict[str, int] = field(default_factory=dict)
    latency_ms: float = 0.0
    attempts: int = 1
    errors: tuple[str, ...] = ()
    finish_reason: str | None = None


class ChatClient:
    """A chat-completions endpoint: ``complete(messages) -> ChatReply`` or ``AgentError``."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None,
        api_key: str,
        temperature: float | None = 0.0,
        max_tokens: int | None = None,
        timeout: float = 60.0,
        retry_budget: float = 120.0,
        max_attempts: int = 8,
        backoff: float = 1.0,
        backoff_max: float = 30.0,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.timeout = float(timeout)
        self.retry_budget = float(retry_budget)
        self.max_attempts = int(max_attempts)
        self.backoff = float(backoff)
        self.backoff_max = float(backoff_max)
        self._api_key = api_key
        self._client: Any = None

    def _openai(self) -> Any:
        if self._client is None:
            from openai import OpenAI

            self._client = OpenAI(
                api_key=self._api_key, base_url=self.base_url, timeout=self.timeout, max_retries=0
            )
        return self._client

    def complete(self, messages: Sequence[dict[str, Any]]) -> ChatReply:
        """Send ``messages``; retry transient failures until the budget is spent."""
        import openai

        client = self._openai()
        kwargs: dict[str, Any] = {"model": self.model, "messages": list(messages)}
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        if self.max_tokens:
            kwargs["max_tokens"] = self.max_tokens
        started = time.monotonic()
        errors: list[str] = []
        for attempt in range(1, self.max_attempts + 1):
            t0 = time.monotonic()
            try:
                response = client.chat.completions.create(**kwargs)
            except (openai.APITimeoutError, openai.APIConnectionError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                retry_after = None
            except openai.APIStatusError as exc:
                status = exc.status_code
                errors.append(f"HTTP {status}: {_short(exc)}")
                if status != 429 and status < 500:
                    raise AgentError(
                        f"the endpoint {self._where()} refused the request (HTTP {status}): "
                        f"{_short(exc)}"
                    ) from None
                retry_after = _retry_after(exc)
            else:
                return self._reply(response, t0, attempt, errors)
            delay = min(self.backoff * 2 ** (attempt - 1), self.backoff_max)
            if retry_after is not None:
                delay = min(max(delay, retry_after), self.backoff_max)
            spent = time.monotonic() - started
            if attempt == self.max_attempts or spent + delay > self.retry_budget:
                break
            time.sleep(delay)
        spent = time.monotonic() - started
        raise AgentError(
            f"the endpoint {self._where()} failed {len(errors)} time(s) in {spent:.1f} s "
            f"(retry budget {self.retry_budget:g} s); last: {errors[-1]}"
        )

    def _reply(self, response: Any, t0: float, attempt: int, errors: list[str]) -> ChatReply:
        latency = (time.monotonic() - t0) * 1000
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise AgentError(f"the endpoint {self._where()} answered with no choices")
        message = choices[0].message
        text = _content_text(getattr(message, "content", None))
        usage = {}
        raw_usage = getattr(response, "usage", None)
        if raw_usage is not None:
            for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
                value = getattr(raw_usage, key, None)
                if isinstance(value, int):
                    usage[key] = value
        return ChatReply(
            text=text,
            usage=usage,
            latency_ms=round(latency, 1),
            attempts=attempt,
            errors=tuple(errors),
            finish_reason=getattr(choices[0], "finish_reason", None),
        )

    def _where(self) -> str:
        return f"{self.base_url or 'api.openai.com'} (model {self.model})"

    def close(self) -> None:
        """Close the HTTP connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None


def _content_text(content: Any) -> str:
    """Message content as text (some servers answer with a list of parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    parts = []
    for part in content:
        text = part.get("text") if isinstance(part, dict) else getattr(part, "text", None)
        if isinstance(text, str):
            parts.append(text)
    return "\n".join(parts)


def _retry_after(exc: Any) -> float | None:
    try:
        value = exc.response.headers.get("retry-after")
        return float(value) if value is not None else None
    except (AttributeError, TypeError, ValueError):
        return None


def _short(exc: Any) -> str:
    text = str(getattr(exc, "message", None) or exc).strip().replace("\n", " ")
    return text[:300]
