"""`guigym view DIR`: serve a run's report and trajectory viewer on 127.0.0.1.

The report is a static page; serving it (rather than opening the file) lets ``viewer.html``
fetch an episode's steps.jsonl and step through it with the arrow keys.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import typer
from rich.markup import escape

from guigym.commands._common import fail

__all__ = ["command", "serve_run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve_run(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A started HTTP server for ``root`` on 127.0.0.1 (port 0: any free port); call shutdown()."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="guigym-view", daemon=True).start()
    return server


def command(
    run_dir: Path = typer.Argument(..., help="A run's --out folder."),
    port: int = typer.Option(8765, "--port", help="Port on 127.0.0.1 (0 = any free port)."),
) -> None:
    """Serve a run's report and trajectory viewer."""
    root = run_dir.expanduser().resolve()
    if not (root / "report.html").is_file():
        if not (root / "results.jsonl").is_file():
            raise fail(
                f"{escape(str(root))} has no report.html or results.jsonl: not a guigym run folder"
            )
        from guigym.runner.report import rebuild_report

        rebuild_report(root)  # an unfinished (killed) run: show what it has
    if not 0 <= port <= 65535:
        raise fail(f"--port expects 0..65535, got {port}")
    try:
        server = serve_run(root, port)
    except OSError as exc:
        raise fail(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/report.html"
    typer.echo(f"serving {root}\nreport: {url}\nCtrl+C to stop")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
