"""Page rules shared by routes and the seed: saving revisions, links, labels, rendering.

Every change to a page's title or body goes through :func:`save_page`, which bumps the
version, stores a ``revisions`` row and refreshes the page's outgoing links (backlinks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .markup import RESTRICTED, Rendered, path_links, render_markdown, slugify, wiki_links
from .models import Page, PageLabel, PageLink, Revision, Space

__all__ = [
    "MAX_TITLE",
    "MAX_BODY",
    "MAX_COMMENT",
    "page_url",
    "create_page",
    "save_page",
    "refresh_links",
    "set_labels",
    "parse_labels",
    "unique_slug",
    "render_page",
    "ancestors",
]

MAX_TITLE = 200
MAX_BODY = 200_000  # characters of Markdown
MAX_COMMENT = 300
_LABEL = re.compile(r"[^a-z0-9_-]+")


def page_url(space_key: str, slug: str) -> str:
    """Relative URL of a page."""
    return f"/spaces/{space_key}/pages/{slug}"


def unique_slug(db: Session, space_id: int, title: str, page_id: int | None = None) -> str:
    """A slug for ``title`` not used by another page of the space (``-2``, ``-3``... added)."""
    base = slugify(title)
    slug, n = base, 1
    while True:
        other = db.scalar(select(Page.id).where(Page.space_id == space_id, Page.slug == slug))
        if other is None or other == page_id:
            return slug
        n += 1
        slug = f"{base}-{n}"


def parse_labels(text: str) -> list[str]:
    """``"Policy, how to;refunds"`` -> ``["policy", "how-to", "refunds"]`` (deduplicated)."""
    out: list[str] = []
    for raw in re.split(r"[,;\n]", text):
        label = _LABEL.sub("-", raw.strip().lower().replace(" ", "-")).strip("-")[:40]
        if label and label not in out:
            out.append(label)
    return out[:20]


def set_labels(db: Session, page: Page, labels: Iterable[str]) -> None:
    """Replace the page's labels."""
    db.execute(delete(PageLabel).where(PageLabel.page_id == page.id))
    for label in labels:
        db.add(PageLabel(page_id=page.id, label=label))


def refresh_links(db: Session, page: Page) -> None:
    """Recompute the page's outgoing links from its body ([[Title]] and /spaces/K/pages/s)."""
    keys = {k for k, _ in wiki_links(page.body, page.space.key)} | {
        k for k, _ in path_links(page.body)
    }
    spaces = {s.key: s.id for s in db.scalars(select(Space).where(Space.key.in_(keys)))}
    targets: set[int] = set()
    for key, title in wiki_links(page.body, page.space.key):
        if key in spaces:
            pid = db.scalar(
                select(Page.id).where(Page.space_id == spaces[key], Page.title == title)
            )
            if pid is not None:
                targets.add(pid)
    for key, slug in path_links(page.body):
        if key in spaces:
            pid = db.scalar(select(Page.id).where(Page.space_id == spaces[key], Page.slug == slug))
            if pid is not None:
                targets.add(pid)
    targets.discard(page.id)
    db.execute(delete(PageLink).where(PageLink.from_page_id == page.id))
    for target in sorted(targets):
        db.add(PageLink(from_page_id=page.id, to_page_id=target))


def create_page(
    db: Session,
    space: Space,
    title: str,
    body: str,
    author: Any,
    when: datetime,
    *,
    parent: Page | None = None,
    comment: str = "Created page",
    labels: Iterable[str] = (),
    position: int = 0,
    links: bool = True,
) -> Page:
    """Add a page with its first revision (and labels, links)."""
    page = Page(
        space=space,
        space_id=space.id,
        parent_id=parent.id if parent else None,
        title=title,
        slug=unique_slug(db, space.id, title),
        body=body,
        version=1,
        position=position,
        created_by_id=author.id,
        created_at=when,
        updated_by_id=author.id,
        updated_at=when,
    )
    db.add(page)
    db.flush()
    db.add(
        Revision(
            page_id=page.id,
            number=1,
            title=title,
            body=body,
            author_id=author.id,
            comment=comment,
            created_at=when,
        )
    )
    set_labels(db, page, labels)
    if links:
        refresh_links(db, page)
    return page


def save_page(
    db: Session, page: Page, title: str, body: str, author: Any, when: datetime, comment: str = ""
) -> Revision | None:
    """Store a new revision if the title or body changed; None when nothing changed."""
    if title == page.title and body == page.body:
        return None
    page.version += 1
    if title != page.title:
        page.slug = unique_slug(db, page.space_id, title, page.id)
    page.title, page.body = title, body
    page.updated_by_id, page.updated_at = author.id, when
    revision = Revision(
        page_id=page.id,
        number=page.version,
        title=title,
        body=body,
        author_id=author.id,
        comment=comment,
        created_at=when,
    )
    db.add(revision)
    db.flush()
    refresh_links(db, page)
    return revision


def render_page(
    db: Session, body: str, space_key: str, visible_keys: set[str] | None = None
) -> Rendered:
    """Render Markdown with [[links]] resolved against the database.

    Links into spaces outside ``visible_keys`` (when given) become plain text, so readers
    never follow a link to a page they may not open.
    """
    cache: dict[tuple[str, str], str | None] = {}

    def resolve(key: str, title: str) -> str | None:
        if visible_keys is not None and key not in visible_keys and key != space_key:
            exists = db.scalar(select(Space.id).where(Space.key == key))
            return RESTRICTED if exists is not None else None
        if (key, title) not in cache:
            slug = db.scalar(
                select(Page.slug).join(Space).where(Space.key == key, Page.title == title)
            )
            cache[(key, title)] = None if slug is None else page_url(key, slug)
        return cache[(key, title)]

    return render_markdown(body, space_key, resolve)


def ancestors(db: Session, page: Page) -> list[Page]:
    """The page's parents, root first (breadcrumbs); stops on a cycle."""
    out: list[Page] = []
    seen = {page.id}
    parent_id = page.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = db.get(Page, parent_id)
        if parent is None:
            break
        seen.add(parent.id)
        out.append(parent)
        parent_id = parent.parent_id
    return list(reversed(out))
