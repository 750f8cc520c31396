"""Site processes never outlive their harness, and parallel starts stay independent."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from guigym.images.sites.instance import start_site

_HARNESS = (
    "import sys; from guigym.images.sites.instance import start_site; "
    "s = start_site('toy', entry='kit_toy.site:SITE'); print(s.port, s.pid, flush=True); "
    "sys.stdin.read()"
)


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _wait_exit(pid: int, timeout: float) -> bool:
    """Wait for a process that is not our child to exit (pidfd: no polling)."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


@pytest.mark.parametrize("launcher", ["1", "0"])
def test_sites_stop_when_the_harness_is_killed(toy_entry: str, launcher: str) -> None:
    env = dict(os.environ, GUIGYM_SITE_LAUNCHER=launcher)
    harness = subprocess.Popen(
        [sys.executable, "-c", _HARNESS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        port, pid = (int(x) for x in harness.stdout.readline().split())
        assert not _port_free(port)
        harness.send_signal(signal.SIGKILL)
        harness.wait(timeout=10)
        assert _wait_exit(pid, timeout=15), "site outlived its harness"
        assert _port_free(port)
    finally:
        if harness.poll() is None:
            harness.kill()
            harness.wait()


def test_parallel_starts_get_their_own_ports_and_databases(toy_entry: str) -> None:
    with ThreadPoolExecutor(3) as pool:
        sites = list(pool.map(lambda _: start_site("toy", entry=toy_entry), range(3)))
    try:
        assert len({s.port for s in sites}) == 3 and len({s.db_path for s in sites}) == 3
        for i, site in enumerate(sites):
            site.exec("DELETE FROM notes WHERE id <= ?", [i * 10])
        counts = [s.sql("SELECT count(*) AS n FROM notes")[0]["n"] for s in sites]
        assert counts == [45, 35, 25]
    finally:
        for site in sites:
            site.stop()
    assert all(not s.alive() for s in sites)
