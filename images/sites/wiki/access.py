"""Who may read and who may edit a space (and so its pages and attachments).

A public space is readable by everyone, signed in or not. Any other space is readable only
by users holding a ``space_permissions`` row, directly or through a group; rows with
``can_edit`` also allow writing. Site admins may do everything. Outsiders who are signed in
get a 403 page naming the space; anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request, status
from guigym.images.sites.kit import LoginRequired
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .models import GroupMember, Space, SpacePermission

__all__ = ["Rights", "rights", "visible_space_ids", "require_view", "require_edit", "space_or_404"]


@dataclass(frozen=True)
class Rights:
    """What one user may do in one space."""

    view: bool
    edit: bool


def _grants(db: Session, user: Any | None) -> dict[int, bool]:
    """space id -> can_edit for every space the user holds a permission on."""
    if user is None:
        return {}
    groups = select(GroupMember.group_id).where(GroupMember.user_id == user.id)
    rows = db.execute(
        select(SpacePermission.space_id, SpacePermission.can_edit).where(
            or_(SpacePermission.user_id == user.id, SpacePermission.group_id.in_(groups))
        )
    ).all()
    out: dict[int, bool] = {}
    for space_id, can_edit in rows:
        out[space_id] = out.get(space_id, False) or bool(can_edit)
    return out


def rights(db: Session, user: Any | None, space: Space) -> Rights:
    """The user's rights in ``space``."""
    if user is not None and user.is_admin:
        return Rights(True, True)
    grants = _grants(db, user)
    edit = grants.get(space.id, False)
    return Rights(view=space.is_public or space.id in grants, edit=edit)


def visible_space_ids(db: Session, user: Any | None) -> set[int]:
    """Ids of the spaces ``user`` (None: anonymous) may read."""
    if user is not None and user.is_admin:
        return set(db.scalars(select(Space.id)))
    public = set(db.scalars(select(Space.id).where(Space.is_public.is_(True))))
    return public | set(_grants(db, user))


def space_or_404(db: Session, key: str) -> Space:
    """The space with ``key`` (case-insensitive) or a 404 page."""
    space = db.scalar(select(Space).where(Space.key == key.strip().upper()[:16]))
    if space is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"There is no space {key[:20]!r}.")
    return space


def _next(request: Request) -> str:
    return request.url.path + ("?" + request.url.query if request.url.query else "")


def require_view(request: Request, db: Session, user: Any | None, space: Space) -> Rights:
    """The user's rights, or login redirect (anonymous) / 403 (signed in) when they can't read."""
    r = rights(db, user, space)
    if not r.view:
        if user is None:
            raise LoginRequired(_next(request))
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"You don't have permission to view the {space.name} space. "
            "Ask a space administrator for access.",
        )
    return r


def require_edit(request: Request, db: Session, user: Any | None, space: Space) -> Rights:
    """Like :func:`require_view`, but for writing (403 for readers who may not edit)."""
    r = require_view(request, db, user, space)
    if not r.edit:
        if user is None:
            raise LoginRequired(_next(request))
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"You can read the {space.name} space but not edit it. "
            "Only members of the space's editor groups can change its pages.",
        )
    return r
