"""Helpers every wiki router shares: lookups that 404, form reading, the sidebar's spaces."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse
from guigym.images.sites.kit import render as kit_render
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access import Rights, require_edit, require_view, space_or_404, visible_space_ids
from ..models import Page, Space

__all__ = [
    "FormErrors",
    "read_form",
    "not_found",
    "page_in",
    "viewable_page",
    "editable_page",
    "visible_spaces",
    "children_of",
    "render",
    "visible_keys",
]


class FormErrors(dict[str, str]):
    """field -> message; truthy when the form has problems."""

    def need(self, field: str, value: str, label: str, maxlen: int) -> str:
        """Record an error if ``value`` is empty or too long; return it stripped."""
        value = value.strip()
        if not value:
            self[field] = f"{label} is required."
        elif len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen:,} characters (got {len(value):,})."
        return value

    def limit(self, field: str, value: str, label: str, maxlen: int) -> str:
        """Like :meth:`need` but empty is fine."""
        value = value.strip()
        if len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen:,} characters (got {len(value):,})."
        return value


async def read_form(request: Request) -> dict[str, str]:
    """The posted form as plain strings (files skipped; repeated keys: last value)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def not_found(what: str) -> HTTPException:
    """A 404 with a sentence for the error page."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} was not found.")


def page_in(db: Session, space: Space, slug: str) -> Page:
    """The page ``slug`` of ``space`` or a 404."""
    page = db.scalar(select(Page).where(Page.space_id == space.id, Page.slug == slug[:220]))
    if page is None:
        raise not_found(f"The page {slug[:60]!r} in {space.name}")
    return page


def viewable_page(
    request: Request, db: Session, user: Any | None, key: str, slug: str
) -> tuple[Space, Page, Rights]:
    """(space, page, rights) if the user may read it; login/403/404 otherwise.

    Permissions are checked before the page lookup, so outsiders learn nothing about which
    pages a restricted space holds.
    """
    space = space_or_404(db, key)
    rights = require_view(request, db, user, space)
    return space, page_in(db, space, slug), rights


def editable_page(
    request: Request, db: Session, user: Any | None, key: str, slug: str
) -> tuple[Space, Page, Rights]:
    """Like :func:`viewable_page` but the user must be allowed to edit."""
    space = space_or_404(db, key)
    rights = require_edit(request, db, user, space)
    return space, page_in(db, space, slug), rights


def visible_spaces(db: Session, user: Any | None) -> list[Space]:
    """The spaces the user may read, in menu order."""
    ids = visible_space_ids(db, user)
    return list(db.scalars(select(Space).where(Space.id.in_(ids)).order_by(Space.position)))


def children_of(db: Session, page: Page) -> list[Page]:
    """Direct children of a page, in sibling order."""
    return list(
        db.scalars(
            select(Page).where(Page.parent_id == page.id).order_by(Page.position, Page.title)
        )
    )


def render(
    request: Request, template_name: str, db: Session, user: Any | None, **context: Any
) -> HTMLResponse:
    """The kit's render plus the sidebar's spaces (those this user may read)."""
    context.setdefault("nav_spaces", visible_spaces(db, user))
    return kit_render(request, template_name, **context)


def visible_keys(db: Session, user: Any | None) -> set[str]:
    """Keys of the spaces the user may read (for rendering links)."""
    return {s.key for s in visible_spaces(db, user)}
