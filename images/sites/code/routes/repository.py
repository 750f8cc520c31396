"""The repository browser: overview, tree, file, raw, commits, commit diff, branches, and the
web editor (commit a change to a branch or to a new branch, then open a merge request)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    redirect,
)
from sqlalchemy import select

from .. import repo
from ..access import can, require
from ..models import Branch, Commit, MergeRequest
from .common import PER_PAGE, get_project, not_found, project_page, render_markdown, resolve_ref

router = APIRouter(prefix="/{group}/{name}", dependencies=[Depends(csrf_protect)])

_LANG = {
    "py": "python",
    "go": "go",
    "js": "javascript",
    "md": "markdown",
    "tf": "hcl",
    "yml": "yaml",
    "yaml": "yaml",
    "toml": "toml",
    "css": "css",
    "json": "json",
}


def _crumbs(path: str) -> list[tuple[str, str]]:
    parts = [p for p in path.split("/") if p]
    return [(p, "/".join(parts[: i + 1])) for i, p in enumerate(parts)]


def _branches(db: Any, project: Any) -> list[Branch]:
    rows = db.scalars(select(Branch).where(Branch.project_id == project.id)).all()
    return sorted(rows, key=lambda b: (b.name != project.default_branch, b.name))


@router.get("", response_class=HTMLResponse)
def overview(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The project page: description, last commit, files at the root, rendered README."""
    project = get_project(db, group, name, user)
    ref, commit, _ = resolve_ref(db, project, None)
    files = repo.snapshot(db, commit)
    dirs, names = repo.list_dir(list(files), "")
    readme = repo.read_file(db, commit, "README.md") if "README.md" in files else None
    history = repo.ancestor_ids(db, commit)
    return project_page(
        request,
        db,
        project,
        user,
        "code/project.html",
        "overview",
        ref=ref,
        commit=commit,
        dirs=dirs,
        names=names,
        path="",
        readme=render_markdown(readme) if readme else None,
        commit_count=len(history),
        branches=_branches(db, project),
    )


@router.get("/-/tree", response_class=HTMLResponse)
@router.get("/-/tree/{path:path}", response_class=HTMLResponse)
def tree(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser, path: str = ""
) -> HTMLResponse:
    """A folder of the repository at ``?ref=`` (default branch by default)."""
    project = get_project(db, group, name, user)
    ref, commit, _ = resolve_ref(db, project, request.query_params.get("ref"))
    path = path.strip("/")
    files = repo.snapshot(db, commit)
    dirs, names = repo.list_dir(list(files), path)
    if path and not dirs and not names:
        if path in files:
            return redirect(f"{project.url}/-/blob/{quote(path)}?ref={quote(ref)}", 302)
        raise not_found("folder")
    return project_page(
        request,
        db,
        project,
        user,
        "code/tree.html",
        "files",
        ref=ref,
        commit=commit,
        dirs=dirs,
        names=names,
        path=path,
        crumbs=_crumbs(path),
        branches=_branches(db, project),
    )


@router.get("/-/blob/{path:path}", response_class=HTMLResponse)
def blob(
    group: str, name: str, path: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """One file with line numbers (Markdown files rendered too)."""
    project = get_project(db, group, name, user)
    ref, commit, branch = resolve_ref(db, project, request.query_params.get("ref"))
    text = repo.read_file(db, commit, path)
    if text is None:
        raise not_found("file")
    ext = path.rsplit(".", 1)[-1] if "." in path else ""
    return project_page(
        request,
        db,
        project,
        user,
        "code/blob.html",
        "files",
        ref=ref,
        commit=commit,
        path=path,
        crumbs=_crumbs(path),
        lines=text.split("\n"),
        lang=_LANG.get(ext, "text"),
        rendered=render_markdown(text) if ext == "md" else None,
        is_branch=branch is not None,
        size=len(text.encode("utf-8")),
    )


@router.get("/-/raw/{path:path}")
def raw(
    group: str, name: str, path: str, request: Request, db: DbSession, user: CurrentUser
) -> Response:
    """The file as plain text."""
    project = get_project(db, group, name, user)
    _, commit, _ = resolve_ref(db, project, request.query_params.get("ref"))
    text = repo.read_file(db, commit, path)
    if text is None:
        raise not_found("file")
    return PlainTextResponse(text)


@router.get("/-/commits", response_class=HTMLResponse)
def commits(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Commits reachable from ``?ref=``, newest first (``?path=`` limits to one file/folder)."""
    project = get_project(db, group, name, user)
    ref, commit, _ = resolve_ref(db, project, request.query_params.get("ref"))
    path = (request.query_params.get("path") or "").strip("/")
    history = repo.history(db, commit, path or None)
    try:
        number = max(1, int(request.query_params.get("page") or 1))
    except ValueError:
        number = 1
    pages = max(1, -(-len(history) // PER_PAGE))
    number = min(number, pages)
    items = history[(number - 1) * PER_PAGE : number * PER_PAGE]
    from guigym.images.sites.kit.pagination import Page

    page = Page(items=items, page=number, pages=pages, total=len(history), per_page=PER_PAGE)
    return project_page(
        request,
        db,
        project,
        user,
        "code/commits.html",
        "commits",
        ref=ref,
        page=page,
        path=path,
        branches=_branches(db, project),
    )


@router.get("/-/commit/{sha}", response_class=HTMLResponse)
def commit_page(
    group: str, name: str, sha: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """One commit: message, parents and the unified diff against its first parent."""
    project = get_project(db, group, name, user)
    commit = None
    if len(sha) >= 7:
        commit = db.scalars(
            select(Commit).where(Commit.project_id == project.id, Commit.sha.like(sha + "%"))
        ).first()
    if commit is None:
        raise not_found("commit")
    diffs = repo.diff_commits(db, commit.parent_id, commit)
    parents = [db.get(Commit, i) for i in (commit.parent_id, commit.merge_parent_id) if i]
    mr = db.scalars(select(MergeRequest).where(MergeRequest.merge_commit_id == commit.id)).first()
    return project_page(
        request,
        db,
        project,
        user,
        "code/commit.html",
        "commits",
        commit=commit,
        diffs=diffs,
        parents=parents,
        mr=mr,
    )


@router.get("/-/branches", response_class=HTMLResponse)
def branches(
    group: str, name: str, request: Request, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """Branches with their last commit and how far they are ahead of the default branch."""
    project = get_project(db, group, name, user)
    rows = _branches(db, project)
    default = repo.get_branch(db, project, project.default_branch)
    base_ids = set(repo.ancestor_ids(db, default.head)) if default else set()
    ahead = {b.id: sum(1 for c in repo.ancestor_ids(db, b.head) if c not in base_ids) for b in rows}
    open_mrs = {
        m.source_branch: m
        for m in db.scalars(
            select(MergeRequest).where(
                MergeRequest.project_id == project.id, MergeRequest.state == "opened"
            )
        ).all()
    }
    return project_page(
        request,
        db,
        project,
        user,
        "code/branches.html",
        "branches",
        branches=rows,
        ahead=ahead,
        open_mrs=open_mrs,
        error=None,
        form={},
    )


@router.post("/-/branches")
def create_branch(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    branch_name: str = Form(""),
    ref: str = Form(""),
) -> Response:
    """Create a branch from ``ref`` (developer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "push")
    branch_name = branch_name.strip()
    error = None
    if not repo.valid_branch_name(branch_name):
        error = "Branch name: use letters, digits, '.', '_', '-' or '/' (e.g. fix/kb-104-stock)."
    elif repo.get_branch(db, project, branch_name) is not None:
        error = f"A branch named {branch_name!r} already exists."
    if error is None:
        try:
            _, commit, _ = resolve_ref(db, project, ref or None)
        except Exception:
            error = f"Create from: no branch or commit {ref!r}."
    if error:
        rows = _branches(db, project)
        return project_page(
            request,
            db,
            project,
            user,
            "code/branches.html",
            "branches",
            branches=rows,
            ahead={},
            open_mrs={},
            error=error,
            form={"branch_name": branch_name, "ref": ref},
            status_code=400,
        )
    db.add(Branch(project_id=project.id, name=branch_name, head_id=commit.id))
    project.last_activity_at = now()
    db.commit()
    flash(request, f"Branch {branch_name} created.", "success")
    return redirect(f"{project.url}/-/tree?ref={quote(branch_name)}")


@router.post("/-/branches/delete")
def delete_branch(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    branch_name: str = Form(""),
) -> Response:
    """Delete a branch (not the default one; developer+, maintainer+ for protected)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "push")
    branch = repo.get_branch(db, project, branch_name)
    if branch is None:
        raise not_found("branch")
    if branch.name == project.default_branch:
        flash(request, "The default branch cannot be deleted.", "error")
        return redirect(f"{project.url}/-/branches")
    db.delete(branch)
    db.commit()
    flash(request, f"Branch {branch_name} deleted.", "success")
    return redirect(f"{project.url}/-/branches")


def _editor(
    request: Request,
    db: Any,
    project: Any,
    user: Any,
    *,
    ref: str,
    path: str,
    content: str,
    is_new: bool,
    errors: dict[str, str],
    form: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    protected = ref == project.default_branch and not can(db, project, user, "push_protected")
    return project_page(
        request,
        db,
        project,
        user,
        "code/edit.html",
        "files",
        ref=ref,
        path=path,
        content=content,
        is_new=is_new,
        errors=errors,
        form=form,
        protected=protected,
        status_code=status_code,
    )


@router.get("/-/edit/{path:path}", response_class=HTMLResponse)
def edit_file(
    group: str, name: str, path: str, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """Edit a file in the browser (developer+)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "push")
    ref, commit, branch = resolve_ref(db, project, request.query_params.get("ref"))
    if branch is None:
        raise not_found("branch")
    text = repo.read_file(db, commit, path)
    if text is None:
        raise not_found("file")
    return _editor(
        request,
        db,
        project,
        user,
        ref=ref,
        path=path,
        content=text,
        is_new=False,
        errors={},
        form={"message": f"Update {path.rsplit('/', 1)[-1]}"},
    )


@router.get("/-/new", response_class=HTMLResponse)
def new_file(
    group: str, name: str, request: Request, db: DbSession, user: RequireUser
) -> HTMLResponse:
    """Create a file in the browser (developer+); ``?path=`` pre-fills the folder."""
    project = get_project(db, group, name, user)
    require(db, project, user, "push")
    ref, _, branch = resolve_ref(db, project, request.query_params.get("ref"))
    if branch is None:
        raise not_found("branch")
    folder = (request.query_params.get("path") or "").strip("/")
    return _editor(
        request,
        db,
        project,
        user,
        ref=ref,
        path=folder + "/" if folder else "",
        content="",
        is_new=True,
        errors={},
        form={"message": "Add new file"},
    )


@router.post("/-/commit_file")
def commit_file(
    group: str,
    name: str,
    request: Request,
    db: DbSession,
    user: RequireUser,
    ref: str = Form(""),
    path: str = Form(""),
    original_path: str = Form(""),
    content: str = Form(""),
    message: str = Form(""),
    target: str = Form("current"),
    new_branch: str = Form(""),
    start_mr: str = Form(""),
    is_new: str = Form(""),
) -> Response:
    """Commit one file's new content to ``ref`` or to a new branch (then maybe start an MR)."""
    project = get_project(db, group, name, user)
    require(db, project, user, "push")
    ref_name, _, branch = resolve_ref(db, project, ref or None)
    if branch is None:
        raise not_found("branch")
    path = path.strip().strip("/")
    errors: dict[str, str] = {}
    if not repo.valid_path(path):
        errors["path"] = (
            "File path: letters, digits, '.', '_', '-' and '/' only (e.g. docs/setup.md)."
        )
    elif is_new and repo.read_file(db, branch.head, path) is not None:
        errors["path"] = f"A file named {path} already exists on {ref_name}."
    if not message.strip():
        errors["message"] = "Commit message is required."
    content = content.replace("\r\n", "\n")
    target_branch = branch
    if target == "new":
        new_name = new_branch.strip()
        if not repo.valid_branch_name(new_name):
            errors["new_branch"] = "Branch name: letters, digits, '.', '_', '-' or '/'."
        elif repo.get_branch(db, project, new_name) is not None:
            errors["new_branch"] = f"A branch named {new_name!r} already exists."
    elif ref_name == project.default_branch and not can(db, project, user, "push_protected"):
        errors["target"] = (
            f"{ref_name} is protected: only maintainers commit to it. "
            "Commit to a new branch and open a merge request."
        )
    if errors:
        form = {
            "message": message,
            "target": target,
            "new_branch": new_branch,
            "start_mr": start_mr,
        }
        return _editor(
            request,
            db,
            project,
            user,
            ref=ref_name,
            path=path,
            content=content,
            is_new=bool(is_new),
            errors=errors,
            form=form,
            status_code=400,
        )
    if target == "new":
        target_branch = Branch(
            project_id=project.id, name=new_branch.strip(), head_id=branch.head_id
        )
        target_branch.head = branch.head
        db.add(target_branch)
        db.flush()
    changes: dict[str, str | None] = {path: content}
    if original_path and original_path != path and not is_new:
        changes[original_path] = None
    before = repo.read_file(db, target_branch.head, path)
    if before == content and len(changes) == 1:
        flash(request, "No changes to commit.", "warning")
        return redirect(f"{project.url}/-/blob/{quote(path)}?ref={quote(target_branch.name)}")
    title, _, body = message.strip().partition("\n")
    repo.commit_changes(
        db, project, target_branch, changes, user, title.strip(), now(), body.strip()
    )
    db.commit()
    flash(request, f"Your changes were committed to {target_branch.name}.", "success")
    if target == "new" and start_mr:
        return redirect(
            f"{project.url}/-/merge_requests/new?source_branch="
            f"{quote(target_branch.name)}&target_branch={quote(ref_name)}"
        )
    return redirect(f"{project.url}/-/blob/{quote(path)}?ref={quote(target_branch.name)}")
