"""Merge requests: list, new (developer+), overview with comments, commits, diffs, approve
(developer+, not the author), merge (maintainer+: applies the source branch to the target),
close/reopen, and the sidebar (assignee, reviewer, labels, milestone)."""

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
    paginate,
    redirect,
)
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import repo
from ..access import require
from ..models import Approval, Branch, Commit, Issue, Label, MergeRequest, Note, Project
from .common import PER_PAGE, form_list, get_project, not_found, project_page, user_by_username
from .issues import project_choices

router = APIRouter(prefix="/{group}/{name}/-/merge_requests", dependencies=[Depends(csrf_protect)])


def get_mr(db: Session, project: Project, iid: int) -> MergeRequest:
    """Merge request ``!iid`` or 404."""
    mr = db.scalars(
        select(MergeRequest).where(MergeRequest.project_id == project.id, MergeRequest.iid == iid)
    ).first()
    if mr is None:
        raise not_found("merge request")
    return mr


def mr_range(
    db: Session, project: Project, mr: MergeRequest
) -> tuple[Commit | None, Commit | None]:
    """(base, head) commits of the MR's diff: frozen once merged/closed, live while open."""
    if mr.state != "opened":
        base = db.get(Commit, mr.base_commit_id) if mr.base_commit_id else None
        head = db.get(Commit, mr.head_commit_id) if mr.head_commit_id else None
        return base, head
    source = repo.get_branch(db, project, mr.source_branch)
    target = repo.get_branch(db, project, mr.target_branch)
    if source is None or target is None:
        return None, None
    return repo.merge_base(db, source.head, target.head), source.head


def _commits(db: Session, base: Commit | None, head: Commit | None) -> list[Commit]:
    if head is None:
        return []
    skip = set(repo.ancestor_ids(db, base)) if base else set()
    wanted = [i for i in repo.ancestor_ids(db, head) if i not in skip]
    return [db.get(Commit, i) for i in wanted]


@router.get("", response_class=HTMLResponse)
def list_mrs(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Merge requests by state, with search and author/assignee/label filters."""
    project = get_project(db, group, name, user)
    qp = request.query_params
    state = qp.get("state") or "opened"
    stmt = select(MergeRequest).where(MergeRequest.project_id == project.id)
    if state in ("opened", "merged", "closed"):
        stmt = stmt.where(MergeRequest.state == state)
    else:
        state = "all"
    search = (qp.get("search") or "").strip()
    if search:
        stmt = stmt.where(
            or_(
                MergeRequest.title.ilike(f"%{search}%"),
                MergeRequest.source_branch.ilike(f"%{search}%"),
            )
        )
    for key, col in (
        ("author", MergeRequest.author_id),
        ("assignee", MergeRequest.assignee_id),
        ("reviewer", MergeRequest.reviewer_id),
    ):
        if qp.get(key):
            u = user_by_username(db, qp.get(key))
            stmt = stmt.where(col == (u.id if u else -1))
    if qp.get("label"):
        stmt = stmt.where(MergeRequest.labels.any(Label.name == qp.get("label")))
    stmt = stmt.order_by(MergeRequest.updated_at.desc(), MergeRequest.id.desc())
    page = paginate(db, stmt, qp.get("page"), PER_PAGE)
    counts = dict(
        db.execute(
            select(MergeRequest.state, func.count())
            .where(MergeRequest.project_id == project.id)
            .group_by(MergeRequest.state)
        ).all()
    )
    return project_page(
        request,
        db,
        project,
        user,
        "code/mrs.html",
        "mrs",
        page=page,
        state=state,
        search=search,
        state_counts=counts,
        **project_choices(db, project),
    )


def _branch_names(db: Session, project: Project) -> list[str]:
    return sorted(db.scalars(select(Branch.name).where(Branch.project_id == project.id)).all())


def _new_form(
    request: Request,
    db: Session,
    project: Project,
    user: Any,
    form: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    diffs, commits = [], []
    source = repo.get_branch(db, project, form.get("source_branch", ""))
    target = repo.get_branch(db, project, form.get("target_branch", ""))
    if source and target and source.id != target.id:
        base = repo.merge_base(db, source.head, target.head)
        diffs = repo.diff_commits(db, base, source.head)
        commits = _commits(db, base, source.head)
    return project_page(
        request,
        db,
        project,
        user,
        "code/mr_new.html",
        "mrs",
        form=form,
        errors=errors,
        branch_names=_branch_names(db, project),
        diffs=diffs,
        commits=commits,
        status_code=status_code,
        **project_choices(db, project),
    )


@router.get("/new", response_class=HTMLResponse)
def new_mr(
    group: str, name: str, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """The new-MR form (developer+), pre-filled from ``?source_branch=&target_branch=``."""
    project = get_project(db, group, name, user)
    require(db, project, user, "create_mr")
    source = request.query_params.get("source_branch", "")
    last = None
    b = repo.get_branch(db, project, source) if source else None
    if b is not None:
        last = b.head.title
    form = {
        "source_branch": source,
        "target_branch": request.query_params.get("target_branch") or project.default_branch,
        "title": last or "",
        "description": "",
        "labels": [],
    }
    return _new_form(request, db, project, user, form, {})


@router.post("/new")
async def create_mr(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    source_branch: str = Form(""),
    target_branch: str = Form(""),
    title: str = Form(""),
    description: str = Form(""),
    assignee: str = Form(""),
    reviewer: str = Form(""),
    milestone: str = Form(""),
    draft: str = Form(""),
) -> Response:
    """Open a merge request (developer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "create_mr")
    labels = await form_list(request, "labels")
    form = {
        "source_branch": source_branch,
        "target_branch": target_branch,
        "title": title,
        "description": description,
        "labels": labels,
        "assignee": assignee,
        "reviewer": reviewer,
        "milestone": milestone,
        "draft": draft,
    }
    errors: dict[str, str] = {}
    source = repo.get_branch(db, project, source_branch)
    target = repo.get_branch(db, project, target_branch)
    if source is None:
        errors["source_branch"] = "Choose an existing source branch."
    if target is None:
        errors["target_branch"] = "Choose an existing target branch."
    if source and target:
        if source.id == target.id:
            errors["source_branch"] = "Source and target branch must differ."
        elif not repo.diff_commits(db, repo.merge_base(db, source.head, target.head), source.head):
            errors["source_branch"] = f"{source_branch} has no changes compared to {target_branch}."
        elif db.scalar(
            select(MergeRequest.iid).where(
                MergeRequest.project_id == project.id,
                MergeRequest.state == "opened",
                MergeRequest.source_branch == source_branch,
                MergeRequest.target_branch == target_branch,
            )
        ):
            errors["source_branch"] = "An open merge request for these branches already exists."
    if not title.strip():
        errors["title"] = "Title is required."
    choices = project_choices(db, project)
    members = {u.username: u for u in choices["all_members"]}
    by_name = {lbl.name: lbl for lbl in choices["all_labels"]}
    milestones = {str(m.id): m for m in choices["all_milestones"]}
    for key, value in (("assignee", assignee), ("reviewer", reviewer)):
        if value and value not in members:
            errors[key] = f"{key.capitalize()} must be a member of this project."
    if any(x not in by_name for x in labels):
        errors["labels"] = "Unknown label."
    if milestone and milestone not in milestones:
        errors["milestone"] = "Unknown milestone."
    if errors:
        return _new_form(request, db, project, user, form, errors, status_code=400)
    iid = (
        db.scalar(select(func.max(MergeRequest.iid)).where(MergeRequest.project_id == project.id))
        or 0
    ) + 1
    at = now()
    clean = title.strip()
    if draft and not clean.lower().startswith("draft:"):
        clean = "Draft: " + clean
    mr = MergeRequest(
        project_id=project.id,
        iid=iid,
        title=clean,
        description=description.strip(),
        source_branch=source_branch,
        target_branch=target_branch,
        state="opened",
        draft=clean.lower().startswith("draft:"),
        author_id=user.id,
        assignee_id=members[assignee].id if assignee else None,
        reviewer_id=members[reviewer].id if reviewer else None,
        milestone_id=milestones[milestone].id if milestone else None,
        created_at=at,
        updated_at=at,
    )
    mr.labels = [by_name[x] for x in dict.fromkeys(labels)]
    db.add(mr)
    project.last_activity_at = at
    db.commit()
    flash(request, f"Merge request !{iid} created.", "success")
    return redirect(f"{project.url}/-/merge_requests/{iid}")


def _show(
    request: Request, db: Session, project: Project, user: Any, mr: MergeRequest, tab: str
) -> HTMLResponse:
    base, head = mr_range(db, project, mr)
    diffs = repo.diff_commits(db, base, head) if head is not None else []
    commits = _commits(db, base, head)
    approvals = db.scalars(
        select(Approval).where(Approval.merge_request_id == mr.id).order_by(Approval.created_at)
    ).all()
    notes = db.scalars(
        select(Note).where(Note.merge_request_id == mr.id).order_by(Note.created_at, Note.id)
    ).all()
    conflicts: list[str] = []
    mergeable_reason = None
    if mr.state == "opened":
        source = repo.get_branch(db, project, mr.source_branch)
        target = repo.get_branch(db, project, mr.target_branch)
        if source is None or target is None:
            mergeable_reason = "The source or target branch no longer exists."
        else:
            conflicts = repo.conflicting_paths(db, source, target)
            if conflicts:
                mergeable_reason = "Merge conflicts in: " + ", ".join(conflicts)
            elif not diffs:
                mergeable_reason = "Nothing to merge: the source branch has no changes."
        if mr.draft and not mergeable_reason:
            mergeable_reason = "This merge request is a draft; mark it as ready first."
    approved_by_me = user is not None and any(a.user_id == user.id for a in approvals)
    return project_page(
        request,
        db,
        project,
        user,
        "code/mr.html",
        "mrs",
        mr=mr,
        mr_tab=tab,
        diffs=diffs,
        commits=commits,
        approvals=approvals,
        notes=notes,
        mergeable_reason=mergeable_reason,
        approved_by_me=approved_by_me,
        merge_commit=db.get(Commit, mr.merge_commit_id) if mr.merge_commit_id else None,
        additions=sum(d.additions for d in diffs),
        deletions=sum(d.deletions for d in diffs),
        **project_choices(db, project),
    )


@router.get("/{iid}", response_class=HTMLResponse)
def show_mr(
    group: str, name: str, iid: int, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Overview: description, approvals, merge widget, discussion."""
    project = get_project(db, group, name, user)
    return _show(request, db, project, user, get_mr(db, project, iid), "overview")


@router.get("/{iid}/commits", response_class=HTMLResponse)
def mr_commits(
    group: str, name: str, iid: int, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The MR's commits."""
    project = get_project(db, group, name, user)
    return _show(request, db, project, user, get_mr(db, project, iid), "commits")


@router.get("/{iid}/diffs", response_class=HTMLResponse)
def mr_diffs(
    group: str, name: str, iid: int, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The MR's changes as unified diffs."""
    project = get_project(db, group, name, user)
    return _show(request, db, project, user, get_mr(db, project, iid), "diffs")


def _event(db: Session, mr: MergeRequest, user: Any, body: str, system: bool = True) -> None:
    at = now()
    db.add(
        Note(
            project_id=mr.project_id,
            merge_request_id=mr.id,
            author_id=user.id,
            body=body,
            system=system,
            created_at=at,
        )
    )
    mr.updated_at = at


@router.post("/{iid}/notes")
def add_note(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    body: str = Form(""),
) -> Response:
    """Comment on a merge request (anyone who can see the project and is signed in)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "comment")
    mr = get_mr(db, project, iid)
    if not body.strip():
        flash(request, "Comment can't be empty.", "error")
    else:
        _event(db, mr, user, body.strip(), system=False)
        project.last_activity_at = mr.updated_at
        db.commit()
        flash(request, "Comment added.", "success")
    return redirect(f"{project.url}/-/merge_requests/{iid}")


@router.post("/{iid}/approve")
def approve(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    action: str = Form("approve"),
) -> Response:
    """Approve or revoke your approval (developer+, not on your own MR)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "approve_mr")
    mr = get_mr(db, project, iid)
    mine = db.scalars(
        select(Approval).where(Approval.merge_request_id == mr.id, Approval.user_id == user.id)
    ).first()
    if mr.state != "opened":
        flash(request, "Only open merge requests can be approved.", "error")
    elif action == "revoke":
        if mine:
            db.delete(mine)
            _event(db, mr, user, "unapproved this merge request")
            db.commit()
            flash(request, "Approval revoked.", "success")
    elif mr.author_id == user.id:
        flash(request, "You cannot approve your own merge request.", "error")
    elif mine is None:
        db.add(Approval(merge_request_id=mr.id, user_id=user.id, created_at=now()))
        _event(db, mr, user, "approved this merge request")
        db.commit()
        flash(request, f"You approved !{iid}.", "success")
    return redirect(f"{project.url}/-/merge_requests/{iid}")


_CLOSING = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)", re.IGNORECASE)


def _close_referenced_issues(
    db: Session, project: Project, mr: MergeRequest, user: Any
) -> list[int]:
    """Close the issues the MR says it closes ("Closes #12", "Fixes #3") when it merges."""
    text = f"{mr.title}\n{mr.description}"
    closed = []
    for iid in dict.fromkeys(int(n) for n in _CLOSING.findall(text)):
        issue = db.scalars(
            select(Issue).where(Issue.project_id == project.id, Issue.iid == iid)
        ).first()
        if issue is None or issue.state != "opened":
            continue
        at = now()
        issue.state, issue.closed_at, issue.updated_at = "closed", at, at
        db.add(
            Note(
                project_id=project.id,
                issue_id=issue.id,
                author_id=user.id,
                system=True,
                body=f"closed via merge request !{mr.iid}",
                created_at=at,
            )
        )
        closed.append(iid)
    return closed


@router.post("/{iid}/merge")
def merge(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    delete_source_branch: str = Form(""),
    squash_message: str = Form(""),
) -> Response:
    """Merge (maintainer+): a merge commit on the target branch with the source's changes."""
    project = get_project(db, group, name, user)
    require(db, project, user, "merge_mr")
    mr = get_mr(db, project, iid)
    url = f"{project.url}/-/merge_requests/{iid}"
    if mr.state != "opened":
        flash(request, f"This merge request is already {mr.state}.", "error")
        return redirect(url)
    if mr.draft:
        flash(request, "Draft merge requests cannot be merged; mark it as ready first.", "error")
        return redirect(url)
    source = repo.get_branch(db, project, mr.source_branch)
    target = repo.get_branch(db, project, mr.target_branch)
    if source is None or target is None:
        flash(request, "The source or target branch no longer exists.", "error")
        return redirect(url)
    at = now()
    try:
        commit, base = repo.merge_branch(
            db,
            project,
            source,
            target,
            user,
            at,
            f"Merge branch '{source.name}' into '{target.name}'",
            f"{mr.title}\n\nSee merge request !{mr.iid}",
        )
    except repo.MergeConflict as exc:
        db.rollback()
        flash(request, f"Cannot merge: conflicts in {', '.join(exc.paths)}.", "error")
        return redirect(url)
    mr.state, mr.merged_at, mr.merged_by_id, mr.merge_commit_id = "merged", at, user.id, commit.id
    mr.base_commit_id = base.id if base else None
    mr.head_commit_id = source.head_id
    _event(db, mr, user, "merged")
    closed = _close_referenced_issues(db, project, mr, user)
    if delete_source_branch:
        db.delete(source)
    db.commit()
    also = f" Closed {', '.join(f'#{n}' for n in closed)}." if closed else ""
    flash(request, f"Merged !{iid} into {target.name}.{also}", "success")
    return redirect(url)


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
    """Close, reopen, or toggle draft (the author or developer+)."""
    project = get_project(db, group, name, user)
    mr = get_mr(db, project, iid)
    if mr.author_id != user.id:
        require(db, project, user, "create_mr")
    elif project.archived:
        require(db, project, user, "create_mr")
    url = f"{project.url}/-/merge_requests/{iid}"
    if mr.state == "merged":
        flash(request, "Merged merge requests cannot change state.", "error")
        return redirect(url)
    if state == "closed" and mr.state == "opened":
        base, head = mr_range(db, project, mr)
        mr.state, mr.closed_at = "closed", now()
        mr.base_commit_id = base.id if base else None
        mr.head_commit_id = head.id if head else None
        _event(db, mr, user, "closed")
    elif state == "opened" and mr.state == "closed":
        if repo.get_branch(db, project, mr.source_branch) is None:
            flash(request, "The source branch no longer exists.", "error")
            return redirect(url)
        mr.state, mr.closed_at = "opened", None
        _event(db, mr, user, "reopened")
    elif state in ("ready", "draft") and mr.state == "opened":
        mr.draft = state == "draft"
        bare = mr.title[6:].strip() if mr.title.lower().startswith("draft:") else mr.title
        mr.title = f"Draft: {bare}" if mr.draft else bare
        _event(
            db,
            mr,
            user,
            "marked this merge request as draft"
            if mr.draft
            else "marked this merge request as ready",
        )
    else:
        flash(request, "Nothing to change.", "warning")
        return redirect(url)
    db.commit()
    flash(request, "Merge request updated.", "success")
    return redirect(url)


@router.post("/{iid}/triage")
async def triage(
    group: str,
    name: str,
    iid: int,
    request: Request,
    db: DbSession,
    user: RequireUser,
    assignee: str = Form(""),
    reviewer: str = Form(""),
    milestone: str = Form(""),
) -> Response:
    """Assignee, reviewer, labels, milestone (developer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "create_mr")
    mr = get_mr(db, project, iid)
    choices = project_choices(db, project)
    members = {u.username: u for u in choices["all_members"]}
    by_name = {lbl.name: lbl for lbl in choices["all_labels"]}
    milestones = {str(m.id): m for m in choices["all_milestones"]}
    labels = await form_list(request, "labels")
    url = f"{project.url}/-/merge_requests/{iid}"
    if (assignee and assignee not in members) or (reviewer and reviewer not in members):
        flash(request, "Assignee and reviewer must be members of this project.", "error")
        return redirect(url)
    if any(x not in by_name for x in labels) or (milestone and milestone not in milestones):
        flash(request, "Unknown label or milestone.", "error")
        return redirect(url)
    mr.assignee_id = members[assignee].id if assignee else None
    mr.reviewer_id = members[reviewer].id if reviewer else None
    mr.milestone_id = milestones[milestone].id if milestone else None
    mr.labels = [by_name[x] for x in dict.fromkeys(labels)]
    _event(db, mr, user, "updated assignee, reviewer, labels and milestone")
    db.commit()
    flash(request, "Merge request updated.", "success")
    return redirect(url)
