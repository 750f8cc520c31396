"""Dashboard, space list, recent changes, search, labels, people and the watch list."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import CurrentUser, DbSession, RequireUser, csrf_protect, paginate
from sqlalchemy import func, or_, select

from ..access import visible_space_ids
from ..models import Attachment, Page, PageLabel, Revision, Space, Template, User, Watch
from .common import not_found, render, visible_spaces

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
MAX_QUERY = 200


@router.get("/")
def dashboard(request: Request, db: DbSession, user: CurrentUser) -> Response:
    ids = visible_space_ids(db, user)
    recent = list(
        db.execute(
            select(Revision, Page)
            .join(Page, Page.id == Revision.page_id)
            .where(Page.space_id.in_(ids))
            .order_by(Revision.created_at.desc(), Revision.id.desc())
            .limit(12)
        ).all()
    )
    watched = []
    if user is not None:
        watched = list(
            db.scalars(
                select(Page)
                .join(Watch, Watch.page_id == Page.id)
                .where(Watch.user_id == user.id, Page.space_id.in_(ids))
                .order_by(Page.updated_at.desc())
                .limit(8)
            )
        )
    counts = dict(
        db.execute(
            select(Page.space_id, func.count())
            .where(Page.space_id.in_(ids))
            .group_by(Page.space_id)
        ).all()
    )
    return render(
        request, "wiki/home.html", db, user, recent=recent, watched=watched, counts=counts
    )


@router.get("/spaces")
def spaces(request: Request, db: DbSession, user: CurrentUser) -> Response:
    visible = visible_spaces(db, user)
    counts = dict(db.execute(select(Page.space_id, func.count()).group_by(Page.space_id)).all())
    return render(request, "wiki/spaces.html", db, user, spaces=visible, counts=counts)


@router.get("/recent")
def recent(
    request: Request, db: DbSession, user: CurrentUser, page: int = 1, space: str = ""
) -> Response:
    ids = visible_space_ids(db, user)
    stmt = (
        select(Revision, Page)
        .join(Page, Page.id == Revision.page_id)
        .where(Page.space_id.in_(ids))
        .order_by(Revision.created_at.desc(), Revision.id.desc())
    )
    chosen = None
    if space:
        chosen = db.scalar(select(Space).where(Space.key == space.upper()[:16]))
        if chosen is not None and chosen.id in ids:
            stmt = stmt.where(Page.space_id == chosen.id)
    results = paginate(db, stmt, page, per_page=30)
    return render(request, "wiki/recent.html", db, user, results=results, chosen=chosen)


@router.get("/search")
def search(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    q: str = "",
    space: str = "",
    label: str = "",
    page: int = 1,
) -> Response:
    q = q.strip()[:MAX_QUERY]
    ids = visible_space_ids(db, user)
    chosen = None
    if space:
        chosen = db.scalar(select(Space).where(Space.key == space.upper()[:16]))
        if chosen is not None and chosen.id in ids:
            ids = {chosen.id}
    results = None
    files: list[tuple[Attachment, Page]] = []
    terms = [t for t in q.split() if t][:8]
    if terms or label:
        stmt = select(Page).where(Page.space_id.in_(ids))
        for term in terms:
            like = f"%{term.replace('%', '').replace('_', '')}%"
            stmt = stmt.where(or_(Page.title.ilike(like), Page.body.ilike(like)))
        if label:
            stmt = stmt.where(
                Page.id.in_(select(PageLabel.page_id).where(PageLabel.label == label.lower()))
            )
        first = terms[0] if terms else ""
        stmt = stmt.order_by((~Page.title.ilike(f"%{first}%")).asc(), Page.updated_at.desc())
        results = paginate(db, stmt, page, per_page=20)
        if terms:
            fstmt = select(Attachment, Page).join(Page).where(Page.space_id.in_(ids))
            for term in terms:
                fstmt = fstmt.where(Attachment.filename.ilike(f"%{term}%"))
            files = list(db.execute(fstmt.order_by(Attachment.filename).limit(10)).all())
    return render(
        request,
        "wiki/search.html",
        db,
        user,
        q=q,
        results=results,
        files=files,
        chosen=chosen,
        label=label,
        terms=terms,
    )


@router.get("/labels")
def labels(request: Request, db: DbSession, user: CurrentUser) -> Response:
    ids = visible_space_ids(db, user)
    rows = db.execute(
        select(PageLabel.label, func.count())
        .join(Page, Page.id == PageLabel.page_id)
        .where(Page.space_id.in_(ids))
        .group_by(PageLabel.label)
        .order_by(PageLabel.label)
    ).all()
    return render(request, "wiki/labels.html", db, user, labels=rows)


@router.get("/labels/{label}")
def label_pages(
    request: Request, db: DbSession, user: CurrentUser, label: str, page: int = 1
) -> Response:
    ids = visible_space_ids(db, user)
    stmt = (
        select(Page)
        .join(PageLabel, PageLabel.page_id == Page.id)
        .where(PageLabel.label == label.lower()[:40], Page.space_id.in_(ids))
        .order_by(Page.title)
    )
    results = paginate(db, stmt, page, per_page=30)
    if not results.total:
        raise not_found(f"The label {label[:40]!r}")
    return render(request, "wiki/label.html", db, user, label=label.lower(), results=results)


@router.get("/users/{username}")
def profile(
    request: Request, db: DbSession, user: CurrentUser, username: str, page: int = 1
) -> Response:
    person = db.scalar(select(User).where(User.username == username[:64]))
    if person is None or (
        person.role == "customer"
        and (user is None or user.id != person.id)
        and not getattr(user, "is_admin", False)
    ):
        raise not_found(f"The person {username[:40]!r}")
    ids = visible_space_ids(db, user)
    stmt = (
        select(Revision, Page)
        .join(Page, Page.id == Revision.page_id)
        .where(Revision.author_id == person.id, Page.space_id.in_(ids))
        .order_by(Revision.created_at.desc(), Revision.id.desc())
    )
    results = paginate(db, stmt, page, per_page=25)
    return render(request, "wiki/user.html", db, user, person=person, results=results)


@router.get("/watching")
def watching(request: Request, db: DbSession, user: RequireUser, page: int = 1) -> Response:
    ids = visible_space_ids(db, user)
    stmt = (
        select(Page)
        .join(Watch, Watch.page_id == Page.id)
        .where(Watch.user_id == user.id, Page.space_id.in_(ids))
        .order_by(Page.updated_at.desc())
    )
    results = paginate(db, stmt, page, per_page=30)
    return render(request, "wiki/watching.html", db, user, results=results)


@router.get("/templates")
def templates(request: Request, db: DbSession, user: CurrentUser) -> Response:
    rows = list(db.scalars(select(Template).order_by(Template.name)))
    return render(request, "wiki/templates.html", db, user, templates=rows)


@router.get("/new-from-template")
def new_from_template(user: RequireUser, space: str = "", template: str = "") -> Response:
    """The templates page's form: go to the chosen space's new-page form with the template."""
    from urllib.parse import quote

    from guigym.images.sites.kit import redirect

    key = "".join(ch for ch in space.upper() if ch.isalnum())[:16] or "ONB"
    return redirect(f"/spaces/{key}/new?template={quote(template[:40])}", status_code=303)
