"""Reading a message, acting on it (read, star, move, label, delete), bulk actions, attachments."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, redirect, safe_next
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..mailbox import move_item, system_folder
from ..models import Attachment, Folder, Label, MailboxItem, Message, User
from .common import mail_page, not_found, owned_folder, owned_item

__all__ = ["router", "ACTIONS"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

_SAFE_INLINE = {"image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain", "text/csv"}

#: action value -> past-tense word for the flash message.
ACTIONS = {
    "read": "marked as read",
    "unread": "marked as unread",
    "star": "starred",
    "unstar": "unstarred",
    "archive": "archived",
    "inbox": "moved to Inbox",
    "trash": "moved to Trash",
    "delete": "deleted forever",
    "move": "moved",
}


@router.get("/messages/{message_id}")
def read_message(request: Request, db: DbSession, user: RequireUser, message_id: int) -> Response:
    """Show a message (marks it read) with the rest of its conversation in this mailbox."""
    item = owned_item(db, user, message_id)
    if item.message.is_draft:
        return redirect(f"/compose?draft={item.message_id}")
    unread = db.scalars(  # a message sent to oneself has a Sent and an Inbox copy
        select(MailboxItem).where(
            MailboxItem.owner_id == user.id,
            MailboxItem.message_id == message_id,
            MailboxItem.is_read.is_(False),
        )
    ).all()
    for copy in unread:
        copy.is_read = True
    if unread:
        db.commit()
    thread = db.scalars(
        select(MailboxItem)
        .join(Message, Message.id == MailboxItem.message_id)
        .where(
            MailboxItem.owner_id == user.id,
            Message.thread_id == item.message.thread_id,
            Message.is_draft.is_(False),
            MailboxItem.id != item.id,
        )
        .order_by(Message.sent_at, Message.id)
    ).all()
    folders = db.scalars(
        select(Folder).where(Folder.owner_id == user.id).order_by(Folder.position, Folder.name)
    ).all()
    labels = db.scalars(select(Label).where(Label.owner_id == user.id).order_by(Label.name)).all()
    return mail_page(
        request,
        db,
        user,
        "mail/message.html",
        title=item.message.subject or "(no subject)",
        item=item,
        message=item.message,
        thread=thread,
        all_folders=folders,
        all_labels=labels,
        active=item.folder.slug,
        back=safe_next(request.query_params.get("back"), f"/folders/{item.folder.slug}"),
    )


def _apply(db: Session, user: User, item: MailboxItem, action: str, folder_id: int | None) -> None:
    if action == "read":
        item.is_read = True
    elif action == "unread":
        item.is_read = False
    elif action == "star":
        item.is_starred = True
    elif action == "unstar":
        item.is_starred = False
    elif action == "archive":
        move_item(db, item, "archive")
    elif action == "inbox":
        move_item(db, item, "inbox")
    elif action == "trash":
        move_item(db, item, "trash")
    elif action == "move":
        if folder_id is None:
            raise not_found("folder")
        folder = owned_folder(db, user, folder_id)
        if folder.kind in {"sent", "drafts"}:
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST, f"Messages cannot be moved into {folder.name}."
            )
        move_item(db, item, folder)
    elif action == "delete":
        message_id = item.message_id
        db.delete(item)
        db.flush()
        remaining = db.scalars(
            select(MailboxItem).where(MailboxItem.message_id == message_id)
        ).first()
        if remaining is None:  # nobody holds it any more
            message = db.get(Message, message_id)
            if message is not None:
                db.delete(message)


@router.post("/messages/{message_id}/action")
def message_action(
    request: Request,
    db: DbSession,
    user: RequireUser,
    message_id: int,
    action: str = Form(""),
    folder_id: str = Form(""),
    back: str = Form(""),
) -> Response:
    """One action on one message; Delete in Trash deletes forever, elsewhere it moves to Trash."""
    item = owned_item(db, user, message_id)
    if action not in ACTIONS:
        flash(request, f"Unknown action {action[:30]!r}.", "error")
        return redirect(f"/messages/{message_id}")
    if action == "delete" and item.folder.kind != "trash":
        action = "trash"
    target = int(folder_id) if folder_id.isdigit() else None
    folder_slug = item.folder.slug
    _apply(db, user, item, action, target)
    db.commit()
    word = ACTIONS[action]
    if action == "move":
        word = f"moved to {db.get(Folder, target).name}"
    flash(request, f"Message {word}.", "success")
    if action in {"archive", "inbox", "trash", "delete", "move"}:
        return redirect(safe_next(back, f"/folders/{folder_slug}"))
    return redirect(f"/messages/{message_id}" + (f"?back={quote(back, safe='/')}" if back else ""))


@router.post("/messages/{message_id}/star")
def toggle_star(
    request: Request, db: DbSession, user: RequireUser, message_id: int, back: str = Form("")
) -> Response:
    """The star in a list row: star or unstar, then back to the list."""
    item = owned_item(db, user, message_id)
    item.is_starred = not item.is_starred
    db.commit()
    return redirect(safe_next(back, f"/folders/{item.folder.slug}"))


@router.post("/messages/{message_id}/labels")
async def set_labels(
    request: Request, db: DbSession, user: RequireUser, message_id: int
) -> Response:
    """Replace the message's labels with the checked ones."""
    item = owned_item(db, user, message_id)
    form = await request.form()
    wanted = {int(v) for v in form.getlist("label_id") if isinstance(v, str) and v.isdigit()}
    labels = db.scalars(select(Label).where(Label.owner_id == user.id, Label.id.in_(wanted))).all()
    if len(labels) != len(wanted):
        raise not_found("label")
    item.labels = sorted(labels, key=lambda lab: lab.name)
    db.commit()
    names = ", ".join(lab.name for lab in item.labels) or "none"
    flash(request, f"Labels updated: {names}.", "success")
    return redirect(f"/messages/{message_id}")


@router.post("/messages/bulk")
async def bulk_action(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The list's toolbar: apply one action (or a label) to the checked messages."""
    form = await request.form()
    back = safe_next(str(form.get("back") or ""), "/folders/inbox")
    action = next((str(v) for v in form.getlist("action") if isinstance(v, str) and v), "")
    ids = [int(v) for v in form.getlist("message_id") if isinstance(v, str) and v.isdigit()]
    if not ids:
        flash(request, "Select at least one message first.", "warning")
        return redirect(back)
    folder_id = str(form.get("folder_id") or "")
    label_id = str(form.get("label_id") or "")
    if action.startswith("move:"):
        action, folder_id = "move", action[5:]
    if action.startswith("label:"):
        action, label_id = "label", action[6:]
    if action not in ACTIONS and action != "label":
        flash(request, "Choose what to do with the selected messages.", "warning")
        return redirect(back)
    items = [owned_item(db, user, i) for i in ids]
    if action == "label":
        label = db.get(Label, int(label_id)) if label_id.isdigit() else None
        if label is None or label.owner_id != user.id:
            raise not_found("label")
        for item in items:
            if label not in item.labels:
                item.labels.append(label)
        word = f'labelled "{label.name}"'
    else:
        target = int(folder_id) if folder_id.isdigit() else None
        for item in items:
            act = "trash" if action == "delete" and item.folder.kind != "trash" else action
            _apply(db, user, item, act, target)
        word = (
            ACTIONS[action]
            if action != "move"
            else f"moved to {owned_folder(db, user, target).name}"
        )
    db.commit()
    flash(request, f"{len(items)} message(s) {word}.", "success")
    return redirect(back)


@router.post("/folders/trash/empty")
def empty_trash(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Delete everything in Trash for good."""
    trash = system_folder(db, user.id, "trash")
    items = db.scalars(
        select(MailboxItem).where(
            MailboxItem.owner_id == user.id, MailboxItem.folder_id == trash.id
        )
    ).all()
    for item in items:
        _apply(db, user, item, "delete", None)
    db.commit()
    flash(request, f"Trash emptied ({len(items)} message(s) deleted).", "success")
    return redirect("/folders/trash")


@router.get("/messages/{message_id}/attachments/{attachment_id}")
def download_attachment(
    db: DbSession, user: RequireUser, message_id: int, attachment_id: int, inline: int = 0
) -> Response:
    """The attachment's bytes (only for a message in the user's mailbox)."""
    item = owned_item(db, user, message_id)
    attachment = db.get(Attachment, attachment_id)
    if attachment is None or attachment.message_id != item.message_id:
        raise not_found("attachment")
    # Only types a browser cannot run as a page of this site open inline (no HTML, no SVG).
    disposition = "inline" if inline and attachment.content_type in _SAFE_INLINE else "attachment"
    safe_name = quote(attachment.filename)
    return Response(
        attachment.data,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{safe_name}",
            "X-Content-Type-Options": "nosniff",
        },
    )
