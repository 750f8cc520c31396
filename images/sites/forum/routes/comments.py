"""Comments and votes: commenting and replying, up/down votes on posts and comments (toggle),
editing and deleting your own comments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import JSONResponse, Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, now, redirect

from ..models import Comment, CommentVote
from ..services import can_participate, is_moderator, recount_comments, vote_comment, vote_post
from ._common import (
    MAX_COMMENT,
    FormErrors,
    back_to,
    comment_or_404,
    page,
    post_or_404,
    read_form,
    require_owner,
)
from .posts import show_thread

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.post("/posts/{post_id}/comments")
async def add_comment(request: Request, db: DbSession, user: RequireUser, post_id: int) -> Response:
    """Comment on a post, or reply to a comment (``parent_id``)."""
    post = post_or_404(db, post_id)
    form = await read_form(request)
    errors = FormErrors()
    body = errors.need("body", str(form.get("body", "")), "Comment", MAX_COMMENT)
    parent = None
    parent_raw = str(form.get("parent_id", "") or "").strip()
    if parent_raw:
        parent = db.get(Comment, int(parent_raw)) if parent_raw.isdigit() else None
        if parent is None or parent.post_id != post.id:
            errors["body"] = "The comment you are replying to does not exist in this thread."
        elif parent.is_removed or parent.is_deleted:
            errors["body"] = "You cannot reply to a removed or deleted comment."
    mod = is_moderator(db, user, post.community)
    if post.is_removed or post.is_deleted:
        errors["body"] = "This post was removed; comments are closed."
    elif post.is_locked and not mod:
        errors["body"] = "This thread is locked: new comments are not allowed."
    elif why := can_participate(db, user, post.community, now()):
        errors["body"] = why
    if errors:
        return show_thread(
            request,
            db,
            user,
            post,
            errors=errors,
            draft=body,
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    comment = Comment(
        post_id=post.id,
        parent_id=parent.id if parent else None,
        author_id=user.id,
        body=body,
        depth=parent.depth + 1 if parent else 0,
        created_at=now(),
        score=1,
        upvotes=1,
        downvotes=0,
    )
    db.add(comment)
    db.flush()
    db.add(
        CommentVote(user_id=user.id, comment_id=comment.id, value=1, created_at=comment.created_at)
    )
    recount_comments(db, post)
    db.commit()
    flash(request, "Comment posted.", "success")
    return redirect(f"/posts/{post.id}#comment-{comment.id}")


def _vote_value(form: dict[str, Any]) -> int:
    value = str(form.get("dir", "")).strip()
    if value not in ("up", "down"):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "A vote must be 'up' or 'down'.")
    return 1 if value == "up" else -1


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


@router.post("/posts/{post_id}/vote")
async def vote_on_post(
    request: Request, db: DbSession, user: RequireUser, post_id: int
) -> Response:
    """Upvote or downvote a post; the same vote again takes it back."""
    post = post_or_404(db, post_id)
    form = await read_form(request)
    value = _vote_value(form)
    if post.is_removed or post.is_deleted:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Voting is closed on this post.")
    if why := can_participate(db, user, post.community, now()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, why)
    mine = vote_post(db, user, post, value, now())
    db.commit()
    if _wants_json(request):
        return JSONResponse({"score": post.score, "vote": mine})
    return redirect(back_to(request, f"/posts/{post.id}", form))


@router.post("/comments/{comment_id}/vote")
async def vote_on_comment(
    request: Request, db: DbSession, user: RequireUser, comment_id: int
) -> Response:
    """Upvote or downvote a comment; the same vote again takes it back."""
    comment = comment_or_404(db, comment_id)
    form = await read_form(request)
    value = _vote_value(form)
    post = comment.post
    if comment.is_removed or comment.is_deleted or post.is_removed:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Voting is closed on this comment.")
    if why := can_participate(db, user, post.community, now()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, why)
    mine = vote_comment(db, user, comment, value, now())
    db.commit()
    if _wants_json(request):
        return JSONResponse({"score": comment.score, "vote": mine})
    return redirect(back_to(request, f"/posts/{post.id}#comment-{comment.id}", form))


@router.get("/comments/{comment_id}/edit")
def edit_comment_form(
    request: Request, db: DbSession, user: RequireUser, comment_id: int
) -> Response:
    """Edit your own comment."""
    comment = comment_or_404(db, comment_id)
    require_owner(user, comment.author_id, "comments")
    back = f"/posts/{comment.post_id}#comment-{comment.id}"
    return page(
        request,
        db,
        user,
        "forum/edit.html",
        target=comment,
        what="comment",
        body=comment.body,
        errors=FormErrors(),
        action=f"/comments/{comment.id}/edit",
        cancel=back,
    )


@router.post("/comments/{comment_id}/edit")
async def edit_comment(
    request: Request, db: DbSession, user: RequireUser, comment_id: int
) -> Response:
    """Save the new text of your comment."""
    comment = comment_or_404(db, comment_id)
    require_owner(user, comment.author_id, "comments")
    form = await read_form(request)
    errors = FormErrors()
    body = errors.need("body", str(form.get("body", "")), "Comment", MAX_COMMENT)
    if comment.is_deleted or comment.is_removed:
        errors["body"] = "A removed or deleted comment cannot be edited."
    back = f"/posts/{comment.post_id}#comment-{comment.id}"
    if errors:
        return page(
            request,
            db,
            user,
            "forum/edit.html",
            target=comment,
            what="comment",
            body=body,
            errors=errors,
            action=f"/comments/{comment.id}/edit",
            cancel=back,
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    comment.body, comment.edited_at = body, now()
    db.commit()
    flash(request, "Comment updated.", "success")
    return redirect(back)


@router.post("/comments/{comment_id}/delete")
async def delete_comment(
    request: Request, db: DbSession, user: RequireUser, comment_id: int
) -> Response:
    """Delete your own comment (replies stay)."""
    comment = comment_or_404(db, comment_id)
    require_owner(user, comment.author_id, "comments")
    comment.is_deleted = True
    recount_comments(db, comment.post)
    db.commit()
    flash(request, "Comment deleted.", "success")
    return redirect(f"/posts/{comment.post_id}")
