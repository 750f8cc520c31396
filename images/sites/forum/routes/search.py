"""Search: posts, comments and communities, optionally within one community."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import CurrentUser, DbSession, csrf_protect, now, paginate
from sqlalchemy import case, func, or_, select

from ..models import Comment, Community, Post, Subscription, User
from ._common import PER_PAGE, WINDOWS, page, post_votes_of

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
TYPES = {"posts": "Posts", "comments": "Comments", "communities": "Communities"}
SEARCH_SORTS = {"relevance": "Relevance", "new": "New", "top": "Top"}
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@router.get("/search")
def search(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    q: str = "",
    type: str = "posts",
    c: str = "",
    sort: str = "relevance",
    t: str = "all",
    author: str = "",
) -> Response:  # noqa: A002
    """Search by words in titles, text and names; ``c`` limits to a community, ``author`` to a
    member; ``sort`` relevance/new/top; ``t`` a time window."""
    q = q.strip()[:200]
    kind = type if type in TYPES else "posts"
    sort = sort if sort in SEARCH_SORTS else "relevance"
    t = t if t in WINDOWS else "all"
    author = author.strip().lower().removeprefix("u/")[:64]
    community = (
        db.scalar(select(Community).where(Community.name == c.strip().lower()))
        if c.strip()
        else None
    )
    results = None
    words = [w for w in q.split() if w][:8]
    since = now() - timedelta(days=_DAYS[t]) if t in _DAYS else None
    if words or author:
        if kind == "posts":
            stmt = select(Post).where(~Post.is_removed, ~Post.is_deleted)
            for w in words:
                like = f"%{w}%"
                stmt = stmt.where(
                    or_(Post.title.ilike(like), Post.body.ilike(like), Post.url.ilike(like))
                )
            if community is not None:
                stmt = stmt.where(Post.community_id == community.id)
            if author:
                stmt = stmt.where(
                    Post.author_id.in_(select(User.id).where(User.username == author))
                )
            if since is not None:
                stmt = stmt.where(Post.created_at >= since)
            if sort == "new":
                stmt = stmt.order_by(Post.created_at.desc(), Post.id.desc())
            elif sort == "top":
                stmt = stmt.order_by(Post.score.desc(), Post.id.desc())
            else:
                in_title = (
                    case(*[(Post.title.ilike(f"%{w}%"), 1) for w in words], else_=0) if words else 0
                )
                stmt = stmt.order_by(
                    in_title.desc() if words else Post.score.desc(),
                    Post.score.desc(),
                    Post.id.desc(),
                )
        elif kind == "comments":
            stmt = (
                select(Comment)
                .join(Post, Post.id == Comment.post_id)
                .where(~Comment.is_removed, ~Comment.is_deleted, ~Post.is_removed, ~Post.is_deleted)
            )
            for w in words:
                stmt = stmt.where(Comment.body.ilike(f"%{w}%"))
            if community is not None:
                stmt = stmt.where(Post.community_id == community.id)
            if author:
                stmt = stmt.where(
                    Comment.author_id.in_(select(User.id).where(User.username == author))
                )
            if since is not None:
                stmt = stmt.where(Comment.created_at >= since)
            if sort == "new":
                stmt = stmt.order_by(Comment.created_at.desc(), Comment.id.desc())
            else:
                stmt = stmt.order_by(Comment.score.desc(), Comment.id.desc())
        else:
            members = (
                select(Subscription.community_id, func.count().label("n"))
                .group_by(Subscription.community_id)
                .subquery()
            )
            stmt = select(Community, func.coalesce(members.c.n, 0)).outerjoin(
                members, members.c.community_id == Community.id
            )
            for w in words:
                like = f"%{w}%"
                stmt = stmt.where(
                    or_(
                        Community.name.ilike(like),
                        Community.title.ilike(like),
                        Community.description.ilike(like),
                    )
                )
            stmt = stmt.order_by(func.coalesce(members.c.n, 0).desc(), Community.name)
        results = paginate(db, stmt, request.query_params.get("page"), per_page=PER_PAGE)
    votes = (
        post_votes_of(db, user, [p.id for p in results.items])
        if results and kind == "posts"
        else {}
    )
    return page(
        request,
        db,
        user,
        "forum/search.html",
        q=q,
        kind=kind,
        types=TYPES,
        sort=sort,
        sorts=SEARCH_SORTS,
        t=t,
        windows=WINDOWS,
        scope=community,
        results=results,
        votes=votes,
        author=author,
    )
