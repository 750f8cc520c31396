"""Start a desktop (``start_desktop``) and talk to its control server (``DesktopClient``).

The env process imports only this module (httpx, numpy): the desktop itself runs in a child
process (``serve.py``) in its own process group, so ``stop()`` — or the env process dying —
takes the X server and every app with it. Every HTTP call has a timeout. Screenshots of a
desktop on this machine are taken in-process with mss on the same display (~1 ms), which the
HTTP route cannot match; a remote desktop (Docker) uses ``GET /screenshot?format=raw``.
"""

from __future__ import annotations

import json
import os
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from guigym.errors import ActionError, ServiceError

__all__ = ["DesktopClient", "DesktopInstance", "start_desktop", "TOKEN_HEADER"]

TOKEN_HEADER = "X-Guigym-Token"
READY_PREFIX = "GUIGYM_DESKTOP_READY "


class DesktopClient:
    """Typed calls to one control server; 400 -> ActionError, other failures -> ServiceError."""

    def __init__(self, url: str, token: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.token = token
        transport = httpx.HTTPTransport(
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
        )
        self.http = httpx.Client(
            base_url=self.url, headers={TOKEN_HEADER: token}, timeout=timeout, transport=transport
        )
        # set by DesktopInstance for a desktop on this machine: same pixels, files and windows,
        # read in-process instead of over HTTP (the figures in README.md)
        self.local_screen = None
        self.local_home: Path | None = None
        self.local_windows = None

    def _call(
        self, method: str, path: str, *, timeout: float | None = None, **kw
    ) -> httpx.Response:
        try:
            resp = self.http.request(method, path, timeout=timeout or self.http.timeout, **kw)
        except httpx.TimeoutException as exc:
            raise ServiceError(f"desktop control {method} {path} timed out") from exc
        except httpx.HTTPError as exc:
            raise ServiceError(f"desktop control {method} {path} failed: {exc}") from exc
        if resp.status_code == 400 or resp.status_code == 422:
            raise ActionError(_detail(resp))
        if resp.status_code >= 400:
            raise ServiceError(
                f"desktop control {method} {path}: {resp.status_code} {_detail(resp)}"
            )
        return resp

    def _json(self, method: str, path: str, **kw) -> Any:
        return self._call(method, path, **kw).json()

    # -- observation -----------------------------------------------------------------------------
    def health(self) -> dict:
        return self._json("GET", "/health", timeout=5)

    def screenshot(self) -> np.ndarray:
        """H x W x 3 uint8 RGB."""
        if self.local_screen is not None:
            return self.local_screen.grab()
        resp = self._call("GET", "/screenshot", params={"format": "raw"}, timeout=10)
        w, h = int(resp.headers["X-Width"]), int(resp.headers["X-Height"])
        return np.frombuffer(resp.content, dtype=np.uint8).reshape(h, w, 3)

    def screenshot_png(self) -> bytes:
        return self._call("GET", "/screenshot", params={"format": "png"}, timeout=10).content

    def fingerprint(self) -> int | None:
        """A cheap hash of the screen (None for a remote desktop)."""
        return self.local_screen.fingerprint() if self.local_screen is not None else None

    def settle(
        self,
        quiet_ms: float = 60,
        timeout_ms: float = 1500,
        change_ms: float = 0,
        before: int | None = None,
    ) -> float:
        """Wait for the screen to stop changing (see ``Screen.settle``)."""
        if self.local_screen is not None:
            return self.local_screen.settle(quiet_ms, timeout_ms, change_ms, before)
        params = {"quiet_ms": quiet_ms, "timeout_ms": timeout_ms, "change_ms": change_ms}
        return self._json("POST", "/settle", params=params, timeout=timeout_ms / 1000 + 5)["ms"]

    def axtree(self, max_nodes: int = 3000) -> dict:
        return self._json("GET", "/axtree", params={"max_nodes": max_nodes}, timeout=15)

    def browser_urls(self) -> list[dict]:
        """Each Chromium window's title and its address bar's text (what the agent sees)."""
        return self._json("GET", "/browser/urls", timeout=15)

    def windows(self) -> list[dict]:
        if self.local_windows is not None:
            return [w.as_dict() for w in self.local_windows.list()]
        return self._json("GET", "/windows", timeout=5)

    # -- input -----------------------------------------------------------------------------------
    def input(self, op: str, **fields: Any) -> dict:
        return self._json("POST", "/input", json={"op": op, **fields}, timeout=30)

    def element(self, element: str | dict, do: str = "locate", text: str = "") -> dict:
        body = {"element": element, "do": do, "text": text}
        return self._json("POST", "/element", json=body, timeout=15)

    def focus_window(self, window: int | str) -> dict:
        return self._json("POST", "/windows/focus", json={"window": window}, timeout=5)

    def close_window(self, window: int | str) -> dict:
        return self._json("POST", "/windows/close", json={"window": window}, timeout=5)

    # -- files -----------------------------------------------------------------------------------
    def read_file(self, path: str) -> bytes:
        if self.local_home is not None:
            from guigym.images.desktop.files import read_home_file

            return read_home_file(self.local_home, path)
        return self._call("GET", "/files", params={"path": path}, timeout=30).content

    def read_text(self, path: str, encoding: str = "utf-8") -> str:
        return self.read_file(path).decode(encoding, "replace")

    def write_file(self, path: str, data: bytes | str) -> int:
        if isinstance(data, str):
            data = data.encode()
        headers = {"content-type": "application/octet-stream"}
        return self._json(
            "PUT", "/files", params={"path": path}, content=data, headers=headers, timeout=30
        )["bytes"]

    def exists(self, path: str) -> bool:
        if self.local_home is not None:
            from guigym.images.desktop.files import resolve_in_home

            return resolve_in_home(self.local_home, path).exists()
        return bool(self._json("GET", "/files/exists", params={"path": path}, timeout=5)["exists"])

    def list_dir(self, path: str = "~") -> list[dict]:
        return self._json("GET", "/files/list", params={"path": path}, timeout=10)

    # -- apps, exec, reset -----------------------------------------------------------------------
    def launch(
        self,
        app: str,
        args: Sequence[str] = (),
        hosts: Mapping[str, int] | None = None,
        timeout: float | None = None,
    ) -> dict:
        body = {"app": app, "args": list(args), "hosts": dict(hosts or {}), "timeout": timeout}
        return self._json("POST", "/apps/launch", json=body, timeout=(timeout or 60) + 10)

    def close_apps(self) -> int:
        return self._json("POST", "/apps/close", timeout=15)["closed"]

    def exec(self, command: str, args: Sequence[str] = (), timeout: float = 10.0) -> dict:
        body = {"command": command, "args": list(args), "timeout": timeout}
        return self._json("POST", "/exec", json=body, timeout=timeout + 5)

    def snapshot_home(self, name: str) -> None:
        self._json("POST", f"/home/snapshot/{name}", timeout=60)

    def restore_home(self, name: str) -> int:
        return self._json("POST", f"/home/restore/{name}", timeout=60)["changed"]

    def reset(self, snapshot: str = "base") -> dict:
        return self._json("POST", "/reset", params={"snapshot": snapshot}, timeout=60)

    def close(self) -> None:
        self.http.close()


def _detail(resp: httpx.Response) -> str:
    try:
        detail = resp.json().get("detail")
    except (ValueError, AttributeError):
        detail = resp.text
    if isinstance(detail, list):  # pydantic validation errors
        detail = "; ".join(
            f"{'.'.join(map(str, d.get('loc', ())))}: {d.get('msg')}" for d in detail
        )
    return str(detail)


class DesktopInstance:
    """A running desktop process; ``.client`` talks to it; ``stop()`` ends it."""

    def __init__(self, proc: subprocess.Popen, info: dict, token: str, workdir: Path, tmp) -> None:  # noqa: ANN001
        self.proc = proc
        self.info = info
        self.token = token
        self.workdir = workdir
        self._tmp = tmp
        self.port = int(info["port"])
        self.display = str(info["display"])
        self.home = Path(info["home"])
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = DesktopClient(self.url, token)
        self._local_parts(info)

    def _local_parts(self, info: dict) -> None:
        """In-process access to this machine's desktop (falls back to HTTP on any failure)."""
        try:
            from guigym.images.desktop.screen import Screen
            from guigym.images.desktop.windows import Windows

            self.client.local_screen = Screen(
                self.display, (int(info["width"]), int(info["height"]))
            )
            self.client.local_windows = Windows(self.display)
            self.client.local_home = self.home
        except Exception:  # noqa: BLE001 - a desktop we cannot reach directly: HTTP only
            self.client.local_screen = self.client.local_windows = self.client.local_home = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        try:  # apps in their own sessions were killed by the server; sweep the group anyway
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.client.local_windows is not None:
            try:
                self.client.local_windows.close()
            except Exception:  # noqa: BLE001 - the display is gone already
                pass
            self.client.local_windows = None
        self.client.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> DesktopInstance:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_desktop(
    workdir: str | Path | None = None,
    *,
    size: tuple[int, int] = (1280, 720),
    timeout: float = 90.0,
) -> DesktopInstance:
    """Start a private desktop and its control server; ready when this returns."""
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="guigym-desktop-")
        workdir = tmp.name
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    env = dict(os.environ, GUIGYM_DESKTOP_TOKEN=token)
    argv = [
        sys.executable, "-m", "guigym.images.desktop.serve", "--workdir", str(workdir),
        "--width", str(size[0]), "--height", str(size[1]), "--parent-pid", str(os.getpid()),
    ]  # fmt: skip
    err = open(workdir / "serve.log", "ab")  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, env=env,
        start_new_session=True,
    )  # fmt: skip
    err.close()
    try:
        info = _wait_ready(proc, timeout, workdir)
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)
        if tmp is not None:
            tmp.cleanup()
        raise
    info.update(width=size[0], height=size[1])
    return DesktopInstance(proc, info, token, workdir, tmp)


def _wait_ready(proc: subprocess.Popen, timeout: float, workdir: Path) -> dict:
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buf = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not sel.select(left):
            raise ServiceError(f"the desktop did not start within {timeout:g} s ({_log(workdir)})")
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            raise ServiceError(f"the desktop exited during startup: {_log(workdir)}")
        buf += chunk
        for line in buf.decode(errors="replace").splitlines():
            if line.startswith(READY_PREFIX):
                return json.loads(line[len(READY_PREFIX) :])


def _log(workdir: Path) -> str:
    try:
        text = (workdir / "serve.log").read_text(errors="replace").strip()
    except OSError:
        return "no log"
    return " | ".join(text.splitlines()[-3:])[-500:] or "empty log"
