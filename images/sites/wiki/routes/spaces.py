"""A space's overview (home page and page tree), its A-Z page index and its permissions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import CurrentUser, DbSession, csrf_protect, paginate
from sqlalchemy import func, select

from ..access import require_view, space_or_404
from ..models import Group, Page, Revision, SpacePermission, User
from ..services import render_page
from .common import render, visible_keys

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _tree(pages: list[Page]) -> list[tuple[Page, int]]:
    """(page, depth) in tree order: children under their parent, siblings by position."""
    kids: dict[int | None, list[Page]] = {}
    for p in pages:
        kids.setdefault(p.parent_id, []).append(p)
    for items in kids.values():
        items.sort(key=lambda p: (p.position, p.title))
    out: list[tuple[Page, int]] = []
    stack = [(p, 0) for p in reversed(kids.get(None, []))]
    while stack:
        page, depth = stack.pop()
        out.append((page, depth))
        stack.extend((c, depth + 1) for c in reversed(kids.get(page.id, [])))
    return out


@router.get("/spaces/{key}")
def space_home(request: Request, db: DbSession, user: CurrentUser, key: str) -> Response:
    space = space_or_404(db, key)
    rights = require_view(request, db, user, space)
    home = db.get(Page, space.home_page_id) if space.home_page_id else None
    rendered = render_page(db, home.body, space.key, visible_keys(db, user)) if home else None
    tops = list(
        db.scalars(
            select(Page)
            .where(Page.space_id == space.id, Page.parent_id.is_(None))
            .order_by(Page.position, Page.title)
        )
    )
    sections = [
        (
            p,
            list(
                db.scalars(
                    select(Page)
                    .where(Page.parent_id == p.id)
                    .order_by(Page.position, Page.title)
                    .limit(12)
                )
            ),
        )
        for p in tops
    ]
    count = db.scalar(select(func.count()).select_from(Page).where(Page.space_id == space.id))
    recent = list(
        db.execute(
            select(Revision, Page)
            .join(Page, Page.id == Revision.page_id)
            .where(Page.space_id == space.id)
            .order_by(Revision.created_at.desc(), Revision.id.desc())
            .limit(8)
        ).all()
    )
    return render(
        request,
        "wiki/space.html",
        db,
        user,
        space=space,
        rights=rights,
        home=home,
        rendered=rendered,
        sections=sections,
        count=count,
        recent=recent,
    )


@router.get("/spaces/{key}/pages")
def space_pages(
    request: Request, db: DbSession, user: CurrentUser, key: str, page: int = 1, view: str = "list"
) -> Response:
    space = space_or_404(db, key)
    rights = require_view(request, db, user, space)
    tree = None
    results = None
    if view == "tree":
        tree = _tree(list(db.scalars(select(Page).where(Page.space_id == space.id))))
    else:
        stmt = select(Page).where(Page.space_id == space.id).order_by(Page.title)
        results = paginate(db, stmt, page, per_page=40)
    return render(
        request,
        "wiki/space_pages.html",
        db,
        user,
        space=space,
        rights=rights,
        results=results,
        tree=tree,
        view="tree" if tree is not None else "list",
    )


@router.get("/spaces/{key}/permissions")
def space_permissions(request: Request, db: DbSession, user: CurrentUser, key: str) -> Response:
    space = space_or_404(db, key)
    rights = require_view(request, db, user, space)
    rows = []
    for perm in db.scalars(
        select(SpacePermission)
        .where(SpacePermission.space_id == space.id)
        .order_by(SpacePermission.id)
    ):
        if perm.group_id is not None:
            group = db.get(Group, perm.group_id)
            rows.append(
                (
                    "group",
                    group.name if group else "?",
                    group.description if group else "",
                    perm.can_edit,
                )
            )
        else:
            person = db.get(User, perm.user_id)
            rows.append(
                (
                    "user",
                    person.username if person else "?",
                    person.display_name if person else "",
                    perm.can_edit,
                )
            )
    return render(request, "wiki/permissions.html", db, user, space=space, rights=rights, rows=rows)
