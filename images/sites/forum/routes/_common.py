"""What the forum's routers share: lookups that 404, form reading and validation, feed queries
with sorting and time windows, and the page renderer that adds the sidebar data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse
from guigym.images.sites.kit import now, render, safe_next
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..models import Comment, Community, Moderator, Post, Subscription, User
from ..services import moderated_ids, subscribed_ids

__all__ = [
    "PER_PAGE",
    "SORTS",
    "WINDOWS",
    "MAX_TITLE",
    "MAX_BODY",
    "MAX_COMMENT",
    "MAX_REASON",
    "FormErrors",
    "read_form",
    "not_found",
    "community_or_404",
    "post_or_404",
    "comment_or_404",
    "user_or_404",
    "feed_query",
    "back_to",
    "page",
    "moderators_of",
    "member_count",
    "post_votes_of",
    "comment_votes_of",
    "require_owner",
]

PER_PAGE = 25
SORTS = {"hot": "Hot", "new": "New", "top": "Top"}
WINDOWS = {
    "day": "Today",
    "week": "This week",
    "month": "This month",
    "year": "This year",
    "all": "All time",
}
_WINDOW_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
MAX_TITLE = 300
MAX_BODY = 10_000
MAX_COMMENT = 5_000
MAX_REASON = 300


class FormErrors(dict[str, str]):
    """field -> message; truthy when the form has problems."""

    def need(self, field: str, value: str, label: str, maxlen: int) -> str:
        """Record an error if ``value`` is empty or too long; return it stripped."""
        value = value.strip()
        if not value:
            self[field] = f"{label} is required."
        elif len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen:,} characters (got {len(value):,})."
        return value

    def optional(self, field: str, value: str, label: str, maxlen: int) -> str:
        """Like :meth:`need` but empty is fine."""
        value = value.strip()
        if len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen:,} characters (got {len(value):,})."
        return value


async def read_form(request: Request) -> dict[str, Any]:
    """The posted form: strings, and uploads (objects with ``.read()``) as they are."""
    form = await request.form()
    return {k: v for k, v in form.items()}


def not_found(what: str) -> HTTPException:
    """A 404 with a sentence for the error page."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} does not exist.")


def community_or_404(db: Session, name: str) -> Community:
    """The community called ``name`` (case-insensitive) or a 404 page."""
    community = db.scalar(select(Community).where(Community.name == name.strip().lower()))
    if community is None:
        raise not_found(f"The community c/{name[:40]}")
    return community


def post_or_404(db: Session, post_id: int) -> Post:
    """The post or a 404 page."""
    post = db.get(Post, post_id)
    if post is None:
        raise not_found(f"Post #{post_id}")
    return post


def comment_or_404(db: Session, comment_id: int) -> Comment:
    """The comment or a 404 page."""
    comment = db.get(Comment, comment_id)
    if comment is None:
        raise not_found(f"Comment #{comment_id}")
    return comment


def user_or_404(db: Session, username: str) -> User:
    """The member called ``username`` or a 404 page."""
    user = db.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise not_found(f"The user u/{username[:40]}")
    return user


def feed_query(
    sort: str,
    window: str,
    *,
    community_ids: list[int] | None = None,
    include_removed: bool = False,
    pinned_first: bool = False,
) -> Select[Any]:
    """Posts for a feed: sort hot/new/top, top limited to a time window."""
    stmt = select(Post).where(~Post.is_deleted)
    if not include_removed:
        stmt = stmt.where(~Post.is_removed)
    if community_ids is not None:
        stmt = stmt.where(Post.community_id.in_(community_ids))
    order: list[Any] = [Post.is_pinned.desc()] if pinned_first and sort == "hot" else []
    if sort == "new":
        order += [Post.created_at.desc(), Post.id.desc()]
    elif sort == "top":
        if window in _WINDOW_DAYS:
            stmt = stmt.where(Post.created_at >= now() - timedelta(days=_WINDOW_DAYS[window]))
        order += [Post.score.desc(), Post.created_at.desc(), Post.id.desc()]
    else:
        order += [Post.hot.desc(), Post.id.desc()]
    return stmt.order_by(*order)


def back_to(request: Request, fallback: str, form: dict[str, Any] | None = None) -> str:
    """Where to go after a POST: the form's ``next`` if local, else ``fallback``."""
    value = (form or {}).get("next")
    return safe_next(value if isinstance(value, str) else None, fallback)


def moderators_of(db: Session, community: Community) -> list[User]:
    """The community's moderators in the order they were added."""
    return list(
        db.scalars(
            select(User)
            .join(Moderator, Moderator.user_id == User.id)
            .where(Moderator.community_id == community.id)
            .order_by(Moderator.added_at, Moderator.id)
        )
    )


def member_count(db: Session, community: Community) -> int:
    """How many members joined the community."""
    return (
        db.scalar(
            select(func.count())
            .select_from(Subscription)
            .where(Subscription.community_id == community.id)
        )
        or 0
    )


def page(
    request: Request, db: Session, user: User | None, template: str, **context: Any
) -> HTMLResponse:
    """Render a forum page with the member's joined and moderated communities."""
    joined = subscribed_ids(db, user)
    context.setdefault("joined", joined)
    context.setdefault("moderates", moderated_ids(db, user))
    if user is not None:
        context.setdefault(
            "my_communities",
            list(
                db.scalars(
                    select(Community).where(Community.id.in_(joined)).order_by(Community.name)
                )
            ),
        )
    return render(request, template, **context)


def post_votes_of(db: Session, user: User | None, post_ids: list[int]) -> dict[int, int]:
    """post id -> the member's vote (1/-1) for the posts shown."""
    from ..models import PostVote

    if user is None or not post_ids:
        return {}
    rows = db.execute(
        select(PostVote.post_id, PostVote.value).where(
            PostVote.user_id == user.id, PostVote.post_id.in_(post_ids)
        )
    )
    return {pid: value for pid, value in rows}


def comment_votes_of(db: Session, user: User | None, comment_ids: list[int]) -> dict[int, int]:
    """comment id -> the member's vote for the comments shown."""
    from ..models import CommentVote

    if user is None or not comment_ids:
        return {}
    rows = db.execute(
        select(CommentVote.comment_id, CommentVote.value).where(
            CommentVote.user_id == user.id, CommentVote.comment_id.in_(comment_ids)
        )
    )
    return {cid: value for cid, value in rows}


def require_owner(user: User, author_id: int, what: str) -> None:
    """403 unless ``user`` wrote the post or comment."""
    if author_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"You can only change your own {what}.")
