"""Feeds and communities: home, all, the community directory, a community's page, join/leave."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
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

from ..models import Community, Subscription
from ..services import is_moderator
from ._common import (
    PER_PAGE,
    SORTS,
    WINDOWS,
    back_to,
    community_or_404,
    feed_query,
    member_count,
    moderators_of,
    page,
    post_votes_of,
    read_form,
)

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _sort_args(sort: str, t: str) -> tuple[str, str]:
    return (sort if sort in SORTS else "hot"), (t if t in WINDOWS else "week")


def _feed(request, db, user, template: str, stmt, **context) -> Response:  # noqa: ANN001
    posts = paginate(db, stmt, request.query_params.get("page"), per_page=PER_PAGE)
    votes = post_votes_of(db, user, [p.id for p in posts.items])
    return page(request, db, user, template, posts=posts, votes=votes, **context)


@router.get("/")
def home(
    request: Request, db: DbSession, user: CurrentUser, sort: str = "hot", t: str = "week"
) -> Response:
    """Home: posts from the member's communities (everything for visitors)."""
    sort, t = _sort_args(sort, t)
    ids = None
    if user is not None:
        ids = list(
            db.scalars(select(Subscription.community_id).where(Subscription.user_id == user.id))
        )
    stmt = feed_query(sort, t, community_ids=ids or None)
    heading = "Your feed" if ids else "Popular posts"
    return _feed(
        request,
        db,
        user,
        "forum/feed.html",
        stmt,
        sort=sort,
        t=t,
        heading=heading,
        feed="home",
        community=None,
    )


@router.get("/all")
def all_posts(
    request: Request, db: DbSession, user: CurrentUser, sort: str = "hot", t: str = "week"
) -> Response:
    """Every community's posts."""
    sort, t = _sort_args(sort, t)
    return _feed(
        request,
        db,
        user,
        "forum/feed.html",
        feed_query(sort, t),
        sort=sort,
        t=t,
        heading="All posts",
        feed="all",
        community=None,
    )


@router.get("/c")
def communities(
    request: Request, db: DbSession, user: CurrentUser, q: str = "", mine: str = "", topic: str = ""
) -> Response:
    """The community directory (search by name or description; ``mine=1``: joined ones)."""
    members = (
        select(Subscription.community_id, func.count().label("n"))
        .group_by(Subscription.community_id)
        .subquery()
    )
    stmt = select(Community, func.coalesce(members.c.n, 0)).outerjoin(
        members, members.c.community_id == Community.id
    )
    q = q.strip()[:100]
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(
                Community.name.ilike(like),
                Community.title.ilike(like),
                Community.description.ilike(like),
            )
        )
    if topic:
        stmt = stmt.where(Community.topic == topic)
    if mine and user is not None:
        stmt = stmt.where(
            Community.id.in_(
                select(Subscription.community_id).where(Subscription.user_id == user.id)
            )
        )
    stmt = stmt.order_by(func.coalesce(members.c.n, 0).desc(), Community.name)
    result = paginate(db, stmt, request.query_params.get("page"), per_page=PER_PAGE)
    topics = list(db.scalars(select(Community.topic).distinct().order_by(Community.topic)))
    return page(
        request,
        db,
        user,
        "forum/communities.html",
        result=result,
        q=q,
        mine=bool(mine and user),
        topic=topic,
        topics=topics,
    )


@router.get("/c/{name}")
def community(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    name: str,
    sort: str = "hot",
    t: str = "week",
) -> Response:
    """A community's posts, with its sidebar (about, rules, moderators)."""
    item = community_or_404(db, name)
    sort, t = _sort_args(sort, t)
    mod = is_moderator(db, user, item)
    stmt = feed_query(sort, t, community_ids=[item.id], include_removed=mod, pinned_first=True)
    return _feed(
        request,
        db,
        user,
        "forum/feed.html",
        stmt,
        sort=sort,
        t=t,
        heading=item.title,
        feed="community",
        community=item,
        moderators=moderators_of(db, item),
        members=member_count(db, item),
        is_mod=mod,
    )


@router.post("/c/{name}/join")
async def join(request: Request, db: DbSession, user: RequireUser, name: str) -> Response:
    """Join a community (its posts appear on your home feed)."""
    item = community_or_404(db, name)
    form = await read_form(request)
    exists = db.scalar(
        select(Subscription).where(
            Subscription.user_id == user.id, Subscription.community_id == item.id
        )
    )
    if exists is None:
        db.add(Subscription(user_id=user.id, community_id=item.id, created_at=now()))
        db.commit()
        flash(request, f"You joined c/{item.name}.", "success")
    else:
        flash(request, f"You are already a member of c/{item.name}.", "info")
    return redirect(back_to(request, f"/c/{item.name}", form))


@router.post("/c/{name}/leave")
async def leave(request: Request, db: DbSession, user: RequireUser, name: str) -> Response:
    """Leave a community."""
    item = community_or_404(db, name)
    form = await read_form(request)
    sub = db.scalar(
        select(Subscription).where(
            Subscription.user_id == user.id, Subscription.community_id == item.id
        )
    )
    if sub is not None:
        db.delete(sub)
        db.commit()
        flash(request, f"You left c/{item.name}.", "success")
    else:
        flash(request, f"You are not a member of c/{item.name}.", "info")
    return redirect(back_to(request, f"/c/{item.name}", form))
