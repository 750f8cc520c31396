"""Find the action in a model's reply: the last fenced block, else the last line that parses.

Models think aloud before acting, so the action is looked for from the end: first the fenced
blocks (```action / ```python / ```), newest first, whole or line by line; then the plain lines,
last first. Everything is checked with the real parser (``parse_actions``), never executed. When
nothing parses, ``ReplyError`` carries the parser's message for the most likely candidate, so the
repair prompt can tell the model exactly what was wrong.
"""

from __future__ import annotations

import re

from guigym.envs.actions import parse_actions

from guigym.errors import ActionError

__all__ = ["ReplyError", "extract_action"]

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n?(.*?)```", re.DOTALL)
_CALLISH = re.compile(r"^[A-Za-z_][\w.]*\s*\(.*\)\s*;?$")
_PREFIX = re.compile(r"^(?:[-*>]\s*)?(?:\*\*)?(?:next\s+)?action\s*(?:\*\*)?\s*[:=]\s*", re.I)


class ReplyError(ActionError):
    """The reply holds no usable action; the message says why (shown to the model)."""


def _clean(line: str) -> str:
    line = line.strip()
    line = _PREFIX.sub("", line)
    if len(line) >= 2 and line[0] == line[-1] == "`":
        line = line.strip("`").strip()
    return line.rstrip(";").strip()


def _code_lines(block: str) -> str:
    """A fenced block without blank and comment-only lines."""
    lines = [ln.rstrip() for ln in block.splitlines()]
    return "\n".join(ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _try(text: str) -> tuple[str | None, str | None]:
    """(action text, None) when ``text`` parses into at least one action, else (None, error)."""
    if not text:
        return None, None
    try:
        actions = parse_actions(text)
    except ActionError as exc:
        return None, str(exc)
    if not actions:
        return None, "no action in it"
    return text, None


def extract_action(reply: str) -> str:
    """The action text in ``reply`` (as the model wrote it; the env parses it again)."""
    text = (reply or "").strip()
    if not text:
        raise ReplyError('the reply was empty; expected one action such as click("e12")')
    first_error: tuple[str, str] | None = None
    blocks = [_code_lines(m.group(2)) for m in _FENCE.finditer(text)]
    for block in reversed(blocks):
        action, error = _try(block)
        if action is not None:
            return action
        if error and first_error is None:
            first_error = (block, error)
        for line in reversed(block.splitlines()):
            action, _ = _try(_clean(line))
            if action is not None:
                return action
    outside = _FENCE.sub("\n", text)
    for line in reversed(outside.splitlines()):
        candidate = _clean(line)
        if not candidate:
            continue
        action, error = _try(candidate)
        if action is not None:
            return action
        if error and first_error is None and _CALLISH.match(candidate):
            first_error = (candidate, error)
    if first_error is not None:
        candidate, error = first_error
        shown = candidate if len(candidate) <= 200 else candidate[:197] + "..."
        raise ReplyError(f"the action {shown!r} could not be parsed: {error}")
    raise ReplyError(
        "no action found in the reply; end it with exactly one action in a fenced block, "
        'e.g. ```\nclick("e12")\n```'
    )
