"""Routers of the mail site, one module per resource, and the template helpers they share."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter

from . import compose, contacts, filters, folders, messages, search, settings

__all__ = ["ROUTERS", "configure_templates"]

#: Order matters only where paths overlap: /folders/trash/empty (messages) before /folders/{slug}.
ROUTERS: list[APIRouter] = [
    messages.router,
    compose.router,
    search.router,
    contacts.router,
    filters.router,
    settings.router,
    folders.router,
]


def _size(value: int) -> str:
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} KB"
    return f"{value / (1024 * 1024):.1f} MB"


def configure_templates(env: jinja2.Environment) -> None:
    """Template helpers of the mail site (``filesize``)."""
    env.filters["filesize"] = _size
