"""`guigym serve shop mail`: start sites locally, print their URLs and logins, stop on Ctrl-C."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import typer
from rich.console import Console
from rich.table import Table

from guigym.commands._common import err_console, fail
from guigym.errors import GuigymError

__all__ = ["command"]

_console = Console(highlight=False)


def _table(instances: list) -> Table:
    table = Table(title="guigym sites", title_justify="left")
    table.add_column("site", style="bold", no_wrap=True)
    table.add_column("URL", no_wrap=True)
    table.add_column("login as")
    table.add_column("user", no_wrap=True)
    table.add_column("password", no_wrap=True)
    for site in instances:
        logins = [(role, user) for role, user in site.logins.items() if user] or [("-", "-")]
        for i, (role, user) in enumerate(logins):
            first = i == 0
            table.add_row(
                site.name if first else "",
                site.url if first else "",
                role,
                user,
                site.passwords.get(user, "-"),
                end_section=i == len(logins) - 1,
            )
    return table


def command(
    sites: list[str] = typer.Argument(None, help="Sites to start (default: all known sites)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the generated data."),
    port_base: int | None = typer.Option(
        None,
        "--port-base",
        help="First port (next sites use the following ports); default: free ports.",
    ),
) -> None:
    """Start sites locally and print their URLs and logins; Ctrl-C stops them."""
    from guigym.images.sites import check_site_name, site_names
    from guigym.images.sites.instance import start_site

    names = list(dict.fromkeys(sites or site_names()))
    for name in names:
        try:
            check_site_name(name)
        except GuigymError as exc:  # "unknown site 'shopp' (did you mean 'shop'?)": exit 2
            raise fail(str(exc)) from None
    if port_base is not None and not 1024 <= port_base <= 65535 - len(names):
        raise fail(f"--port-base must be between 1024 and {65535 - len(names)}, got {port_base}")

    stop = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    started = []
    code = 0
    try:
        for i, name in enumerate(names):
            if stop.is_set():
                break
            port = None if port_base is None else port_base + i
            with err_console.status(f"starting {name} ..."):
                started.append(start_site(name, port=port, seed=seed))
        if not stop.is_set():
            _console.print(_table(started))
            _console.print(
                "Open the URLs above. Agents see "
                + ", ".join(s.public_url for s in started)
                + ' (Chromium: --host-resolver-rules="'
                + ",".join(f"MAP {s.host} 127.0.0.1:{s.port}" for s in started)
                + '"). Press Ctrl-C to stop.',
                soft_wrap=True,
            )
        while not stop.wait(0.5):
            dead = [s for s in started if not s.alive()]
            if dead:
                err_console.print(f"[bold red]error:[/] site {dead[0].name!r} stopped unexpectedly")
                code = 1
                break
    except GuigymError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        code = 2 if not started else 1
    finally:
        for site in reversed(started):
            site.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if started and code == 0:
        _console.print("stopped " + ", ".join(s.name for s in started))
    if code:
        raise typer.Exit(code)
