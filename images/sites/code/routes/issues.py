"""Project issues: list with filters and search, new, show, comment, edit, close/reopen,
and the sidebar (labels, assignee, milestone)."""

from __future__ import annotations

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
    paginate,
    redirect,
)
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..access import can, require
from ..models import Issue, Label, Member, Milestone, Note, Project, User
from .common import PER_PAGE, form_list, get_project, not_found, project_page, user_by_username

router = APIRouter(prefix="/{group}/{name}/-/issues", dependencies=[Depends(csrf_protect)])

_SORTS = {
    "created_desc": Issue.created_at.desc(),
    "created_asc": Issue.created_at.asc(),
    "updated_desc": Issue.updated_at.desc(),
}


def project_choices(db: Session, project: Project) -> dict[str, Any]:
    """Labels, milestones and members for forms and filters."""
    return {
        "all_labels": db.scalars(
            select(Label).where(Label.project_id == project.id).order_by(Label.name)
        ).all(),
        "all_milestones": db.scalars(
            select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.due_date)
        ).all(),
        "all_members": db.scalars(
            select(User)
            .join(Member, Member.user_id == User.id)
            .where(Member.project_id == project.id)
            .order_by(User.display_name)
        ).all(),
    }


def get_issue(db: Session, project: Project, iid: int) -> Issue:
    """Issue ``#iid`` of the project or 404."""
    issue = db.scalars(
        select(Issue).where(Issue.project_id == project.id, Issue.iid == iid)
    ).first()
    if issue is None:
        raise not_found("issue")
    return issue


@router.get("", response_class=HTMLResponse)
def list_issues(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Issues with filters: state, label, assignee, author, milestone, search; sorted."""
    project = get_project(db, group, name, user)
    qp = request.query_params
    state = qp.get("state") or "opened"
    stmt = select(Issue).where(Issue.project_id == project.id)
    if state in ("opened", "closed"):
        stmt = stmt.where(Issue.state == state)
    else:
        state = "all"
    search = (qp.get("search") or "").strip()
    if search:
        if search.lstrip("#").isdigit():
            stmt = stmt.where(Issue.iid == int(search.lstrip("#")))
        else:
            stmt = stmt.where(
                or_(Issue.title.ilike(f"%{search}%"), Issue.description.ilike(f"%{search}%"))
            )
    for label_name in qp.getlist("label"):
        if label_name:
            stmt = stmt.where(Issue.labels.any(Label.name == label_name))
    assignee = qp.get("assignee") or ""
    if assignee == "none":
        stmt = stmt.where(Issue.assignee_id.is_(None))
    elif assignee:
        u = user_by_username(db, assignee)
        stmt = stmt.where(Issue.assignee_id == (u.id if u else -1))
    author = qp.get("author") or ""
    if author:
        u = user_by_username(db, author)
        stmt = stmt.where(Issue.author_id == (u.id if u else -1))
    milestone = qp.get("milestone") or ""
    if milestone == "none":
        stmt = stmt.where(Issue.milestone_id.is_(None))
    elif milestone:
        stmt = stmt.where(Issue.milestone.has(Milestone.title == milestone))
    sort = qp.get("sort") or "created_desc"
    stmt = stmt.order_by(_SORTS.get(sort, _SORTS["created_desc"]), Issue.id.desc())
    page = paginate(db, stmt, qp.get("page"), PER_PAGE)
    return project_page(
        request,
        db,
        project,
        user,
        "code/issues.html",
        "issues",
        page=page,
        state=state,
        search=search,
        labels_filter=[x for x in qp.getlist("label") if x],
        assignee=assignee,
        author=author,
        milestone=milestone,
        sort=sort,
        **project_choices(db, project),
    )


def _form(
    request: Request,
    db: Session,
    project: Project,
    user: Any,
    issue: Issue | None,
    form: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    return project_page(
        request,
        db,
        project,
        user,
        "code/issue_form.html",
        "issues",
        issue=issue,
        form=form,
        errors=errors,
        status_code=status_code,
        can_triage=can(db, project, user, "update_issue"),
        **project_choices(db, project),
    )


@router.get("/new", response_class=HTMLResponse)
def new_issue(
    group: str, name: str, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """The new-issue form."""
    project = get_project(db, group, name, user)
    require(db, project, user, "create_issue")
    form = {"title": request.query_params.get("title", ""), "description": "", "labels": []}
    return _form(request, db, project, user, None, form, {})


def _apply_triage(
    db: Session, project: Project, issue: Issue, labels: list[str], assignee: str, milestone: str
) -> str | None:
    """Set labels/assignee/milestone from form values; returns an error message or None."""
    choices = project_choices(db, project)
    by_name = {lbl.name: lbl for lbl in choices["all_labels"]}
    unknown = [x for x in labels if x not in by_name]
    if unknown:
        return f"Unknown label: {', '.join(unknown)}."
    member_names = {u.username: u for u in choices["all_members"]}
    if assignee and assignee not in member_names:
        return f"Assignee must be a member of this project (got {assignee!r})."
    ms = {str(m.id): m for m in choices["all_milestones"]}
    if milestone and milestone not in ms:
        return "Unknown milestone."
    issue.labels = [by_name[x] for x in dict.fromkeys(labels)]
    issue.assignee_id = member_names[assignee].id if assignee else None
    issue.milestone_id = ms[milestone].id if milestone else None
    return None


@router.post("/new")
async def create_issue(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    title: str = Form(""),
    description: str = Form(""),
    assignee: str = Form(""),
    milestone: str = Form(""),
) -> Response:
    """Create an issue; triage fields only count for reporter+."""
    project = get_project(db, group, name, user)
    require(db, project, user, "create_issue")
    labels = await form_list(request, "labels")
    form = {
        "title": title,
        "description": description,
        "labels": labels,
        "assignee": assignee,
        "milestone": milestone,
    }
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Title is required."
    elif len(title) > 255:
        errors["title"] = "Title is too long (at most 255 characters)."
    from sqlalchemy import func

    iid = (db.scalar(select(func.max(Issue.iid)).where(Issue.project_id == project.id)) or 0) + 1
    at = now()
    issue = Issue(
        project_id=project.id,
        iid=iid,
        title=title.strip(),
        description=description.strip(),
        state="opened",
        author_id=user.id,
        created_at=at,
        updated_at=at,
    )
    if not errors and can(db, project, user, "update_issue"):
        error = _apply_triage(db, project, issue, labels, assignee, milestone)
        if error:
            errors["triage"] = error
    if errors:
        db.expunge(issue) if issue in db else None
        return _form(request, db, project, user, None, form, errors, status_code=400)
    db.add(issue)
    project.last_activity_at = at
    db.commit()
    flash(request, f"Issue #{iid} created.", "success")
    return redirect(f"{project.url}/-/issues/{iid}")


@router.get("/{iid}", response_class=HTMLResponse)
def show_issue(
    group: str, name: str, iid: int, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """An issue with its comments and the triage sidebar."""
    project = get_project(db, group, name, user)
    issue = get_issue(db, project, iid)
    notes = db.scalars(
        select(Note).where(Note.issue_id == issue.id).order_by(Note.created_at, Note.id)
    ).all()
    is_author = user is not None and user.id == issue.author_id
    return project_page(
        request,
        db,
        project,
        user,
        "code/issue.html",
        "issues",
        issue=issue,
        notes=notes,
        can_edit=can(db, project, user, "update_issue")
        or (is_author and can(db, project, user, "comment")),
        error=None,
        **project_choices(db, project),
    )


@router.post("/{iid}/notes")
def add_note(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    body: str = Form(""),
    close: str = Form(""),
) -> Response:
    """Comment (optionally "Comment & close")."""
    project = get_project(db, group, name, user)
    require(db, project, user, "comment")
    issue = get_issue(db, project, iid)
    at = now()
    if not body.strip() and not close:
        flash(request, "Comment can't be empty.", "error")
        return redirect(f"{project.url}/-/issues/{iid}#new-comment")
    if body.strip():
        db.add(
            Note(
                project_id=project.id,
                issue_id=issue.id,
                author_id=user.id,
                body=body.strip(),
                created_at=at,
            )
        )
    if close and (can(db, project, user, "update_issue") or user.id == issue.author_id):
        _set_state(db, issue, user, "closed" if issue.state == "opened" else "opened")
    issue.updated_at = project.last_activity_at = at
    db.commit()
    flash(request, "Comment added." if body.strip() else "Issue updated.", "success")
    return redirect(f"{project.url}/-/issues/{iid}")


def _set_state(db: Session, issue: Issue, user: Any, state: str) -> None:
    at = now()
    issue.state = state
    issue.closed_at = at if state == "closed" else None
    issue.updated_at = at
    db.add(
        Note(
            project_id=issue.project_id,
            issue_id=issue.id,
            author_id=user.id,
            body="closed" if state == "closed" else "reopened",
            system=True,
            created_at=at,
        )
    )


@router.post("/{iid}/state")
def change_state(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    state: str = Form(""),
) -> Response:
    """Close or reopen (reporter+, or the issue's author)."""
    project = get_project(db, group, name, user)
    issue = get_issue(db, project, iid)
    if user.id != issue.author_id or not can(db, project, user, "comment"):
        require(db, project, user, "update_issue")
    if state not in ("opened", "closed"):
        flash(request, "Unknown state.", "error")
    elif state != issue.state:
        _set_state(db, issue, user, state)
        project.last_activity_at = issue.updated_at
        db.commit()
        flash(request, f"Issue #{iid} {'closed' if state == 'closed' else 'reopened'}.", "success")
    return redirect(f"{project.url}/-/issues/{iid}")


@router.post("/{iid}/triage")
async def triage(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    assignee: str = Form(""),
    milestone: str = Form(""),
) -> Response:
    """Labels, assignee and milestone from the sidebar (reporter+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "update_issue")
    issue = get_issue(db, project, iid)
    before = ({lbl.name for lbl in issue.labels}, issue.assignee_id, issue.milestone_id)
    error = _apply_triage(
        db, project, issue, await form_list(request, "labels"), assignee, milestone
    )
    if error:
        db.rollback()
        flash(request, error, "error")
        return redirect(f"{project.url}/-/issues/{iid}")
    after = ({lbl.name for lbl in issue.labels}, issue.assignee_id, issue.milestone_id)
    if after != before:
        at = now()
        parts = []
        if after[0] != before[0]:
            added, removed = sorted(after[0] - before[0]), sorted(before[0] - after[0])
            parts.append(
                "changed labels"
                + (f": added {', '.join(added)}" if added else "")
                + (f"; removed {', '.join(removed)}" if removed else "")
            )
        if after[1] != before[1]:
            who = db.get(User, after[1]) if after[1] else None
            parts.append(f"assigned to @{who.username}" if who else "removed the assignee")
        if after[2] != before[2]:
            ms = db.get(Milestone, after[2]) if after[2] else None
            parts.append(f"set the milestone to {ms.title}" if ms else "removed the milestone")
        db.add(
            Note(
                project_id=project.id,
                issue_id=issue.id,
                author_id=user.id,
                body="; ".join(parts),
                system=True,
                created_at=at,
            )
        )
        issue.updated_at = project.last_activity_at = at
    db.commit()
    flash(request, "Issue updated.", "success")
    return redirect(f"{project.url}/-/issues/{iid}")


@router.get("/{iid}/edit", response_class=HTMLResponse)
def edit_issue(
    group: str, name: str, iid: int, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """Edit title and description (reporter+ or the author)."""
    project = get_project(db, group, name, user)
    issue = get_issue(db, project, iid)
    if user.id != issue.author_id or not can(db, project, user, "comment"):
        require(db, project, user, "update_issue")
    form = {"title": issue.title, "description": issue.description}
    return _form(request, db, project, user, issue, form, {})


@router.post("/{iid}/edit")
def save_issue(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    title: str = Form(""),
    description: str = Form(""),
) -> Response:
    """Save title and description."""
    project = get_project(db, group, name, user)
    issue = get_issue(db, project, iid)
    if user.id != issue.author_id or not can(db, project, user, "comment"):
        require(db, project, user, "update_issue")
    if not title.strip() or len(title) > 255:
        errors = {"title": "Title is required (at most 255 characters)."}
        return _form(
            request,
            db,
            project,
            user,
            issue,
            {"title": title, "description": description},
            errors,
            status_code=400,
        )
    issue.title, issue.description = title.strip(), description.strip()
    issue.updated_at = project.last_activity_at = now()
    db.commit()
    flash(request, "Issue saved.", "success")
    return redirect(f"{project.url}/-/issues/{iid}")
