"""One desktop session: Xvfb, a D-Bus session with the AT-SPI bus, xfwm4 and xfce4-panel.

Why one class owns every process: the session is started by the control server process
(``serve.py``) in its own process group, so stopping the server (or killing its group) takes the
X server, the bus, the window manager and every app with it. Readiness is always a condition
(the X socket accepting, the bus address printed by dbus-daemon, the
window manager's ``_NET_SUPPORTING_WM_CHECK``, the panel's window), never a sleep.

Applications see ``HOME`` = the session's own home folder, never the user's. The processes the
agent can drive (the session bus and what it activates, the window manager, the panel and its
menu's launches, the desktop, every app) start through ``self.sandbox`` (``sandbox.py``); Xvfb,
the AT-SPI bus launcher and the control server stay outside. The session bus listens on a socket
in the runtime folder and Xvfb on no abstract socket, so a sandboxed process cannot reach another
desktop's bus or display through the shared network namespace.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import replace
from pathlib import Path

from guigym.images.desktop.office_profile import write_office_profile
from guigym.images.desktop.sandbox import Sandbox, check_mode, sandbox_mode

from guigym.errors import ServiceError

__all__ = ["DesktopSession", "SKELETON_DIRS", "build_home"]

SKELETON_DIRS = ("Desktop", "Documents", "Downloads", "Pictures", "Music", "Templates")
_HERE = Path(__file__).resolve().parent
_SKEL = _HERE / "skel"


def build_home(home: Path) -> None:
    """A fresh home: the usual folders and the app settings that skip first-run dialogs."""
    home.mkdir(parents=True, exist_ok=True)
    for name in SKELETON_DIRS:
        (home / name).mkdir(exist_ok=True)
    if _SKEL.is_dir():
        shutil.copytree(_SKEL, home, dirs_exist_ok=True)
    write_office_profile(home)  # LibreOffice types what is typed, starts with no dialogs
    panel = Path("/etc/xdg/xfce4/panel/default.xml")
    conf = home / ".config/xfce4/xfconf/xfce-perchannel-xml"
    conf.mkdir(parents=True, exist_ok=True)
    if panel.is_file() and not (conf / "xfce4-panel.xml").exists():  # skel has our own
        shutil.copy(panel, conf / "xfce4-panel.xml")


def _claim_display() -> tuple[int, socket.socket]:
    """A display number no X server uses, and the abstract socket that holds it for us."""
    for number in range(0, 2000):
        if os.path.exists(f"/tmp/.X11-unix/X{number}") or os.path.exists(f"/tmp/.X{number}-lock"):
            continue
        claim = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            claim.bind(f"\0/tmp/.X11-unix/X{number}")
        except OSError:
            claim.close()
            continue
        return number, claim
    raise ServiceError("no free X display number below 2000")


def _accepts(path: str) -> bool:
    """True once a Unix socket at ``path`` accepts a connection."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def _wait_line(proc: subprocess.Popen, what: str, timeout: float) -> str:
    """First line a child writes to its stdout pipe, within ``timeout`` seconds."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buf = b""
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or not sel.select(left):
            raise ServiceError(f"{what} did not start within {timeout:g} s")
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            raise ServiceError(f"{what} exited during startup (code {proc.poll()})")
        buf += chunk
    return buf.split(b"\n", 1)[0].decode().strip()


class DesktopSession:
    """Starts and stops the X display, buses, window manager and panel of one desktop."""

    def __init__(
        self,
        workdir: Path,
        *,
        size: tuple[int, int] = (1280, 720),
        panel: bool = True,
        wallpaper: bool = True,
        sandbox: str | None = None,
    ) -> None:
        self.workdir = Path(workdir)
        self.home = self.workdir / "home"
        self.size = size
        self.panel = panel
        self.wallpaper = wallpaper
        self.display = ""
        self.env: dict[str, str] = {}
        self.procs: dict[str, subprocess.Popen] = {}
        self._display_claim: socket.socket | None = None
        self.sandbox = Sandbox(
            sandbox_mode(sandbox), self.home, self.workdir / "tmp", self.workdir / "run",
            self.workdir / "cache",
        )  # fmt: skip

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, timeout: float = 20.0) -> DesktopSession:
        """Start everything; raise ServiceError naming the part that failed."""
        check_mode(self.sandbox.mode)  # before anything starts: a clear error with the fix
        self.workdir.mkdir(parents=True, exist_ok=True)
        build_home(self.home)
        runtime = self.workdir / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        for name in ("tmp", "cache"):
            (self.workdir / name).mkdir(exist_ok=True)
        self.sandbox.own(self.home, runtime, self.workdir / "tmp", self.workdir / "cache")
        try:
            self._start_x(timeout)
            self.sandbox = replace(self.sandbox, display=self.display)
            self.env = self._base_env(runtime)
            self._start_dbus(timeout)
            self._start_wm(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(
        self, name: str, argv: list[str], *, sandboxed: bool = False, peer: bool = False, **kw
    ) -> subprocess.Popen:
        """Start one session process (``sandboxed``: through the agent's sandbox; ``peer``: a
        trusted D-Bus peer of the sandbox, see ``Sandbox.peer``)."""
        if shutil.which(argv[0]) is None and not Path(argv[0]).is_file():
            raise ServiceError(f"{argv[0]} is not installed (see images/desktop/packages.txt)")
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child
        kw.setdefault("stdout", log)
        env = dict(kw.pop("env", None) or self.env)
        if sandboxed:
            argv = self.sandbox.wrap(argv, env=env)
        elif peer:
            argv = self.sandbox.peer(argv)
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stderr=log, env=env, **kw)
        log.close()
        self.procs[name] = proc
        return proc

    def _start_x(self, timeout: float) -> None:
        """Xvfb on a display number we claim, listening on its path socket only.

        Why not ``-displayfd``: Xvfb picks a free number by binding the *abstract* socket
        ``@/tmp/.X11-unix/X<n>``, and any sandbox (they share the network namespace) could reach
        an abstract socket, i.e. every desktop on the machine. So Xvfb runs ``-nolisten local``
        (the path socket, bound into this desktop's sandbox only) and this process holds the
        abstract name itself as the claim, so no other X server (ours or anyone's) takes it."""
        width, height = self.size
        for _attempt in range(5):
            number, claim = _claim_display()
            argv = [
                "Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-noreset",
                "-nolisten", "tcp", "-nolisten", "local", "-dpi", "96", "+extension", "MIT-SHM",
                "+extension", "XTEST", "+extension", "RANDR", "-ac",
            ]  # fmt: skip
            proc = self._spawn("xvfb", argv, env=dict(os.environ))
            sock = f"/tmp/.X11-unix/X{number}"
            try:
                self._wait(lambda s=sock: _accepts(s), "the X server", timeout, watch=(proc,))
            except ServiceError:
                claim.close()
                if proc.poll() is None:
                    raise
                continue  # the number was taken after all (a racing server): the next one
            self._display_claim = claim
            self.display = f":{number}"
            return
        raise ServiceError("Xvfb could not start on any display number (see xvfb.log)")

    def _base_env(self, runtime: Path) -> dict[str, str]:
        keep = ("PATH", "LANG", "LC_ALL", "TZ", "TERM")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        env.setdefault("LANG", "C.UTF-8")
        env.update(
            DISPLAY=self.display,
            HOME=str(self.home),
            USER=os.environ.get("USER", "root"),
            LOGNAME=os.environ.get("USER", "root"),
            SHELL="/bin/bash",
            XDG_RUNTIME_DIR=str(runtime),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local/share"),
            XDG_CACHE_HOME=str(self.workdir / "cache"),
            XDG_CURRENT_DESKTOP="XFCE",
            XDG_SESSION_TYPE="x11",
            GSETTINGS_BACKEND="keyfile",  # settings from the home's skel (.config/glib-2.0)
            TMPDIR=str(self.workdir / "tmp"),
            NO_AT_BRIDGE="0",
            GTK_MODULES="gail:atk-bridge",
            GNOME_ACCESSIBILITY="1",
            QT_ACCESSIBILITY="1",
            SAL_USE_VCLPLUGIN="gtk3",
            NO_AT_BRIDGE_WARNINGS="1",
            GDK_BACKEND="x11",
        )
        return env

    def _start_dbus(self, timeout: float) -> None:
        bus = self.workdir / "run" / "bus"  # a path socket: only this desktop's sandbox sees it
        proc = self._spawn(
            "dbus",
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1",
             f"--address=unix:path={bus}"],
            stdout=subprocess.PIPE, sandboxed=True,
        )  # fmt: skip
        address = _wait_line(proc, "dbus-daemon", timeout)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        launcher = "/usr/libexec/at-spi-bus-launcher"
        if Path(launcher).is_file():
            for attempt in range(3):  # the launcher occasionally exits at startup: start again
                proc = self._spawn("atspi", [launcher, "--launch-immediately"], peer=True)
                try:
                    self._wait(self._a11y_bus_ready, "the AT-SPI bus", timeout, watch=(proc,))
                    break
                except ServiceError:
                    if attempt == 2 or proc.poll() is None:
                        raise

    def _a11y_bus_ready(self) -> bool:
        out = subprocess.run(
            # NameHasOwner, not a call to org.a11y.Bus: a call would make the bus *activate* a
            # second launcher (inside the sandbox) while ours is still starting
            self.sandbox.peer(["dbus-send", "--session", "--print-reply",
                               "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"]),
            env=self.env, capture_output=True, timeout=5,
        )  # fmt: skip
        return out.returncode == 0 and b"boolean true" in out.stdout

    def _wait(self, cond, what: str, timeout: float, watch=None) -> None:  # noqa: ANN001
        """Poll ``cond`` until true; fail early when a watched process (default: all) exits."""
        deadline = time.monotonic() + timeout
        delay = 0.005
        while not cond():
            procs = {n: p for n, p in self.procs.items() if watch is None or p in watch}
            dead = [n for n, p in procs.items() if p.poll() is not None and n != "atspi"]
            if watch is not None:
                dead = [n for n, p in procs.items() if p.poll() is not None]
            if dead:
                raise ServiceError(f"{', '.join(dead)} exited while waiting for {what}")
            if time.monotonic() > deadline:
                raise ServiceError(f"{what} was not ready within {timeout:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def _start_wm(self, timeout: float) -> None:
        from guigym.images.desktop.windows import Windows

        self._spawn("wm", ["xfwm4", "--compositor=off", "--sm-client-disable"], sandboxed=True)
        win = Windows(self.display)
        try:
            self._wait(win.wm_running, "the window manager", timeout)
            if self.panel:
                self._spawn("panel", ["xfce4-panel", "--sm-client-disable"], sandboxed=True)
                self._wait(lambda: win.has_class("xfce4-panel"), "the panel", timeout)
            if self.wallpaper and shutil.which("xfdesktop"):
                self._spawn("xfdesktop", ["xfdesktop", "--sm-client-disable"], sandboxed=True)
                self._wait(lambda: win.has_class("xfdesktop"), "the desktop background", timeout)
        finally:
            win.close()

    def alive(self) -> bool:
        """True while the X server and the window manager run."""
        return all(n in self.procs and self.procs[n].poll() is None for n in ("xvfb", "wm"))

    def stop(self) -> None:
        """Stop every process of the session (apps first, the X server last)."""
        for name in reversed(list(self.procs)):
            proc = self.procs[name]
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 3
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.01, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=2)
        self.procs.clear()
        if self._display_claim is not None:
            self._display_claim.close()
            self._display_claim = None
