"""Routers of the wiki, one module per resource, and the template helpers they share."""

from __future__ import annotations

import re

import jinja2
from fastapi import APIRouter
from markupsafe import Markup, escape

from . import attachments, history, home, pages, spaces

__all__ = ["ROUTERS", "configure_templates"]

ROUTERS: list[APIRouter] = [
    home.router,
    spaces.router,
    pages.router,
    history.router,
    attachments.router,
]


def _size(value: int) -> str:
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} KB"
    return f"{value / (1024 * 1024):.1f} MB"


def _snippet(body: str, terms: list[str], width: int = 220) -> Markup:
    """Plain text around the first search term, with the terms marked (escaped)."""
    text = re.sub(r"[#*`|>\[\]_]+", " ", body)
    text = re.sub(r"\s+", " ", text).strip()
    lower = text.lower()
    hits = [lower.find(t.lower()) for t in terms if t and lower.find(t.lower()) >= 0]
    start = max(0, min(hits) - 60) if hits else 0
    piece = text[start : start + width]
    out = str(escape(("…" if start else "") + piece + ("…" if start + width < len(text) else "")))
    words = sorted({str(escape(t)) for t in terms if t}, key=len, reverse=True)
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.I)
        out = pattern.sub(lambda m: f"<mark>{m[0]}</mark>", out)
    return Markup(out)


def configure_templates(env: jinja2.Environment) -> None:
    """Template helpers of the wiki (``filesize``, ``snippet``)."""
    env.filters["filesize"] = _size
    env.filters["snippet"] = _snippet
