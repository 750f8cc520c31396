"""Posts: reading a thread, submitting text/link/image posts, editing and deleting your own."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
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
from sqlalchemy.orm import Session

from ..images import MAX_IMAGE_BYTES, UPLOAD_TYPES, sniff_image
from ..models import Community, Image, Post, User
from ..services import (
    COMMENT_SORTS,
    can_participate,
    comment_tree,
    is_moderator,
    refresh_post,
)
from ._common import (
    MAX_BODY,
    MAX_TITLE,
    FormErrors,
    comment_or_404,
    comment_votes_of,
    community_or_404,
    member_count,
    moderators_of,
    page,
    post_or_404,
    post_votes_of,
    read_form,
    require_owner,
)

__all__ = ["router", "show_thread"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _thread_context(db: Session, user: User | None, post: Post, sort: str) -> dict[str, Any]:
    tree = comment_tree(db, post, sort)
    ids: list[int] = []
    stack = list(tree)
    while stack:
        node = stack.pop()
        ids.append(node.comment.id)
        stack.extend(node.children)
    return {
        "tree": tree,
        "comment_sort": sort,
        "comment_sorts": COMMENT_SORTS,
        "comment_votes": comment_votes_of(db, user, ids),
        "votes": post_votes_of(db, user, [post.id]),
    }


def show_thread(
    request: Request,
    db: Session,
    user: User | None,
    post: Post,
    *,
    sort: str = "top",
    errors: FormErrors | None = None,
    draft: str = "",
    status_code: int = 200,
) -> Response:
    community = post.community
    mod = is_moderator(db, user, community)
    blocked = can_participate(db, user, community, now()) if user else None
    context = _thread_context(db, user, post, sort if sort in COMMENT_SORTS else "top")
    return page(
        request,
        db,
        user,
        "forum/post.html",
        post=post,
        community=community,
        is_mod=mod,
        blocked=blocked,
        errors=errors or FormErrors(),
        draft=draft,
        moderators=moderators_of(db, community),
        members=member_count(db, community),
        status_code=status_code,
        **context,
    )


@router.get("/posts/{post_id}")
def show_post(
    request: Request, db: DbSession, user: CurrentUser, post_id: int, sort: str = "top"
) -> Response:
    """A post with its threaded comments."""
    return show_thread(request, db, user, post_or_404(db, post_id), sort=sort)


@router.get("/comments/{comment_id}")
def show_comment(db: DbSession, comment_id: int) -> Response:
    """A permalink to a comment: its place in the thread."""
    comment = comment_or_404(db, comment_id)
    return redirect(f"/posts/{comment.post_id}#comment-{comment.id}", status.HTTP_302_FOUND)


def _postable(db: Session, user: User) -> list[Community]:
    """Communities the member can post in (restricted ones only as a moderator)."""
    out = []
    for c in db.scalars(select(Community).order_by(Community.name)):
        if c.restricted and not is_moderator(db, user, c):
            continue
        if can_participate(db, user, c, now()):
            continue
        out.append(c)
    return out


def _submit_page(
    request: Request,
    db: Session,
    user: User,
    values: dict[str, Any],
    errors: FormErrors,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        db,
        user,
        "forum/submit.html",
        values=values,
        errors=errors,
        choices=_postable(db, user),
        status_code=status_code,
    )


@router.get("/submit")
def submit_form(
    request: Request, db: DbSession, user: RequireUser, community: str = "", kind: str = "text"
) -> Response:
    """The new-post form (``?community=name`` preselects one)."""
    values = {
        "community": community.strip().lower(),
        "kind": kind if kind in ("text", "link", "image") else "text",
    }
    return _submit_page(request, db, user, values, FormErrors())


@router.get("/c/{name}/submit")
def submit_in(db: DbSession, name: str) -> Response:
    """Shortcut: the new-post form for one community."""
    item = community_or_404(db, name)
    return redirect(f"/submit?community={item.name}", status.HTTP_302_FOUND)


@router.post("/submit")
async def submit(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Create a text, link or image post."""
    form = await read_form(request)
    errors = FormErrors()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    values = {k: text.get(k, "") for k in ("community", "kind", "title", "body", "url")}
    kind = values["kind"] if values["kind"] in ("text", "link", "image") else "text"
    values["kind"] = kind
    community = None
    name = values["community"].strip().lower()
    if not name:
        errors["community"] = "Choose a community."
    else:
        community = db.scalar(select(Community).where(Community.name == name))
        if community is None:
            errors["community"] = f"There is no community called c/{name[:40]}."
        elif community.restricted and not is_moderator(db, user, community):
            errors["community"] = f"Only moderators can post in c/{community.name}."
        elif why := can_participate(db, user, community, now()):
            errors["community"] = why
    title = errors.need("title", values["title"], "Title", MAX_TITLE)
    body = errors.optional("body", values["body"], "Text", MAX_BODY)
    url = None
    image_data: bytes | None = None
    content_type = filename = ""
    if kind == "link":
        url = errors.need("url", values["url"], "Link", 500)
        if url and "url" not in errors and not _URL.match(url):
            errors["url"] = "Enter a full web address starting with http:// or https://."
    elif kind == "image":
        upload = form.get("image")
        if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
            errors["image"] = "Choose an image file (PNG, JPEG, GIF or WebP)."
        else:
            image_data = await upload.read(MAX_IMAGE_BYTES + 1)
            filename = (upload.filename or "image")[-200:]
            if len(image_data) > MAX_IMAGE_BYTES:
                errors["image"] = "The image is larger than 2 MB."
            elif not image_data:
                errors["image"] = "The image file is empty."
            else:
                content_type = sniff_image(image_data) or ""
                if content_type not in UPLOAD_TYPES:
                    errors["image"] = "Only PNG, JPEG, GIF and WebP images can be uploaded."
    if errors or community is None:
        return _submit_page(request, db, user, values, errors, status.HTTP_400_BAD_REQUEST)
    when = now()
    image = None
    if image_data is not None:
        image = Image(
            filename=filename,
            content_type=content_type,
            size=len(image_data),
            alt=title[:300],
            data=image_data,
            uploaded_by_id=user.id,
            created_at=when,
        )
        db.add(image)
        db.flush()
    post = Post(
        community_id=community.id,
        author_id=user.id,
        kind=kind,
        title=title,
        body=body,
        url=url,
        image_id=image.id if image else None,
        created_at=when,
        upvotes=1,
        downvotes=0,
        comment_count=0,
    )
    refresh_post(post)
    db.add(post)
    db.flush()
    vote_post_row(db, user, post)
    db.commit()
    flash(request, "Your post is live.", "success")
    return redirect(f"/posts/{post.id}")


def vote_post_row(db: Session, user: User, post: Post) -> None:
    """Authors upvote their own post when they create it (as on Reddit)."""
    from ..models import PostVote

    db.add(PostVote(user_id=user.id, post_id=post.id, value=1, created_at=post.created_at))


@router.get("/posts/{post_id}/edit")
def edit_post_form(request: Request, db: DbSession, user: RequireUser, post_id: int) -> Response:
    """Edit the text of your own post (titles cannot change)."""
    post = post_or_404(db, post_id)
    require_owner(user, post.author_id, "posts")
    return page(
        request,
        db,
        user,
        "forum/edit.html",
        target=post,
        what="post",
        body=post.body,
        errors=FormErrors(),
        action=f"/posts/{post.id}/edit",
        cancel=f"/posts/{post.id}",
    )


@router.post("/posts/{post_id}/edit")
async def edit_post(request: Request, db: DbSession, user: RequireUser, post_id: int) -> Response:
    """Save the new text of your post."""
    post = post_or_404(db, post_id)
    require_owner(user, post.author_id, "posts")
    form = await read_form(request)
    errors = FormErrors()
    body = errors.optional("body", str(form.get("body", "")), "Text", MAX_BODY)
    if post.is_deleted or post.is_removed:
        errors["body"] = "A removed or deleted post cannot be edited."
    if errors:
        return page(
            request,
            db,
            user,
            "forum/edit.html",
            target=post,
            what="post",
            body=body,
            errors=errors,
            action=f"/posts/{post.id}/edit",
            cancel=f"/posts/{post.id}",
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    post.body, post.edited_at = body, now()
    db.commit()
    flash(request, "Post updated.", "success")
    return redirect(f"/posts/{post.id}")


@router.post("/posts/{post_id}/delete")
async def delete_post(request: Request, db: DbSession, user: RequireUser, post_id: int) -> Response:
    """Delete your own post (it shows as [deleted]; comments stay)."""
    post = post_or_404(db, post_id)
    require_owner(user, post.author_id, "posts")
    post.is_deleted = True
    db.commit()
    flash(request, "Post deleted.", "success")
    return redirect(f"/c/{post.community.name}")
