"""The accessibility tree: a client for ``atspi_reader.py`` running under Debian's Python.

Why a subprocess: pyatspi lives in /usr/lib/python3/dist-packages (apt), which must not leak
into the venv; a long-lived reader keeps AT-SPI's cache warm between steps. Every request has a
timeout; a reader that hangs (an app blocking its accessibility bus) is killed and restarted,
and the caller gets a clear error instead of a hang.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from guigym.images.desktop.sandbox import Sandbox

from guigym.errors import ActionError, ServiceError

__all__ = ["AxTree", "SYSTEM_PYTHON", "element_ref"]

SYSTEM_PYTHON = "/usr/bin/python3"
_READER = Path(__file__).resolve().parent / "atspi_reader.py"


_LOCATOR = re.compile(
    r"^(?P<kind>role|text|label|title)=(?P<value>[^\[]+?)\s*"
    r"(?:\[\s*name\s*=\s*(?P<q>[\"'])(?P<name>.*)(?P=q)\s*\])?$"
)


def element_ref(element: str | dict) -> str | dict:
    """``"e12"`` stays an id; ``role=button[name="Save"]``, ``text=..``, ``label=..``,
    ``title=..`` become the reader's locator dict; anything else is an ActionError."""
    if isinstance(element, dict):
        return element
    text = str(element).strip()
    if re.fullmatch(r"e\d{1,9}", text):
        return text
    match = _LOCATOR.match(text)
    if not match:
        raise ActionError(
            f"expected an element id like 'e12' or a locator (role=, text=, label=, title=), "
            f"got {element!r}"
        )
    kind, value, name = match.group("kind"), match.group("value").strip(), match.group("name")
    if kind != "role" and name is not None:
        value = text.split("=", 1)[1]
        name = None
    return {"kind": kind, "value": value, "name": name, "raw": text}


class AxTree:
    """Requests to one reader process (started lazily, restarted after a timeout)."""

    def __init__(
        self, env: Mapping[str, str], logdir: Path, sandbox: Sandbox | None = None
    ) -> None:
        self.env = dict(env)
        self.logdir = logdir
        self.sandbox = sandbox
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        if not Path(SYSTEM_PYTHON).is_file():
            raise ServiceError(f"{SYSTEM_PYTHON} is missing (install python3-pyatspi)")
        env = dict(self.env)
        env.pop("PYTHONPATH", None)
        env["PYTHONNOUSERSITE"] = "1"
        with open(self.logdir / "atspi-reader.log", "ab") as log:
            argv = [SYSTEM_PYTHON, "-u", str(_READER)]
            if self.sandbox is not None:  # a D-Bus peer of the sandboxed apps (Sandbox.peer)
                if self.sandbox.mode == "user":  # uid 1000 may not read our files: the source
                    argv = [SYSTEM_PYTHON, "-u", "-c", _READER.read_text()]
                argv = self.sandbox.peer(argv)
            self.proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=log, env=env,
            )  # fmt: skip
        return self.proc

    def request(self, req: dict[str, Any], timeout: float = 10.0) -> dict[str, Any]:
        """Send one request; ServiceError when the reader dies or exceeds ``timeout``."""
        with self.lock:
            proc = self.proc if self.proc and self.proc.poll() is None else self._start()
            try:
                proc.stdin.write((json.dumps(req) + "\n").encode())
                proc.stdin.flush()
            except OSError as exc:
                self.stop()
                raise ServiceError(f"the accessibility reader died: {exc}") from exc
            line = self._readline(proc, timeout)
        out = json.loads(line)
        if "error" in out:
            raise ActionError(out["error"])
        return out

    def _readline(self, proc: subprocess.Popen, timeout: float) -> bytes:
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        buf = b""
        fd = proc.stdout.fileno()
        while not buf.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                self.stop()
                raise ServiceError(
                    f"the accessibility tree did not answer within {timeout:g} s (reader restarted)"
                )
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                self.stop()
                raise ServiceError("the accessibility reader exited (see atspi-reader.log)")
            buf += chunk
        return buf

    def tree(self, max_nodes: int = 3000, timeout: float = 10.0) -> dict[str, Any]:
        return self.request({"op": "tree", "max_nodes": max_nodes}, timeout)

    def locate(self, element: str | dict) -> dict[str, Any]:
        return self.request({"op": "locate", "element": element_ref(element)})

    def act(self, element: str | dict, do: str, text: str = "") -> dict[str, Any]:
        body = {"op": "act", "element": element_ref(element), "do": do, "text": text}
        return self.request(body)

    def browser_urls(self) -> list[dict[str, Any]]:
        """Each Chromium window's ``title``, address-bar ``url`` and ``editing`` flag."""
        return list(self.request({"op": "browser_urls"}).get("windows", []))

    def forget(self) -> None:
        """Start element ids again at e1 (a new episode), if the reader is running."""
        if self.proc is not None and self.proc.poll() is None:
            self.request({"op": "forget"})

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
