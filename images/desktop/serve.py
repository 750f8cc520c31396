"""``python -m guigym.images.desktop.serve``: start a desktop and serve its control API.

Prints one line ``GUIGYM_DESKTOP_READY {json}`` (port, display, home, pid) once the session is up
and the socket listens; the token comes from ``$GUIGYM_DESKTOP_TOKEN``. Stops everything on
SIGTERM/SIGINT, and when the parent process that started it goes away (``--parent-pid``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

__all__ = ["main", "READY_PREFIX"]

READY_PREFIX = "GUIGYM_DESKTOP_READY "


def _watch_parent(parent: int, stop) -> None:  # noqa: ANN001
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            stop()
            return


def main(argv: list[str] | None = None) -> int:
    """Run the desktop and its control server until stopped."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=720)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--parent-pid", type=int, default=0)
    args = ap.parse_args(argv)
    token = os.environ.get("GUIGYM_DESKTOP_TOKEN", "")
    if len(token) < 16:
        sys.stderr.write("GUIGYM_DESKTOP_TOKEN must be set (16+ characters)\n")
        return 2

    import uvicorn
    from guigym.images.desktop.desktop import Desktop
    from guigym.images.desktop.server import create_app

    desktop = Desktop(Path(args.workdir), size=(args.width, args.height))
    stopped = threading.Event()

    def stop(*_a) -> None:  # noqa: ANN002
        if not stopped.is_set():
            stopped.set()
            desktop.stop()
            os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        desktop.start()
    except Exception as exc:  # noqa: BLE001 - reported on stderr, exit code 1
        sys.stderr.write(f"desktop failed to start: {exc}\n")
        desktop.stop()
        return 1
    if args.parent_pid:
        threading.Thread(target=_watch_parent, args=(args.parent_pid, stop), daemon=True).start()
    # proto IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets (else ~40 ms per call)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(128)
    info = {
        "port": sock.getsockname()[1], "display": desktop.display, "home": str(desktop.home),
        "pid": os.getpid(), "start_s": round(desktop.started_s, 3),
    }  # fmt: skip
    sys.stdout.write(READY_PREFIX + json.dumps(info) + "\n")
    sys.stdout.flush()
    config = uvicorn.Config(create_app(desktop, token), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
