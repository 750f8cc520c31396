"""`guigym serve` as a real subprocess: starts, prints URLs and logins, stops on SIGINT."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time

import httpx

# `guigym serve` only knows registered sites; register the toy the way a plugin would.
_RUN_TOY = (
    "import sys, guigym.images.sites as s; s.SITES['toy'] = 'kit_toy.site:SITE'; "
    "from guigym.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _read_until(proc: subprocess.Popen[str], pattern: str, timeout: float) -> str:
    assert proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while not re.search(pattern, seen):
            left = deadline - time.monotonic()
            assert left > 0, f"timed out waiting for {pattern!r}; got:\n{seen}"
            if sel.select(left):
                chunk = os.read(proc.stdout.fileno(), 65536).decode()
                assert chunk, f"serve exited early:\n{seen}"
                seen += chunk
    return seen


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_serve_starts_prints_and_stops_on_ctrl_c(toy_entry: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, COLUMNS="200")
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN_TOY, "serve", "toy", "--port-base", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        out = _read_until(proc, r"Ctrl-C to stop", timeout=60)
        assert f"http://127.0.0.1:{port}" in out and "http://toy.test" in out
        assert re.search(r"becky\.gill\s*│\s*pass-becky\.gill", out), out
        assert re.search(r"admin\s*│\s*admin-pass", out), out
        assert httpx.get(f"http://127.0.0.1:{port}/", trust_env=False).status_code == 200
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "stopped toy" in stdout
    assert _port_free(port)


def test_serve_unknown_site_is_one_line_with_a_hint() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "serve", "shopp"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "did you mean 'shop'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
