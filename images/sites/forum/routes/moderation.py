"""Moderation: remove/restore, lock, pin, bans, moderators, and the public mod log."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, HTTPException, Request, status
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import MOD_ACTIONS, Ban, Comment, Community, ModAction, Moderator, Post, User
from ..services import is_moderator, log_action, recount_comments
from ._common import (
    MAX_REASON,
    PER_PAGE,
    FormErrors,
    back_to,
    comment_or_404,
    community_or_404,
    member_count,
    moderators_of,
    page,
    post_or_404,
    read_form,
)

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

_POST_ACTIONS = {
    "remove": ("remove_post", "Post removed."),
    "restore": ("restore_post", "Post restored."),
    "lock": ("lock_post", "Thread locked: no new comments."),
    "unlock": ("unlock_post", "Thread unlocked."),
    "pin": ("pin_post", "Post pinned to the top of the community."),
    "unpin": ("unpin_post", "Post unpinned."),
}


def _require_mod(db: Session, user: User, community: Community) -> None:
    if not is_moderator(db, user, community):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, f"Only moderators of c/{community.name} can do that."
        )


@router.post("/posts/{post_id}/moderate")
async def moderate_post(
    request: Request, db: DbSession, user: RequireUser, post_id: int
) -> Response:
    """A moderator removes/restores, locks/unlocks or pins/unpins a post (``action``)."""
    post = post_or_404(db, post_id)
    community = post.community
    _require_mod(db, user, community)
    form = await read_form(request)
    action = str(form.get("action", ""))
    if action not in _POST_ACTIONS:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Unknown moderation action.")
    reason = str(form.get("reason", "")).strip()[:MAX_REASON]
    log_name, message = _POST_ACTIONS[action]
    if action == "remove":
        post.is_removed, post.removed_reason = True, reason or None
    elif action == "restore":
        post.is_removed, post.removed_reason = False, None
    elif action in ("lock", "unlock"):
        post.is_locked = action == "lock"
    else:
        post.is_pinned = action == "pin"
    log_action(
        db,
        community,
        user,
        log_name,
        now(),
        target_user_id=post.author_id,
        post_id=post.id,
        reason=reason,
    )
    db.commit()
    flash(request, message, "success")
    return redirect(back_to(request, f"/posts/{post.id}", form))


@router.post("/comments/{comment_id}/moderate")
async def moderate_comment(
    request: Request, db: DbSession, user: RequireUser, comment_id: int
) -> Response:
    """A moderator removes or restores a comment."""
    comment = comment_or_404(db, comment_id)
    post = comment.post
    community = post.community
    _require_mod(db, user, community)
    form = await read_form(request)
    action = str(form.get("action", ""))
    if action not in ("remove", "restore"):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Unknown moderation action.")
    reason = str(form.get("reason", "")).strip()[:MAX_REASON]
    comment.is_removed = action == "remove"
    comment.removed_reason = (reason or None) if comment.is_removed else None
    log_action(
        db,
        community,
        user,
        f"{action}_comment",
        now(),
        target_user_id=comment.author_id,
        post_id=post.id,
        comment_id=comment.id,
        reason=reason,
    )
    recount_comments(db, post)
    db.commit()
    flash(request, "Comment removed." if comment.is_removed else "Comment restored.", "success")
    return redirect(back_to(request, f"/posts/{post.id}#comment-{comment.id}", form))


def _mod_page(
    request: Request,
    db: Session,
    user: User,
    community: Community,
    errors: FormErrors | None = None,
    values: dict | None = None,
    status_code: int = 200,
) -> Response:
    bans = db.scalars(
        select(Ban)
        .where(Ban.community_id == community.id)
        .order_by(Ban.created_at.desc(), Ban.id.desc())
    ).all()
    users = {
        u.id: u
        for u in db.scalars(
            select(User).where(
                User.id.in_({b.user_id for b in bans} | {b.banned_by_id for b in bans})
            )
        )
    }
    removed_posts = db.scalars(
        select(Post)
        .where(Post.community_id == community.id, Post.is_removed)
        .order_by(Post.created_at.desc())
        .limit(50)
    ).all()
    removed_comments = db.scalars(
        select(Comment)
        .join(Post, Post.id == Comment.post_id)
        .where(Post.community_id == community.id, Comment.is_removed)
        .order_by(Comment.created_at.desc())
        .limit(50)
    ).all()
    return page(
        request,
        db,
        user,
        "forum/mod.html",
        community=community,
        bans=bans,
        users=users,
        removed_posts=removed_posts,
        removed_comments=removed_comments,
        moderators=moderators_of(db, community),
        members=member_count(db, community),
        errors=errors or FormErrors(),
        values=values or {},
        is_mod=True,
        status_code=status_code,
    )


@router.get("/c/{name}/mod")
def mod_tools(request: Request, db: DbSession, user: RequireUser, name: str) -> Response:
    """Moderator tools: bans, removed content, moderators."""
    community = community_or_404(db, name)
    _require_mod(db, user, community)
    return _mod_page(request, db, user, community)


@router.post("/c/{name}/bans")
async def ban_user(request: Request, db: DbSession, user: RequireUser, name: str) -> Response:
    """Ban a member from the community (``days`` empty or 0: permanent)."""
    community = community_or_404(db, name)
    _require_mod(db, user, community)
    form = await read_form(request)
    values = {k: str(form.get(k, "")) for k in ("username", "reason", "days")}
    errors = FormErrors()
    username = (
        errors.need("username", values["username"], "Username", 64).lower().removeprefix("u/")
    )
    reason = errors.need("reason", values["reason"], "Reason", MAX_REASON)
    days_raw = values["days"].strip()
    days = None
    if days_raw and days_raw != "0":
        if not days_raw.isdigit() or not 1 <= int(days_raw) <= 3650:
            errors["days"] = (
                "Enter a number of days from 1 to 3650, or leave empty for a permanent ban."
            )
        else:
            days = int(days_raw)
    target = db.scalar(select(User).where(User.username == username)) if username else None
    if username and "username" not in errors:
        if target is None:
            errors["username"] = f"There is no member called u/{username[:40]}."
        elif target.id == user.id:
            errors["username"] = "You cannot ban yourself."
        elif is_moderator(db, target, community):
            errors["username"] = (
                f"u/{target.username} is a moderator of c/{community.name} and cannot be banned."
            )
    if errors or target is None:
        return _mod_page(request, db, user, community, errors, values, status.HTTP_400_BAD_REQUEST)
    when = now()
    ban = db.scalar(select(Ban).where(Ban.community_id == community.id, Ban.user_id == target.id))
    if ban is None:
        ban = Ban(
            community_id=community.id,
            user_id=target.id,
            banned_by_id=user.id,
            reason=reason,
            created_at=when,
        )
        db.add(ban)
    ban.banned_by_id, ban.reason, ban.created_at = user.id, reason, when
    ban.expires_at = when + timedelta(days=days) if days else None
    log_action(
        db,
        community,
        user,
        "ban_user",
        when,
        target_user_id=target.id,
        reason=reason + (f" ({days} days)" if days else " (permanent)"),
    )
    db.commit()
    flash(
        request,
        f"u/{target.username} is banned from c/{community.name}"
        + (f" for {days} days." if days else " permanently."),
        "success",
    )
    return redirect(f"/c/{community.name}/mod")


@router.post("/c/{name}/bans/{ban_id}/lift")
async def lift_ban(
    request: Request, db: DbSession, user: RequireUser, name: str, ban_id: int
) -> Response:
    """Lift a ban."""
    community = community_or_404(db, name)
    _require_mod(db, user, community)
    ban = db.get(Ban, ban_id)
    if ban is None or ban.community_id != community.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "That ban does not exist.")
    target = db.get(User, ban.user_id)
    db.delete(ban)
    log_action(db, community, user, "unban_user", now(), target_user_id=ban.user_id)
    db.commit()
    flash(
        request,
        f"u/{target.username if target else '?'} can take part in c/{community.name} again.",
        "success",
    )
    return redirect(f"/c/{community.name}/mod")


@router.post("/c/{name}/moderators")
async def add_moderator(request: Request, db: DbSession, user: RequireUser, name: str) -> Response:
    """Make a member a moderator of the community."""
    community = community_or_404(db, name)
    _require_mod(db, user, community)
    form = await read_form(request)
    errors = FormErrors()
    username = (
        errors.need("mod_username", str(form.get("mod_username", "")), "Username", 64)
        .lower()
        .removeprefix("u/")
    )
    target = db.scalar(select(User).where(User.username == username)) if username else None
    if username and target is None:
        errors["mod_username"] = f"There is no member called u/{username[:40]}."
    elif target is not None and db.scalar(
        select(Moderator.id).where(
            Moderator.community_id == community.id, Moderator.user_id == target.id
        )
    ):
        errors["mod_username"] = f"u/{target.username} is already a moderator."
    if errors or target is None:
        return _mod_page(
            request,
            db,
            user,
            community,
            errors,
            {"mod_username": username},
            status.HTTP_400_BAD_REQUEST,
        )
    db.add(Moderator(community_id=community.id, user_id=target.id, added_at=now()))
    log_action(db, community, user, "add_moderator", now(), target_user_id=target.id)
    db.commit()
    flash(request, f"u/{target.username} is now a moderator of c/{community.name}.", "success")
    return redirect(f"/c/{community.name}/mod")


@router.get("/c/{name}/modlog")
def mod_log(
    request: Request, db: DbSession, user: CurrentUser, name: str, action: str = ""
) -> Response:
    """The community's public moderation log, newest first (filter by ``action``)."""
    community = community_or_404(db, name)
    stmt = select(ModAction).where(ModAction.community_id == community.id)
    if action in MOD_ACTIONS:
        stmt = stmt.where(ModAction.action == action)
    stmt = stmt.order_by(ModAction.created_at.desc(), ModAction.id.desc())
    entries = paginate(db, stmt, request.query_params.get("page"), per_page=PER_PAGE)
    return page(
        request,
        db,
        user,
        "forum/modlog.html",
        community=community,
        entries=entries,
        action=action if action in MOD_ACTIONS else "",
        actions=MOD_ACTIONS,
        moderators=moderators_of(db, community),
        members=member_count(db, community),
        is_mod=is_moderator(db, user, community),
    )
