"""What every code page shares: project lookup (404 for invisible projects), the project
layout with its abilities, ref resolution, Markdown rendering and form parsing."""

from __future__ import annotations

import re
from typing import Any

import markdown as md
from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse
from guigym.images.sites.kit import LoginRequired, render
from guigym.images.sites.kit.markup import sanitize_links
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access import ABILITIES, access_level, can_view, role_of
from ..models import Branch, Commit, Group, Issue, MergeRequest, Project, User
from ..repo import get_branch

__all__ = [
    "PER_PAGE",
    "not_found",
    "get_project",
    "project_page",
    "resolve_ref",
    "render_markdown",
    "abilities",
    "user_by_username",
    "form_list",
    "link_refs",
]

PER_PAGE = 20


def not_found(what: str = "page") -> HTTPException:
    """A 404 with a readable message."""
    return HTTPException(
        status.HTTP_404_NOT_FOUND, f"That {what} does not exist or you cannot see it."
    )


def get_project(db: Session, group: str, path: str, user: Any | None) -> Project:
    """The project at ``group/path`` if ``user`` may see it, else 404 (private stays hidden)."""
    project = db.scalars(
        select(Project).join(Group).where(Group.path == group, Project.path == path)
    ).first()
    if project is not None and user is None and project.visibility != "public":
        raise LoginRequired(f"/{group}/{path}")  # signed-out visitors are asked to sign in
    if project is None or not can_view(db, project, user):
        raise not_found("project")
    return project


def abilities(db: Session, project: Project, user: Any | None) -> dict[str, bool]:
    """``{ability: allowed}`` for templates (archived projects allow nothing but settings)."""
    level = access_level(db, project, user)
    return {
        name: level >= need and (not project.archived or name in ("archive", "settings"))
        for name, need in ABILITIES.items()
    }


def project_page(
    request: Request,
    db: Session,
    project: Project,
    user: Any | None,
    template: str,
    tab: str,
    **context: Any,
) -> HTMLResponse:
    """Render a page in the project layout (sidebar counts, the user's role and abilities)."""
    counts = {
        "issues": db.scalar(
            select(func.count())
            .select_from(Issue)
            .where(Issue.project_id == project.id, Issue.state == "opened")
        )
        or 0,
        "mrs": db.scalar(
            select(func.count())
            .select_from(MergeRequest)
            .where(MergeRequest.project_id == project.id, MergeRequest.state == "opened")
        )
        or 0,
    }
    return render(
        request,
        template,
        project=project,
        tab=tab,
        counts=counts,
        my_role=role_of(db, project, user),
        can=abilities(db, project, user),
        **context,
    )


def resolve_ref(
    db: Session, project: Project, ref: str | None
) -> tuple[str, Commit, Branch | None]:
    """(ref name, commit, branch or None) for a branch name or a commit sha (prefix >= 7)."""
    name = (ref or project.default_branch).strip()
    branch = get_branch(db, project, name)
    if branch is not None:
        return name, branch.head, branch
    if len(name) >= 7 and all(c in "0123456789abcdef" for c in name):
        commit = db.scalars(
            select(Commit).where(Commit.project_id == project.id, Commit.sha.like(name + "%"))
        ).first()
        if commit is not None:
            return name, commit, None
    raise not_found("branch or commit")


def _markdown() -> md.Markdown:
    m = md.Markdown(extensions=["fenced_code", "tables", "sane_lists"], output_format="html")
    m.preprocessors.deregister("html_block")  # raw HTML is shown as text, never rendered
    m.inlinePatterns.deregister("html")
    return m


def render_markdown(text: str | None) -> Markup:
    """Markdown to safe HTML (raw HTML escaped; task lists shown as check marks)."""
    html = _markdown().convert(text or "")
    html = html.replace("<li>[ ] ", '<li class="task">☐ ').replace(
        "<li>[x] ", '<li class="task">☑ '
    )
    return Markup(sanitize_links(html))


_REFS = re.compile(r"(?<![\w&/#;])([#!])(\d+)\b")


def link_refs(html: Markup | str, project: Project) -> Markup:
    """Link ``#12`` (issue) and ``!3`` (merge request) references in rendered Markdown."""

    def _link(match: re.Match[str]) -> str:
        kind, number = match.groups()
        path = "issues" if kind == "#" else "merge_requests"
        return f'<a href="{project.url}/-/{path}/{number}">{kind}{number}</a>'

    parts = re.split(r"(<a\b.*?</a>|<code>.*?</code>|<pre>.*?</pre>)", str(html), flags=re.S)
    out = [part if i % 2 else _REFS.sub(_link, part) for i, part in enumerate(parts)]
    return Markup("".join(out))


def user_by_username(db: Session, username: str | None) -> User | None:
    """The user with this username (None for empty or unknown)."""
    if not username:
        return None
    return db.scalars(select(User).where(User.username == username)).first()


async def form_list(request: Request, name: str) -> list[str]:
    """All values of a repeated form field (checkboxes, multi-selects)."""
    form = await request.form()
    return [v for v in form.getlist(name) if isinstance(v, str)]
