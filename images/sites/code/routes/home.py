"""Pages outside a project: dashboard, explore, groups, people, search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    paginate,
    render,
)
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..access import can_view
from ..models import Group, Issue, Member, MergeRequest, Project, User
from .common import PER_PAGE, not_found

router = APIRouter(dependencies=[Depends(csrf_protect)])

_SORTS = {
    "activity": Project.last_activity_at.desc(),
    "name": Project.name.asc(),
    "created": Project.created_at.desc(),
}


def visible_projects(user: Any | None) -> Any:
    """SELECT of the projects ``user`` may see (public; internal when signed in; own private)."""
    stmt = select(Project).join(Group)
    if user is None:
        return stmt.where(Project.visibility == "public")
    if user.is_admin:
        return stmt
    mine = select(Member.project_id).where(Member.user_id == user.id)
    return stmt.where(or_(Project.visibility != "private", Project.id.in_(mine)))


def _project_list(db: Session, user: Any | None, request: Request, stmt: Any) -> dict[str, Any]:
    q = (request.query_params.get("q") or "").strip()
    sort = request.query_params.get("sort") or "activity"
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(Project.name.ilike(like), Project.description.ilike(like), Project.path.ilike(like))
        )
    archived = request.query_params.get("archived") == "1"
    if not archived:
        stmt = stmt.where(Project.archived.is_(False))
    stmt = stmt.order_by(_SORTS.get(sort, _SORTS["activity"]), Project.id)
    return {
        "page": paginate(db, stmt, request.query_params.get("page"), PER_PAGE),
        "q": q,
        "sort": sort,
        "archived": archived,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """Your projects when signed in, else the public projects."""
    if user is None:
        ctx = _project_list(db, user, request, visible_projects(None))
        return render(request, "code/explore.html", scope="explore", **ctx)
    return dashboard_projects(request, db, user)


@router.get("/dashboard/projects", response_class=HTMLResponse)
def dashboard_projects(request: Request, db: DbSession, user: RequireUser) -> HTMLResponse:
    """Projects you are a member of."""
    mine = select(Member.project_id).where(Member.user_id == user.id)
    stmt = select(Project).join(Group).where(Project.id.in_(mine))
    ctx = _project_list(db, user, request, stmt)
    return render(request, "code/explore.html", scope="mine", **ctx)


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """Every project you can see."""
    ctx = _project_list(db, user, request, visible_projects(user))
    return render(request, "code/explore.html", scope="explore", **ctx)


@router.get("/groups", response_class=HTMLResponse)
def groups(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """All groups with their visible projects."""
    rows = db.scalars(select(Group).order_by(Group.name)).all()
    visible = {p.id for p in db.scalars(visible_projects(user)).all()}
    return render(request, "code/groups.html", groups=rows, visible=visible)


@router.get("/groups/{path}", response_class=HTMLResponse)
def group(path: str, request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """One group and its projects."""
    g = db.scalars(select(Group).where(Group.path == path)).first()
    if g is None:
        raise not_found("group")
    projects = [p for p in g.projects if can_view(db, p, user)]
    return render(request, "code/group.html", group=g, projects=projects)


def _mine(request: Request, db: Session, user: Any, model: Any, template: str) -> HTMLResponse:
    scope = request.query_params.get("scope") or "assigned"
    state = request.query_params.get("state") or "opened"
    stmt = select(model).join(Project).join(Group)
    if scope == "created":
        stmt = stmt.where(model.author_id == user.id)
    elif scope == "review" and model is MergeRequest:
        stmt = stmt.where(MergeRequest.reviewer_id == user.id)
    else:
        scope = "assigned"
        stmt = stmt.where(model.assignee_id == user.id)
    if state in ("opened", "closed", "merged"):
        stmt = stmt.where(model.state == state)
    stmt = stmt.order_by(model.updated_at.desc(), model.id.desc())
    page = paginate(db, stmt, request.query_params.get("page"), PER_PAGE)
    return render(request, template, page=page, scope=scope, state=state)


@router.get("/dashboard/issues", response_class=HTMLResponse)
def my_issues(request: Request, db: DbSession, user: RequireUser) -> HTMLResponse:
    """Issues assigned to you (or created by you)."""
    return _mine(request, db, user, Issue, "code/dashboard_issues.html")


@router.get("/dashboard/merge_requests", response_class=HTMLResponse)
def my_mrs(request: Request, db: DbSession, user: RequireUser) -> HTMLResponse:
    """Merge requests assigned to you, for your review, or created by you."""
    return _mine(request, db, user, MergeRequest, "code/dashboard_mrs.html")


@router.get("/users/{username}", response_class=HTMLResponse)
def profile(username: str, request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """A person's profile: title and the projects they belong to (those you can see)."""
    person = db.scalars(select(User).where(User.username == username)).first()
    if person is None:
        raise not_found("user")
    memberships = [
        m
        for m in db.scalars(select(Member).where(Member.user_id == person.id)).all()
        if can_view(db, m.project, user)
    ]
    memberships.sort(key=lambda m: m.project.full_path)
    return render(request, "code/user.html", person=person, memberships=memberships)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """Search projects, issues or merge requests across what you can see."""
    q = (request.query_params.get("q") or "").strip()
    scope = request.query_params.get("scope") or "issues"
    if scope not in ("projects", "issues", "merge_requests"):
        scope = "issues"
    page = None
    if q:
        visible = visible_projects(user).with_only_columns(Project.id)
        like = f"%{q}%"
        if scope == "projects":
            stmt = (
                visible_projects(user)
                .where(or_(Project.name.ilike(like), Project.description.ilike(like)))
                .order_by(Project.name)
            )
        else:
            model = Issue if scope == "issues" else MergeRequest
            stmt = (
                select(model)
                .join(Project)
                .join(Group)
                .where(
                    model.project_id.in_(visible),
                    or_(model.title.ilike(like), model.description.ilike(like)),
                )
                .order_by(model.updated_at.desc(), model.id.desc())
            )
            if scope == "issues" and (user is None or not user.is_admin):
                stmt = stmt.where(Issue.confidential.is_(False))
        page = paginate(db, stmt, request.query_params.get("page"), PER_PAGE)
    return render(request, "code/search.html", q=q, scope=scope, page=page)
