"""`guigym images`: not built yet; answers clearly instead of failing."""

from __future__ import annotations

import typer

from guigym.commands._common import not_available

app = typer.Typer(no_args_is_help=True)
_EXTRA = {"context_settings": {"allow_extra_args": True, "ignore_unknown_options": True}}


@app.command("build", **_EXTRA)
def build_command(ctx: typer.Context) -> None:
    """Build the site and desktop images."""
    raise not_available("images build", "issue 9: Docker")


@app.command("prune", **_EXTRA)
def prune_command(ctx: typer.Context) -> None:
    """Remove guigym's leftover containers and networks."""
    raise not_available("images prune", "issue 9: Docker")
