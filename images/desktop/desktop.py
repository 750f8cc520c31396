"""``Desktop``: one running desktop session and everything the control server can do with it.

Why a plain class under the HTTP layer: the server (``server.py``) only translates requests and
errors; this class holds the session, input, screen, windows, apps, accessibility reader and the
home snapshots, so it is testable and usable in-process too.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from guigym.images.desktop.apps import APPS, AppManager
from guigym.images.desktop.axtree import AxTree
from guigym.images.desktop.execs import run_command
from guigym.images.desktop.files import (
    MAX_FILE_BYTES,
    read_home_file,
    resolve_in_home,
    restore_tree,
    snapshot_tree,
)
from guigym.images.desktop.screen import Screen
from guigym.images.desktop.session import DesktopSession
from guigym.images.desktop.windows import Windows

from guigym.errors import ActionError, ServiceError

__all__ = ["Desktop", "MAX_FILE_BYTES"]

#: app -> the AT-SPI role of its document view (present once a document takes input)
_DOCUMENT_ROLES = {"calc": "document spreadsheet", "writer": "document text"}
_SNAP_RE_OK = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


class Desktop:
    """A started desktop: ``Desktop(workdir).start()``; ``stop()`` ends every process."""

    def __init__(self, workdir: Path, size: tuple[int, int] = (1280, 720)) -> None:
        self.session = DesktopSession(Path(workdir), size=size)
        self.size = size
        self.input = None
        self.screen: Screen | None = None
        self.windows: Windows | None = None
        self.apps: AppManager | None = None
        self.ax: AxTree | None = None

    @property
    def home(self) -> Path:
        return self.session.home

    @property
    def display(self) -> str:
        return self.session.display

    def start(self) -> Desktop:
        from guigym.images.desktop.xinput import Input

        t0 = time.monotonic()
        self.session.start()
        d = self.display
        self.input = Input(d, self.size)
        self.screen = Screen(d, self.size)
        self.windows = Windows(d)
        self.apps = AppManager(
            self.session.env, self.home, self.session.workdir, sandbox=self.session.sandbox
        )
        self.ax = AxTree(self.session.env, self.session.workdir, sandbox=self.session.sandbox)
        self._prime_libreoffice()
        self.snapshot_home("base")
        self.started_s = time.monotonic() - t0
        return self

    def _prime_libreoffice(self) -> None:
        """Create LibreOffice's profile once, so the snapshot holds it (faster app starts)."""
        import shutil
        import subprocess

        if shutil.which("soffice") is None:
            return
        try:
            subprocess.run(
                ["soffice", "--headless", "--terminate_after_init", "--norestore"],
                env=self.session.env, cwd=self.home, capture_output=True, timeout=60,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pass
        for lock in self.home.glob(".config/libreoffice/**/.lock"):
            lock.unlink(missing_ok=True)
        self.session.sandbox.own(self.home)

    def stop(self) -> None:
        if self.ax is not None:
            self.ax.stop()
        if self.apps is not None:
            self.apps.close()
        for part in (self.input, self.windows):
            if part is not None:
                try:
                    part.close()
                except Exception:  # noqa: BLE001 - the display may already be gone
                    pass
        self.session.stop()

    def alive(self) -> bool:
        return self.session.alive()

    # -- files -----------------------------------------------------------------------------------
    def path(self, path: str, must_exist: bool = False) -> Path:
        return resolve_in_home(self.home, path, must_exist=must_exist)

    def read_file(self, path: str) -> bytes:
        return read_home_file(self.home, path)

    def write_file(self, path: str, data: bytes) -> int:
        real = self.path(path)
        if real == self.home.resolve():
            raise ActionError("cannot write over the home folder itself")
        missing = [p for p in real.parents if not p.exists()]
        real.parent.mkdir(parents=True, exist_ok=True)
        tmp = real.with_name(f".{real.name}.guigym-tmp")
        tmp.write_bytes(data)
        os.replace(tmp, real)
        self.session.sandbox.own(real, *missing)  # the apps may save over it
        return len(data)

    def list_dir(self, path: str = "~") -> list[dict[str, Any]]:
        real = self.path(path, must_exist=True)
        if not real.is_dir():
            raise ActionError(f"{path!r} is not a folder")
        out = []
        for entry in sorted(os.scandir(real), key=lambda e: e.name):
            st = entry.stat(follow_symlinks=False)
            kind = "link" if entry.is_symlink() else "dir" if entry.is_dir() else "file"
            out.append({"name": entry.name, "kind": kind, "size": st.st_size})
        return out

    # -- home snapshots --------------------------------------------------------------------------
    def _snap_dir(self, name: str) -> Path:
        if not name or not set(name) <= _SNAP_RE_OK or name.startswith("."):
            raise ActionError(f"bad snapshot name {name!r} (lowercase letters, digits, -_.)")
        return self.session.workdir / "snapshots" / name

    def snapshot_home(self, name: str) -> None:
        snap = self._snap_dir(name)
        snap.parent.mkdir(parents=True, exist_ok=True)
        snapshot_tree(self.home, snap)

    def restore_home(self, name: str) -> int:
        snap = self._snap_dir(name)
        if not snap.is_dir():
            raise ActionError(f"no home snapshot {name!r}")
        changed = restore_tree(snap, self.home)
        if changed:
            self.session.sandbox.own(self.home)
        return changed

    # -- apps and windows ------------------------------------------------------------------------
    def launch(
        self,
        app: str,
        args: Sequence[str] = (),
        hosts: Mapping[str, int] | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        spec = APPS.get(app)
        files = (
            [str(self.path(a, must_exist=True)) for a in args]
            if spec and spec.opens_files
            else list(args)
        )
        if spec is not None and not spec.opens_files and app != "browser" and args:
            raise ActionError(f"app {app!r} opens no files")
        known = {w.id for w in self.windows.list()}

        def seen(wm_class: str, wait: float, known_ids: set[int]):  # noqa: ANN202
            return self.windows.wait_for(
                lambda w: w.id not in known_ids and wm_class in w.app.lower(), wait
            )

        win = self.apps.launch(
            app, files, hosts=hosts, window_seen=seen, known=known, timeout=timeout
        )  # fmt: skip
        if files and spec is not None and spec.opens_files:  # ready: titled with the document
            name = os.path.basename(files[0])
            limit = timeout if timeout is not None else spec.timeout
            titled = self.windows.wait_for(
                lambda w: spec.wm_class in w.app.lower() and name in w.title, limit
            )
            if titled is None:
                raise ServiceError(f"app {app!r} did not open {name!r} within {limit:g} s")
            win = titled
        if app in _DOCUMENT_ROLES:
            self._wait_document(app, _DOCUMENT_ROLES[app], timeout or spec.timeout)
        return win.as_dict()

    def _wait_document(self, app: str, role: str, timeout: float) -> None:
        """LibreOffice titles its window long before the document takes input: wait until the
        accessibility tree shows the document's view (its ``document ...`` element)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if f"] {role}" in self.ax.tree(max_nodes=300, timeout=5)["text"]:
                    return
            except (ServiceError, ActionError):
                pass
            if time.monotonic() > deadline:
                raise ServiceError(f"app {app!r}: the document was not ready within {timeout:g} s")
            time.sleep(0.2)

    def close_apps(self) -> int:
        """Kill every app (ours, and any other window's process); returns how many went.

        A window not from our launches (one the panel's menu or a terminal started) is closed
        through the X server: the pid its client really has (XRes, never the app-written
        ``_NET_WM_PID``, which is meaningless outside a pid namespace and could name a
        service) gets SIGKILL unless it is ours, and its X connection is cut."""
        n = self.apps.close()
        own = {p.pid for p in self.session.procs.values()} | {os.getpid()}
        for w in self.windows.list():
            pid = self.windows.client_pid(w.id)
            if not pid and not self.session.sandbox.isolated:
                pid = w.pid  # no XRes: the app's own word, only without a pid namespace
            if pid in own:
                continue
            try:
                if pid:
                    os.kill(pid, signal.SIGKILL)
                    n += 1
                    continue
            except ProcessLookupError:
                continue
            self.windows.kill_client(w.id)
            n += 1
        keep = {p.pid for p in self.session.procs.values()}  # + the accessibility reader
        if self.ax is not None and self.ax.proc is not None and self.ax.proc.poll() is None:
            keep.add(self.ax.proc.pid)
        n += self.session.sandbox.kill_strays(keep)  # "user" mode: what the agent left running
        deadline = time.monotonic() + 3
        while self.windows.list() and time.monotonic() < deadline:
            time.sleep(0.01)
        return n

    def reset(self, snapshot: str = "base") -> dict[str, Any]:
        """Close apps, let go of keys/buttons, restore the home folder from ``snapshot``."""
        t0 = time.perf_counter()
        if self.input is not None:
            self.input.release_all()
            w, h = self.size
            self.input.move(w - 1, h - 1)  # the pointer always starts in the same place
        closed = self.close_apps()
        if self.ax is not None:
            self.ax.forget()
        changed = self.restore_home(snapshot)
        return {"closed": closed, "changed": changed, "ms": (time.perf_counter() - t0) * 1000}

    def exec(self, command: str, args: Sequence[str], timeout: float = 10.0) -> dict[str, Any]:
        return run_command(command, list(args), home=self.home, env=self.session.env,
                           timeout=timeout)  # fmt: skip

    # -- elements --------------------------------------------------------------------------------
    def element_center(self, element: str | dict) -> tuple[int, int, dict]:
        box = self.ax.locate(element)
        if box["w"] <= 0 or box["h"] <= 0:
            raise ActionError(f"element {box['id']} has no size on screen")
        x, y = box["x"] + box["w"] // 2, box["y"] + box["h"] // 2
        w, h = self.size
        if not (0 <= x < w and 0 <= y < h):
            raise ActionError(f"element {box['id']} is off-screen at ({x}, {y}); scroll first")
        return x, y, box


def ensure_alive(desktop: Desktop) -> None:
    """ServiceError when the X server or the window manager has died."""
    if not desktop.alive():
        raise ServiceError("the desktop session died (X server or window manager exited)")
