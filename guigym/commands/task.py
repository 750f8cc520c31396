"""`guigym task`: not built yet; answers clearly instead of failing."""

from __future__ import annotations

import typer

from guigym.commands._common import not_available

app = typer.Typer(no_args_is_help=True)
_EXTRA = {"context_settings": {"allow_extra_args": True, "ignore_unknown_options": True}}


@app.command("new", **_EXTRA)
def new_command(ctx: typer.Context) -> None:
    """Scaffold a task folder."""
    raise not_available("task new", "issue 5: tasks")


@app.command("lint", **_EXTRA)
def lint_command(ctx: typer.Context) -> None:
    """Validate every task.yaml."""
    raise not_available("task lint", "issue 5: tasks")


@app.command("check", **_EXTRA)
def check_command(ctx: typer.Context) -> None:
    """Prove tasks are solvable and verified step by step."""
    raise not_available("task check", "issue 5: tasks")
