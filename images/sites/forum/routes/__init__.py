"""Routers of the forum, one module per resource; ``ROUTERS`` is what the SiteSpec mounts."""

from __future__ import annotations

from fastapi import APIRouter

from . import comments, feeds, media, moderation, posts, search, users

__all__ = ["ROUTERS"]

ROUTERS: list[APIRouter] = [
    feeds.router,
    posts.router,
    comments.router,
    moderation.router,
    users.router,
    search.router,
    media.router,
]
