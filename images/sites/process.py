"""One site server process and its ready/life pipe (used by ``instance.py``).

The site writes one ``GUIGYM_READY {json}`` line into the pipe and keeps its end open: EOF on
our end means the process is gone, so waiting for startup or for exit is a ``select`` on one
fd (no polling of pids, no sleeps). The process is forked by the ``launcher`` (fast) or, with
``GUIGYM_SITE_LAUNCHER=0``, started as a fresh interpreter.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from guigym.images.sites.launcher import BOOT, get_launcher, launcher_enabled

from guigym.errors import ServiceError

__all__ = ["SiteProcess", "READY_PREFIX", "free_port", "port_free"]

READY_PREFIX = "GUIGYM_READY "
_BOOT = BOOT + "from guigym.images.sites.serve_one import main; sys.exit(main(sys.argv[1:]))"


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_free(port: int) -> bool:
    """True if nothing listens on 127.0.0.1:``port`` (a server may start there now).

    A connect test, not a bind test: an env provider keeps its reserved ports bound (with
    SO_REUSEPORT, as our servers bind them) so that no other socket takes them meanwhile.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        try:
            sock.connect(("127.0.0.1", port))
        except OSError:
            return True
        return False


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


class SiteProcess:
    """A started ``serve_one`` process: ``wait_ready()``, ``alive()``, ``stop()``."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path, label: str) -> None:
        self.label = label
        self.log = log
        self._proc: subprocess.Popen[bytes] | None = None
        read_end, write_end = os.pipe()
        try:
            if launcher_enabled():
                self.pid = get_launcher().spawn(argv, env, os.getcwd(), str(log), write_end)
            else:
                with open(log, "ab") as log_file:
                    self._proc = subprocess.Popen(
                        [sys.executable, "-c", _BOOT, *argv, "--ready-fd", str(write_end)],
                        stdin=subprocess.DEVNULL,
                        stdout=log_file,
                        stderr=log_file,
                        env=env,
                        pass_fds=[write_end],
                        start_new_session=True,  # Ctrl-C in a terminal reaches us, not them
                    )
                self.pid = self._proc.pid
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        self._life: int | None = read_end

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server log, prefixed by a newline (or "")."""
        try:
            text = self.log.read_text(errors="replace").strip()
        except OSError:
            return ""
        return ("\n" + "\n".join(text.splitlines()[-lines:])) if text else ""

    def wait_ready(self, timeout: float) -> str:
        """The READY line (without its prefix); ServiceError if the site fails or times out."""
        if self._life is None:
            raise ServiceError(f"{self.label} is stopped")
        deadline = time.monotonic() + timeout
        buf = b""
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServiceError(
                    f"{self.label} did not start within {timeout:.0f} s{self.log_tail()}"
                )
            if not select.select([self._life], [], [], left)[0]:
                continue
            chunk = os.read(self._life, 65536)
            if not chunk:
                raise ServiceError(f"{self.label} exited during startup{self.log_tail()}")
            buf += chunk
        line = buf.split(b"\n", 1)[0].decode("utf-8", "replace")
        if not line.startswith(READY_PREFIX):
            raise ServiceError(f"{self.label} failed to start: {line}{self.log_tail()}")
        return line[len(READY_PREFIX) :]

    def alive(self) -> bool:
        """True while the process runs."""
        if self._life is None:
            return False
        if not select.select([self._life], [], [], 0)[0]:
            return True
        return bool(os.read(self._life, 65536))

    def _wait_gone(self, timeout: float) -> bool:
        assert self._life is not None
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self._life], [], [], left)[0] and not os.read(self._life, 65536):
                return True
        return False

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM, wait up to ``timeout`` s, then SIGKILL; returns once the process is gone."""
        if self._life is None:
            return
        try:
            _signal(self.pid, signal.SIGTERM)
            if not self._wait_gone(timeout):
                _signal(self.pid, signal.SIGKILL)
                self._wait_gone(5.0)
        finally:
            os.close(self._life)
            self._life = None
            if self._proc is not None:
                try:
                    self._proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
