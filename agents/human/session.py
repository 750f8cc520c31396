"""What the env thread and the page's HTTP thread share while a person plays.

Playwright must stay on the thread that created it, so the env runs in the main thread and the
page is served from another. They meet here: the env thread ``publish``es each observation and
blocks in ``next_action``; the HTTP thread reads the state (long-polling for a newer version) and
``submit``s the person's actions, each checked with the real parser first so a typo never costs a
step. One action per observation: a second one while a step is running is refused (busy).
"""

from __future__ import annotations

import io
import json
import queue
import threading
import time
from collections.abc import Mapping
from typing import Any

import numpy as np
from guigym.envs.actions import parse_actions
from PIL import Image

from guigym.errors import ActionError, AgentError

__all__ = ["PlaySession", "BusyError"]

_QUIT = object()


class BusyError(AgentError):
    """An action arrived while the previous one is still being performed (or none is awaited)."""


def _subtasks(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    out = []
    for item in value or []:
        if isinstance(item, Mapping):
            out.append(
                {
                    "id": item.get("id"),
                    "instruction": item.get("instruction", ""),
                    "status": item.get("status", "pending"),
                }
            )
    return out


def encode_jpeg(image: Any, quality: int = 85) -> bytes:
    """An H x W x 3 uint8 array as JPEG bytes."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(image, dtype=np.uint8)[..., :3]).save(
        buffer, "JPEG", quality=quality
    )
    return buffer.getvalue()


class PlaySession:
    """Thread-safe state of one play session (it outlives episodes)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._actions: queue.Queue[Any] = queue.Queue()
        self.version = 0
        self.jpeg = b""
        self.state: dict[str, Any] = {"phase": "starting", "message": "starting the env..."}
        self.log: list[dict[str, Any]] = []
        self._closing = False

    # -- env thread ----------------------------------------------------------------------------
    def _update(self, **fields: Any) -> None:
        with self._cond:
            self.version += 1
            self.state = {**self.state, **fields, "version": self.version}
            self._cond.notify_all()

    def new_episode(self, task_info: Mapping[str, Any]) -> None:
        """An episode starts: show its task; forget anything typed for the previous one."""
        while not self._actions.empty():
            self._actions.get_nowait()
        self.log = []
        self._update(
            phase="starting",
            task_id=task_info.get("task_id"),
            seed=task_info.get("seed"),
            instruction=task_info.get("instruction", ""),
            subtasks=_subtasks(task_info.get("subtasks")),
            step=0,
            max_steps=task_info.get("max_steps"),
            result=None,
            message="",
        )

    def publish(self, observation: Mapping[str, Any], step: int) -> None:
        """Show an observation and start waiting for the person's action."""
        shot = observation.get("screenshot")
        jpeg = encode_jpeg(shot) if shot is not None else b""
        elements = observation.get("elements")
        try:
            marks = json.loads(elements) if isinstance(elements, str) else []
        except ValueError:
            marks = []
        size = list(np.asarray(shot).shape[1::-1]) if shot is not None else [0, 0]
        with self._cond:
            self.jpeg = jpeg
        fields: dict[str, Any] = {
            "phase": "waiting",
            "step": step,
            "url": observation.get("url", ""),
            "last_action_error": observation.get("last_action_error", ""),
            "elements": marks,
            "size": size,
            "has_screenshot": bool(jpeg),
            "log": list(self.log[-50:]),
        }
        if observation.get("instruction"):
            fields["instruction"] = observation["instruction"]
        if "subtasks" in observation:
            fields["subtasks"] = _subtasks(observation["subtasks"])
        self._update(**fields)

    def next_action(self, timeout: float | None) -> str:
        """Block until the person sends an action; AgentError on timeout or quit."""
        try:
            action = self._actions.get(timeout=timeout)
        except queue.Empty:
            raise AgentError(f"no action from the player within {timeout:g} s") from None
        if action is _QUIT:
            raise AgentError("the player quit the episode")
        self.log.append({"step": self.state.get("step", 0) + 1, "action": action})
        return action

    def finish(self, result: Mapping[str, Any], screenshot: bytes | None = None) -> None:
        """The episode is over: show the outcome (and its last screenshot, if there is one)."""
        if screenshot:
            with self._cond:
                self.jpeg = screenshot
        fields: dict[str, Any] = {"phase": "over", "result": dict(result), "elements": []}
        if isinstance(result.get("steps"), int):
            fields["step"] = result["steps"]
        final = {s.get("id"): s.get("status") for s in _subtasks(result.get("subtasks"))}
        if final:
            fields["subtasks"] = [
                {**s, "status": final.get(s["id"], s["status"])}
                for s in self.state.get("subtasks", [])
            ]
        self._update(**fields, log=list(self.log[-50:]))

    # -- HTTP thread ---------------------------------------------------------------------------
    def submit(self, action: str) -> int:
        """Queue one action (checked with the parser); returns the version it answers."""
        action = action.strip()
        if not action:
            raise ActionError("empty action")
        parse_actions(action)  # ActionError with the parser's message; nothing is executed
        with self._cond:
            if self.state.get("phase") != "waiting":
                raise BusyError(f"not waiting for an action (phase {self.state.get('phase')})")
            self.version += 1
            self.state = {**self.state, "phase": "acting", "acting": action}
            self.state["version"] = self.version
            self._cond.notify_all()
            version = self.version
        self._actions.put(action)
        return version

    def quit(self) -> None:
        """End the episode from the page (the runner records an agent error)."""
        self._actions.put(_QUIT)

    def wait(self, after: int, timeout: float) -> dict[str, Any]:
        """The state once its version is newer than ``after`` (or as it is after ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.version <= after and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return dict(self.state)

    def wait_settled(self, after: int, timeout: float) -> dict[str, Any]:
        """The state once it has moved past ``after`` and is no longer ``acting``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self.version <= after or self.state.get("phase") == "acting") and not (
                self._closing
            ):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return dict(self.state)

    def close(self) -> None:
        """Release every waiting request (the server is about to stop)."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()

    def screenshot(self) -> bytes:
        """The JPEG of the latest screenshot."""
        with self._cond:
            return self.jpeg
