"""Page history: the list of revisions, one old revision, diffs and restoring."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    paginate,
    redirect,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..diffs import side_by_side, stats, unified
from ..models import Page, Revision
from ..services import ancestors, page_url, render_page, save_page
from .common import editable_page, not_found, render, viewable_page, visible_keys

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _revision(db: Session, page: Page, number: int | str | None) -> Revision:
    try:
        n = int(str(number))
    except (TypeError, ValueError) as exc:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"Revision numbers are whole numbers, got {str(number)[:20]!r}.",
        ) from exc
    rev = db.scalar(select(Revision).where(Revision.page_id == page.id, Revision.number == n))
    if rev is None:
        raise not_found(f"Revision {n} of “{page.title}”")
    return rev


@router.get("/spaces/{key}/pages/{slug}/history")
def history(
    request: Request, db: DbSession, user: CurrentUser, key: str, slug: str, page: int = 1
) -> Response:
    space, wiki_page, rights = viewable_page(request, db, user, key, slug)
    stmt = select(Revision).where(Revision.page_id == wiki_page.id).order_by(Revision.number.desc())
    results = paginate(db, stmt, page, per_page=25)
    return render(
        request,
        "wiki/history.html",
        db,
        user,
        space=space,
        page=wiki_page,
        rights=rights,
        results=results,
        parents=ancestors(db, wiki_page),
    )


@router.get("/spaces/{key}/pages/{slug}/revisions/{number}")
def revision(
    request: Request, db: DbSession, user: CurrentUser, key: str, slug: str, number: str
) -> Response:
    space, page, rights = viewable_page(request, db, user, key, slug)
    rev = _revision(db, page, number)
    return render(
        request,
        "wiki/revision.html",
        db,
        user,
        space=space,
        page=page,
        rights=rights,
        rev=rev,
        rendered=render_page(db, rev.body, space.key, visible_keys(db, user)),
        parents=ancestors(db, page),
    )


@router.get("/spaces/{key}/pages/{slug}/diff")
def diff(
    request: Request, db: DbSession, user: CurrentUser, key: str, slug: str, mode: str = "side"
) -> Response:
    space, page, rights = viewable_page(request, db, user, key, slug)
    params = request.query_params
    old = _revision(db, page, params.get("from") or max(1, page.version - 1))
    new = _revision(db, page, params.get("to") or page.version)
    mode = "unified" if mode == "unified" else "side"
    added, removed = stats(old.body, new.body)
    revisions = list(
        db.scalars(
            select(Revision).where(Revision.page_id == page.id).order_by(Revision.number.desc())
        )
    )
    return render(
        request,
        "wiki/diff.html",
        db,
        user,
        space=space,
        page=page,
        rights=rights,
        old=old,
        new=new,
        mode=mode,
        added=added,
        removed=removed,
        revisions=revisions,
        rows=side_by_side(old.body, new.body) if mode == "side" else None,
        lines=unified(old.body, new.body, f"version {old.number}", f"version {new.number}")
        if mode == "unified"
        else None,
        parents=ancestors(db, page),
    )


@router.post("/spaces/{key}/pages/{slug}/revisions/{number}/restore")
def restore(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str, number: str
) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    rev = _revision(db, page, number)
    if rev.title != page.title:
        clash = db.scalar(
            select(Page.id).where(
                Page.space_id == space.id, Page.title == rev.title, Page.id != page.id
            )
        )
        if clash is not None:
            flash(request, f"Cannot restore: another page is now called “{rev.title}”.", "error")
            return redirect(page_url(space.key, page.slug) + "/history")
    saved = save_page(db, page, rev.title, rev.body, user, now(), f"Restored version {rev.number}")
    db.commit()
    if saved is None:
        flash(
            request,
            f"Version {rev.number} is the same as the current page; nothing changed.",
            "info",
        )
    else:
        flash(request, f"Restored version {rev.number} as version {saved.number}.", "success")
    return redirect(page_url(space.key, page.slug))
