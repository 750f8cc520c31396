"""A fork server for site processes: startup in a fraction of a second instead of seconds.

Importing FastAPI, SQLAlchemy, Pydantic and uvicorn costs most of a site's startup (0.5 s on an
idle machine, 1-2 s on a busy one). The launcher is one helper process per harness process,
started on first use, that imports them once and then forks a fresh child per site instance.
It is single-threaded and never touches a browser, so forking it is safe (the harness process
itself is never forked).

Protocol: an AF_UNIX SOCK_SEQPACKET pair. The client sends one JSON message
``{"argv", "env", "cwd", "log"}`` with one file descriptor attached (the write end of the
instance's ready/life pipe) and gets ``{"pid": n}`` back. The launcher exits when the client
side closes (its parent died); its children then stop themselves (serve_one's parent watch).
Disable with ``GUIGYM_SITE_LAUNCHER=0`` (each instance is then a fresh interpreter).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import traceback
from typing import Any

__all__ = ["Launcher", "get_launcher", "launcher_enabled"]

_PRELOAD = (
    "asyncio",
    "sqlite3",
    "uvicorn",
    "uvicorn.config",
    "uvicorn.server",
    "uvicorn.protocols.http.h11_impl",
    "uvicorn.loops.asyncio",
    "uvicorn.lifespan.off",
    "fastapi",
    "fastapi.templating",
    "fastapi.staticfiles",
    "fastapi.responses",
    "starlette.middleware.sessions",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.pool",
    "jinja2",
    "itsdangerous",
    "pydantic",
    "python_multipart",
    "markupsafe",
    "pydantic.v1",  # FastAPI imports it while building routes with Form parameters
    "argparse",
    "fcntl",
    "unicodedata",
)

# Boot code shared with instance.py: import guigym's subpackages without guigym/__init__.py
# (which registers gym envs: numpy, gymnasium, every task; nothing a site needs).
BOOT = (
    "import importlib.util as u, sys; s = u.find_spec('guigym'); m = u.module_from_spec(s); "
    "sys.modules['guigym'] = m; import guigym._version as v, guigym.errors as e; "
    "m.__version__ = v.__version__; m.GuigymError = e.GuigymError; "
)
_SERVER_BOOT = BOOT + "from guigym.images.sites.launcher import _serve; _serve(int(sys.argv[1]))"


def launcher_enabled() -> bool:
    """False when GUIGYM_SITE_LAUNCHER=0 (then every instance is a fresh interpreter)."""
    return os.environ.get("GUIGYM_SITE_LAUNCHER", "1") != "0"


# ---- server side (the launcher process) ----------------------------------------------------------
def _child(request: dict[str, Any], ready_fd: int) -> int:
    os.setsid()  # a terminal's Ctrl-C goes to the harness, which stops us in order
    for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    env = request["env"]
    os.environ.clear()
    os.environ.update(env)
    os.environ["GUIGYM_PARENT_PID"] = str(os.getppid())
    for entry in reversed(env.get("PYTHONPATH", "").split(os.pathsep)):
        if entry and entry not in sys.path:
            sys.path.insert(0, entry)
    os.chdir(request["cwd"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    from guigym.images.sites.serve_one import main

    return main([*request["argv"], "--ready-fd", str(ready_fd)])


def _serve(fd: int) -> None:
    sock = socket.socket(fileno=fd)
    for name in _PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps our children
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock.send(json.dumps({"ready": True, "pid": os.getpid()}).encode())
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 1)
        except (ConnectionError, OSError):
            break
        if not message:
            break  # the harness process is gone
        try:
            request = json.loads(message)
            pid = os.fork()
        except Exception as exc:  # noqa: BLE001 - answer instead of dying
            for f in fds:
                os.close(f)
            sock.send(json.dumps({"error": repr(exc)}).encode())
            continue
        if pid == 0:
            code = 1
            try:
                sock.close()
                code = _child(request, fds[0])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # noqa: BLE001 - report, then leave without cleanup
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        for f in fds:
            os.close(f)
        sock.send(json.dumps({"pid": pid}).encode())


# ---- client side (the harness process) ----------------------------------------------------------
class Launcher:
    """Client of one launcher process (thread-safe; one request at a time)."""

    def __init__(self, timeout: float = 120.0) -> None:
        self.owner_pid = os.getpid()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._lock = threading.Lock()
        self._sock = ours
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER_BOOT, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        theirs.close()
        ours.settimeout(timeout)
        try:
            hello = json.loads(ours.recv(65536) or b"{}")
        except (OSError, ValueError) as exc:
            self.close()
            raise OSError(f"site launcher did not start: {exc}") from exc
        if not hello.get("ready"):
            self.close()
            raise OSError("site launcher did not start")
        ours.settimeout(None)

    def alive(self) -> bool:
        """True while the launcher process runs."""
        return self._proc.poll() is None

    def spawn(self, argv: list[str], env: dict[str, str], cwd: str, log: str, ready_fd: int) -> int:
        """Fork a site process running ``serve_one.main(argv)``; returns its pid."""
        message = json.dumps({"argv": argv, "env": env, "cwd": cwd, "log": log}).encode()
        with self._lock:
            socket.send_fds(self._sock, [message], [ready_fd])
            reply = json.loads(self._sock.recv(65536) or b"{}")
        if "pid" not in reply:
            raise OSError(f"site launcher failed: {reply.get('error', 'no answer')}")
        return int(reply["pid"])

    def close(self) -> None:
        """Stop the launcher (its children notice and stop too)."""
        self._sock.close()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


_launcher: Launcher | None = None
_launcher_lock = threading.Lock()


def get_launcher() -> Launcher:
    """This process's launcher, started on first use (and again if it died)."""
    global _launcher
    with _launcher_lock:
        # A forked copy of the harness must not share its parent's launcher socket.
        if _launcher is None or _launcher.owner_pid != os.getpid() or not _launcher.alive():
            _launcher = Launcher()
        return _launcher
