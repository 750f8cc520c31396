"""Members and roles, labels, milestones and project settings (description, visibility,
default branch, archive)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    redirect,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import repo
from ..access import require, role_of
from ..models import (
    ROLE_LEVELS,
    ROLES,
    VISIBILITIES,
    Branch,
    Issue,
    Label,
    Member,
    Milestone,
    Project,
    User,
)
from .common import get_project, not_found, project_page, user_by_username

router = APIRouter(prefix="/{group}/{name}", dependencies=[Depends(csrf_protect)])

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _members_page(
    request: Request,
    db: Session,
    project: Project,
    user: Any,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    members = db.scalars(
        select(Member).join(User, User.id == Member.user_id).where(Member.project_id == project.id)
    ).all()
    members = sorted(members, key=lambda m: (-ROLE_LEVELS[m.role], m.user.display_name))
    return project_page(
        request,
        db,
        project,
        user,
        "code/members.html",
        "members",
        members=members,
        roles=ROLES,
        error=error,
        form=form or {},
        status_code=status_code,
    )


@router.get("/-/project_members", response_class=HTMLResponse)
def members(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Members with their roles; maintainers can invite, change roles and remove."""
    project = get_project(db, group, name, user)
    return _members_page(request, db, project, user)


def _may_grant(db: Session, project: Project, user: Any, role: str) -> bool:
    """Only owners (and admins) grant or change the owner role."""
    if role != "owner":
        return True
    return user.is_admin or role_of(db, project, user) == "owner"


@router.post("/-/project_members")
def add_member(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    username: str = Form(""),
    role: str = Form(""),
) -> Response:
    """Invite a user with a role (maintainer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "manage_members")
    person = user_by_username(db, username.strip())
    error = None
    if person is None:
        error = f"No user named {username.strip()!r}."
    elif role not in ROLES:
        error = "Choose a role."
    elif not _may_grant(db, project, user, role):
        error = "Only owners can grant the owner role."
    elif role_of(db, project, person) is not None:
        error = f"{person.display_name} is already a member; change their role below."
    if error:
        return _members_page(
            request, db, project, user, error, {"username": username, "role": role}, 400
        )
    db.add(Member(project_id=project.id, user_id=person.id, role=role, created_at=now()))
    db.commit()
    flash(request, f"{person.display_name} was added as {role}.", "success")
    return redirect(f"{project.url}/-/project_members")


def _member(db: Session, project: Project, member_id: int) -> Member:
    m = db.get(Member, member_id)
    if m is None or m.project_id != project.id:
        raise not_found("member")
    return m


def _owner_count(db: Session, project: Project) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(Member)
            .where(Member.project_id == project.id, Member.role == "owner")
        )
        or 0
    )


@router.post("/-/project_members/{member_id}/role")
def change_role(
    group: str,
    name: str,
    member_id: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    role: str = Form(""),
) -> Response:
    """Change a member's role (maintainer+; owner role only by owners; keep one owner)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "manage_members")
    m = _member(db, project, member_id)
    url = f"{project.url}/-/project_members"
    if role not in ROLES:
        flash(request, "Choose a role.", "error")
    elif not _may_grant(db, project, user, role) or not _may_grant(db, project, user, m.role):
        flash(request, "Only owners can grant or change the owner role.", "error")
    elif m.role == "owner" and role != "owner" and _owner_count(db, project) <= 1:
        flash(request, "A project needs at least one owner.", "error")
    else:
        m.role = role
        db.commit()
        flash(request, f"{m.user.display_name} is now {role}.", "success")
    return redirect(url)


@router.post("/-/project_members/{member_id}/remove")
def remove_member(
    group: str, name: str, member_id: int, request: Request, db: DbSession, user: RequireUser
) -> Response:
    """Remove a member (maintainer+; never the last owner)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "manage_members")
    m = _member(db, project, member_id)
    if not _may_grant(db, project, user, m.role):
        flash(request, "Only owners can remove an owner.", "error")
    elif m.role == "owner" and _owner_count(db, project) <= 1:
        flash(request, "A project needs at least one owner.", "error")
    else:
        name_ = m.user.display_name
        db.delete(m)
        db.commit()
        flash(request, f"{name_} was removed from the project.", "success")
    return redirect(f"{project.url}/-/project_members")


def _labels_page(
    request: Request,
    db: Session,
    project: Project,
    user: Any,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    labels = db.scalars(
        select(Label).where(Label.project_id == project.id).order_by(Label.name)
    ).all()
    open_counts = dict(
        db.execute(
            select(Label.id, func.count(Issue.id))
            .join(Issue.labels)
            .where(Issue.project_id == project.id, Issue.state == "opened")
            .group_by(Label.id)
        ).all()
    )
    return project_page(
        request,
        db,
        project,
        user,
        "code/labels.html",
        "labels",
        labels=labels,
        open_counts=open_counts,
        error=error,
        form=form or {"color": "#428bca"},
        status_code=status_code,
    )


@router.get("/-/labels", response_class=HTMLResponse)
def labels(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Labels with their open issue counts."""
    project = get_project(db, group, name, user)
    return _labels_page(request, db, project, user)


@router.post("/-/labels")
def create_label(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    title: str = Form(""),
    color: str = Form("#428bca"),
    description: str = Form(""),
) -> Response:
    """Create a label (reporter+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "manage_labels")
    title = title.strip()
    error = None
    if not title or len(title) > 50:
        error = "Label name is required (at most 50 characters)."
    elif not _COLOR.match(color):
        error = "Color must look like #1a2b3c."
    elif db.scalar(select(Label.id).where(Label.project_id == project.id, Label.name == title)):
        error = f"A label named {title!r} already exists."
    if error:
        return _labels_page(
            request,
            db,
            project,
            user,
            error,
            {"title": title, "color": color, "description": description},
            400,
        )
    db.add(Label(project_id=project.id, name=title, color=color, description=description.strip()))
    db.commit()
    flash(request, f"Label {title} created.", "success")
    return redirect(f"{project.url}/-/labels")


@router.get("/-/milestones", response_class=HTMLResponse)
def milestones(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Milestones with progress."""
    project = get_project(db, group, name, user)
    rows = db.scalars(
        select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.due_date)
    ).all()
    stats = {
        m.id: dict(
            db.execute(
                select(Issue.state, func.count())
                .where(Issue.milestone_id == m.id)
                .group_by(Issue.state)
            ).all()
        )
        for m in rows
    }
    return project_page(
        request,
        db,
        project,
        user,
        "code/milestones.html",
        "milestones",
        milestones=rows,
        stats=stats,
        error=None,
        form={},
    )


@router.post("/-/milestones")
def create_milestone(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    title: str = Form(""),
    due_date: str = Form(""),
    description: str = Form(""),
) -> Response:
    """Create a milestone (developer+)."""
    from datetime import datetime

    project = get_project(db, group, name, user)
    require(db, project, user, "manage_milestones")
    title = title.strip()
    due = None
    error = None
    if not title:
        error = "Title is required."
    elif due_date:
        try:
            due = datetime.strptime(due_date, "%Y-%m-%d")
        except ValueError:
            error = "Due date must be a date like 2026-06-30."
    if error:
        flash(request, error, "error")
        return redirect(f"{project.url}/-/milestones")
    db.add(
        Milestone(
            project_id=project.id,
            title=title,
            due_date=due,
            state="active",
            description=description.strip(),
        )
    )
    db.commit()
    flash(request, f"Milestone {title} created.", "success")
    return redirect(f"{project.url}/-/milestones")


def _settings_page(
    request: Request,
    db: Session,
    project: Project,
    user: Any,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    branches = sorted(db.scalars(select(Branch.name).where(Branch.project_id == project.id)).all())
    form = form or {
        "name": project.name,
        "description": project.description,
        "visibility": project.visibility,
        "default_branch": project.default_branch,
    }
    return project_page(
        request,
        db,
        project,
        user,
        "code/settings.html",
        "settings",
        branches=branches,
        visibilities=VISIBILITIES,
        errors=errors or {},
        form=form,
        status_code=status_code,
    )


@router.get("/edit", response_class=HTMLResponse)
def settings(
    group: str, name: str, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """Project settings (maintainer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "settings")
    return _settings_page(request, db, project, user)


@router.post("/edit")
def save_settings(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    project_name: str = Form("", alias="name"),
    description: str = Form(""),
    visibility: str = Form(""),
    default_branch: str = Form(""),
) -> Response:
    """Save name, description, visibility and default branch."""
    project = get_project(db, group, name, user)
    require(db, project, user, "settings")
    errors: dict[str, str] = {}
    if project.archived:
        errors["name"] = "Archived projects are read-only; unarchive first."
    if not project_name.strip() or len(project_name) > 100:
        errors["name"] = "Project name is required (at most 100 characters)."
    if visibility not in VISIBILITIES:
        errors["visibility"] = "Choose public, internal or private."
    if repo.get_branch(db, project, default_branch) is None:
        errors["default_branch"] = f"No branch named {default_branch!r}."
    if errors:
        form = {
            "name": project_name,
            "description": description,
            "visibility": visibility,
            "default_branch": default_branch,
        }
        return _settings_page(request, db, project, user, errors, form, 400)
    project.name, project.description = project_name.strip(), description.strip()
    project.visibility, project.default_branch = visibility, default_branch
    project.last_activity_at = now()
    db.commit()
    flash(request, "Project settings saved.", "success")
    return redirect(f"{project.url}/edit")


@router.post("/-/archive")
def archive(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    action: str = Form("archive"),
) -> Response:
    """Archive (read-only) or unarchive the project (owner)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "archive")
    project.archived = action != "unarchive"
    db.commit()
    flash(
        request,
        "Project archived: it is now read-only." if project.archived else "Project unarchived.",
        "success",
    )
    return redirect(project.url)
