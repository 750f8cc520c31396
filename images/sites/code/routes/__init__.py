"""Routers of the code site, one module per resource, and the template helpers they share."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter

from . import home, issues, merge_requests, project_admin, repository
from .common import link_refs, render_markdown

__all__ = ["ROUTERS", "configure_templates"]

#: Order matters: fixed top-level paths (home) before the ``/{group}/{project}`` routes.
ROUTERS: list[APIRouter] = [
    home.router,
    issues.router,
    merge_requests.router,
    project_admin.router,
    repository.router,
]


def _contrast(color: str) -> str:
    """Black or white text for a label colour."""
    try:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#fff"
    return "#1d2433" if (r * 299 + g * 587 + b * 114) / 1000 > 150 else "#fff"


def configure_templates(env: jinja2.Environment) -> None:
    """Template helpers: ``markdown``, ``contrast``, ``refs`` (link #12 and !3)."""
    env.filters["markdown"] = render_markdown
    env.filters["contrast"] = _contrast
    env.filters["refs"] = link_refs
