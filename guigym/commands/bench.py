"""`guigym bench`: not built yet; answers clearly instead of failing."""

from __future__ import annotations

import typer

from guigym.commands._common import not_available

COMMAND_SETTINGS = {"context_settings": {"allow_extra_args": True, "ignore_unknown_options": True}}


def command(ctx: typer.Context) -> None:
    """Not available yet."""
    raise not_available("bench", "issue 4: WebEnv and bench")
