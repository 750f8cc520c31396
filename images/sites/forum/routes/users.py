"""Member profiles: karma, posts, comments and the communities they moderate."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import CurrentUser, DbSession, csrf_protect, paginate
from sqlalchemy import select

from ..models import Comment, Community, Moderator, Post
from ..services import karma
from ._common import PER_PAGE, comment_votes_of, page, post_votes_of, user_or_404

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
TABS = {"posts": "Posts", "comments": "Comments"}


@router.get("/u/{username}")
def profile(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    username: str,
    tab: str = "posts",
    sort: str = "new",
) -> Response:
    """A member's profile (``tab=posts|comments``, ``sort=new|top``)."""
    member = user_or_404(db, username)
    tab = tab if tab in TABS else "posts"
    sort = sort if sort in ("new", "top") else "new"
    post_karma, comment_karma = karma(db, member.id)
    if tab == "posts":
        stmt = select(Post).where(Post.author_id == member.id, ~Post.is_deleted, ~Post.is_removed)
        order = Post.score.desc() if sort == "top" else Post.created_at.desc()
        stmt = stmt.order_by(order, Post.id.desc())
    else:
        stmt = (
            select(Comment)
            .join(Post, Post.id == Comment.post_id)
            .where(
                Comment.author_id == member.id,
                ~Comment.is_deleted,
                ~Comment.is_removed,
                ~Post.is_removed,
            )
        )
        order = Comment.score.desc() if sort == "top" else Comment.created_at.desc()
        stmt = stmt.order_by(order, Comment.id.desc())
    items = paginate(db, stmt, request.query_params.get("page"), per_page=PER_PAGE)
    ids = [i.id for i in items.items]
    votes = post_votes_of(db, user, ids) if tab == "posts" else {}
    cvotes = comment_votes_of(db, user, ids) if tab == "comments" else {}
    moderates = db.scalars(
        select(Community)
        .join(Moderator, Moderator.community_id == Community.id)
        .where(Moderator.user_id == member.id)
        .order_by(Community.name)
    ).all()
    return page(
        request,
        db,
        user,
        "forum/user.html",
        member=member,
        tab=tab,
        tabs=TABS,
        sort=sort,
        items=items,
        votes=votes,
        comment_votes=cvotes,
        post_karma=post_karma,
        comment_karma=comment_karma,
        member_moderates=moderates,
    )
