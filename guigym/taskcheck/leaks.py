"""Ground truth must not reach the agent: scan ``info`` and observations right after reset.

``task check`` runs :func:`leaks` after every reset it makes (every task, every seed, every
mid-chain start), so a field that repeats a verifier message, an expected value or a setup fact
fails the suite tests. The secrets are the task's facts and the expected values written in its
checks, minus what the task shows the agent on purpose (the instruction and the subtasks'
instructions) and minus texts too short to mean anything (one character). Page content is the
applications' real state (an answer may be read there: that is the task), so of the
observation only the keys the episode core writes are scanned; of ``info`` everything but the
instruction, timings and the answers the agent (or a mid-chain prefix) gave.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["secrets", "leaks"]

_ANSWER_KEYS = ("equals", "contains", "one_of", "number")
_SKIP_INFO = ("instruction", "timings", "answers", "answered")
_CORE_OBS = ("subtasks", "last_action_error")


def _forms(value: Any) -> Iterator[str]:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _forms(v)
    elif isinstance(value, list | tuple | set):
        for v in value:
            yield from _forms(v)
    elif isinstance(value, float):
        yield repr(value)
        yield f"{value:.2f}"
        if value.is_integer():
            yield str(int(value))
    else:
        yield str(value).strip()


def _expected(check: Mapping[str, Any]) -> Iterator[Any]:
    ((kind, body),) = check.items()
    if kind == "answer":
        for key in _ANSWER_KEYS:
            if key in body:
                spec = body[key]
                yield spec.get("value") if key == "number" and isinstance(spec, Mapping) else spec
    elif kind == "url":
        for key in ("equals", "contains", "path", "query"):
            if key in body:
                yield body[key]
    elif kind == "sql":
        for key in ("expect", "rows"):
            if key in body:
                yield body[key]
    elif kind == "dom" and "text_contains" in body:
        yield body["text_contains"]
    elif kind in ("all", "any"):
        for item in body:
            yield from _expected(item)
    elif kind == "not":
        yield from _expected(body)


def secrets(rendered: Any) -> set[str]:
    """Texts the agent must not be handed: facts and expected values not in its instructions."""
    shown = " ".join([rendered.instruction, *(s.instruction for s in rendered.subtasks)]).casefold()
    values: list[Any] = list(rendered.facts.values())
    for sub in rendered.subtasks:
        values.extend(_expected(sub.check))
    out = set()
    for text in _forms(values):
        if len(text) >= 2 and text.casefold() not in shown:
            out.add(text)
    return out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            if k != "status":  # a fixed vocabulary (pending, pass, ...), not task data
                yield str(k)
                yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def leaks(rendered: Any, info: Mapping[str, Any], obs: Mapping[str, Any]) -> list[str]:
    """``where: secret`` for every secret found in agent-visible ``info`` or core observations."""
    texts = [(f"info[{k!r}]", v) for k, v in info.items() if k not in _SKIP_INFO]
    for key in _CORE_OBS:
        if key in obs:
            raw = obs[key]
            texts.append((f"obs[{key!r}]", json.loads(raw) if key == "subtasks" else raw))
    found = []
    for secret in sorted(secrets(rendered)):
        pattern = re.compile(r"(?<![\w.])" + re.escape(secret) + r"(?![\w]|\.\d)", re.IGNORECASE)
        for where, value in texts:
            if any(pattern.search(s) for s in _strings(value)):
                found.append(f"{where}: {secret!r}")
    return found
