"""Helpers shared by the CLI commands: uniform one-line errors and exit codes."""

from __future__ import annotations

import typer
from rich.console import Console

err_console = Console(stderr=True, highlight=False)

#: Exit code for usage errors and features that are not available (as click uses for usage).
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``error: message`` on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def not_available(command: str, issue: str) -> typer.Exit:
    """Answer that a designed command is not built yet (exit code 2, never a traceback)."""
    return fail(f"`guigym {command}` is not available yet ({issue}).")
