"""The messages sent to the model at each step, and a copy of them fit for the trajectory.

One system message (role, the action language from ``action_help()``, the reply format) and one
user message per step: the instruction, the subtask checklist with status, the URL, the bounded
history of (action, error) pairs, the last action's error, the accessibility tree cut to a
character budget, and the screenshot (optionally with set-of-marks) as a JPEG data URL. Past
screenshots are not re-sent: the history is text, so a step's cost stays flat.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from guigym.envs.actions import action_help
from PIL import Image

__all__ = ["SYSTEM_PROMPT", "system_message", "step_message", "jpeg_data_url", "redact_images"]

SYSTEM_PROMPT = """You are a careful agent that operates a web browser to complete a user's task.
At each step you see the task, its checklist of subtasks, the page's accessibility tree (element
ids in square brackets, like [e12]) and a screenshot{som}. You act one step at a time.

{help}

Think briefly about what to do next, then end your reply with exactly one action in a fenced
block, for example:
```action
click("e12")
```
When the task asks for information, reply with answer("...") first; when everything is done,
reply with done(). If the task cannot be done, reply with fail("why")."""

_SOM_NOTE = " on which every interactive element carries a coloured box labelled with its id"


def system_message(*, som: bool, prompt: str | None = None) -> dict[str, Any]:
    """The system message (``prompt`` replaces the default text; ``{help}`` is filled in)."""
    template = prompt or SYSTEM_PROMPT
    text = template.replace("{som}", _SOM_NOTE if som else "").replace("{help}", action_help())
    return {"role": "system", "content": text}


def _checklist(subtasks: Any) -> str:
    items = subtasks
    if isinstance(subtasks, str):
        try:
            items = json.loads(subtasks)
        except ValueError:
            return subtasks
    lines = []
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        status = item.get("status")
        box = {"pass": "[x]", "fail": "[ ]", None: "[ ]"}.get(status, f"[{status}]")
        lines.append(f"{box} {item.get('instruction') or item.get('id')}")
    return "\n".join(lines)


def truncate(text: str, budget: int) -> str:
    """``text`` cut to ``budget`` characters at a line break, with a note saying so."""
    if budget <= 0 or len(text) <= budget:
        return text
    cut = text.rfind("\n", 0, budget)
    cut = cut if cut > budget // 2 else budget
    return text[:cut] + f"\n... ({len(text) - cut} more characters cut)"


def jpeg_data_url(image: Any, quality: int = 75) -> str:
    """An H x W x 3 uint8 array as a ``data:image/jpeg;base64,...`` URL."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(image, dtype=np.uint8)[..., :3]).save(
        buffer, "JPEG", quality=quality
    )
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def step_message(
    *,
    instruction: str,
    subtasks: Any,
    observation: Mapping[str, Any],
    history: Sequence[tuple[str, str]],
    axtree_budget: int,
    image_url: str | None,
    image_detail: str = "auto",
    som: bool = False,
) -> dict[str, Any]:
    """The user message of one step (text, plus the screenshot when there is one)."""
    parts = [f"Task: {instruction.strip()}"]
    checklist = _checklist(subtasks)
    if checklist:
        parts.append(f"Subtasks ([x] = done):\n{checklist}")
    url = observation.get("url")
    if isinstance(url, str) and url:
        parts.append(f"Current URL: {url}")
    if history:
        lines = [
            f"{i}. {action}" + (f"  -> error: {error}" if error else "")
            for i, (action, error) in enumerate(history, 1)
        ]
        parts.append("Your previous actions (oldest first):\n" + "\n".join(lines))
    error = observation.get("last_action_error")
    if isinstance(error, str) and error:
        parts.append(f"Your last action failed: {error}")
    axtree = observation.get("axtree")
    if isinstance(axtree, str):
        parts.append("Accessibility tree:\n" + (truncate(axtree, axtree_budget) or "(empty)"))
    if image_url:
        what = "with set-of-marks (element ids on the boxes)" if som else "of the viewport"
        parts.append(f"The screenshot {what} is attached.")
    parts.append("What is your next action?")
    text = "\n\n".join(parts)
    if not image_url:
        return {"role": "user", "content": text}
    return {
        "role": "user",
        "content": [
            {"type": "text", "text": text},
            {"type": "image_url", "image_url": {"url": image_url, "detail": image_detail}},
        ],
    }


def redact_images(messages: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A copy of ``messages`` with image data URLs replaced by a short note (for trajectories)."""
    out = []
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            parts = []
            for part in content:
                if isinstance(part, Mapping) and part.get("type") == "image_url":
                    url = str(part.get("image_url", {}).get("url", ""))
                    parts.append({"type": "image_url", "image_url": f"<{len(url)} chars>"})
                else:
                    parts.append(dict(part))
            content = parts
        out.append({**message, "content": content})
    return out
