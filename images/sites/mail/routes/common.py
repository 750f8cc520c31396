"""What every mail page shares: the sidebar (folders with unread counts, labels), lookups that
404 for anything outside the current user's mailbox, and the message-list query."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse
from guigym.images.sites.kit import now as kit_now
from guigym.images.sites.kit import render
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..mailbox import unread_counts
from ..models import Attachment, Folder, Label, MailboxItem, Message, Recipient, User, item_labels

__all__ = [
    "PER_PAGE",
    "mail_page",
    "sidebar",
    "owned_item",
    "owned_folder",
    "owned_label",
    "list_query",
    "not_found",
    "current_now",
]

PER_PAGE = 25


def current_now() -> datetime:
    """The instance's frozen now (naive UTC)."""
    return kit_now()


def not_found(what: str = "message") -> HTTPException:
    """The 404 for ids that do not exist or belong to another mailbox (same answer for both)."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"That {what} does not exist in your mailbox.")


def sidebar(db: Session, user: User) -> dict[str, Any]:
    """Folders (system first) with unread counts, labels, the starred count."""
    folders = db.scalars(
        select(Folder).where(Folder.owner_id == user.id).order_by(Folder.position, Folder.name)
    ).all()
    counts = unread_counts(db, user.id)
    drafts = db.scalar(
        select(func.count())
        .select_from(MailboxItem)
        .join(Folder, Folder.id == MailboxItem.folder_id)
        .where(MailboxItem.owner_id == user.id, Folder.kind == "drafts")
    )
    labels = db.scalars(select(Label).where(Label.owner_id == user.id).order_by(Label.name)).all()
    return {
        "folders": folders,
        "system_folders": [f for f in folders if f.kind != "custom"],
        "user_folders": [f for f in folders if f.kind == "custom"],
        "unread": counts,
        "draft_count": drafts or 0,
        "labels": labels,
    }


def mail_page(
    request: Request, db: Session, user: User, template: str, **context: Any
) -> HTMLResponse:
    """Render a page of the mail layout (the sidebar comes along)."""
    return render(request, template, nav=sidebar(db, user), **context)


def owned_item(db: Session, user: User, message_id: int) -> MailboxItem:
    """The user's copy of message ``message_id``, or 404 (also for other users' messages)."""
    item = db.scalars(
        select(MailboxItem)
        .where(MailboxItem.owner_id == user.id, MailboxItem.message_id == message_id)
        .options(
            selectinload(MailboxItem.message).selectinload(Message.recipients),
            selectinload(MailboxItem.message).selectinload(Message.attachments),
            selectinload(MailboxItem.labels),
        )
        .order_by(MailboxItem.id)
    ).first()
    if item is None:
        raise not_found()
    return item


def owned_folder(db: Session, user: User, folder_id: int) -> Folder:
    """One of the user's folders by id, or 404."""
    folder = db.get(Folder, folder_id)
    if folder is None or folder.owner_id != user.id:
        raise not_found("folder")
    return folder


def owned_label(db: Session, user: User, label_id: int) -> Label:
    """One of the user's labels by id, or 404."""
    label = db.get(Label, label_id)
    if label is None or label.owner_id != user.id:
        raise not_found("label")
    return label


def list_query(
    user: User,
    *,
    folder: Folder | None = None,
    starred: bool = False,
    label: Label | None = None,
    text: str = "",
    sender: str = "",
    recipient: str = "",
    subject: str = "",
    after: datetime | None = None,
    before: datetime | None = None,
    unread_only: bool = False,
    with_attachments: bool = False,
    exclude_trash_ids: list[int] | None = None,
) -> Select[Any]:
    """Items of the user's mailbox matching the criteria, newest first."""
    stmt = (
        select(MailboxItem)
        .join(Message, Message.id == MailboxItem.message_id)
        .where(MailboxItem.owner_id == user.id)
        .options(
            selectinload(MailboxItem.message).selectinload(Message.recipients),
            selectinload(MailboxItem.message).selectinload(Message.attachments),
            selectinload(MailboxItem.labels),
            selectinload(MailboxItem.folder),
        )
    )
    if folder is not None:
        stmt = stmt.where(MailboxItem.folder_id == folder.id)
    if exclude_trash_ids:
        stmt = stmt.where(MailboxItem.folder_id.not_in(exclude_trash_ids))
    if starred:
        stmt = stmt.where(MailboxItem.is_starred.is_(True))
    if label is not None:
        stmt = stmt.where(
            exists().where(
                item_labels.c.item_id == MailboxItem.id, item_labels.c.label_id == label.id
            )
        )
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(
                Message.subject.ilike(like),
                Message.body.ilike(like),
                Message.sender.ilike(like),
                Message.sender_name.ilike(like),
                exists().where(
                    Attachment.message_id == Message.id, Attachment.filename.ilike(like)
                ),
            )
        )
    if sender:
        like = f"%{sender}%"
        stmt = stmt.where(or_(Message.sender.ilike(like), Message.sender_name.ilike(like)))
    if recipient:
        like = f"%{recipient}%"
        stmt = stmt.where(
            exists().where(
                Recipient.message_id == Message.id,
                Recipient.kind != "bcc",
                or_(Recipient.address.ilike(like), Recipient.name.ilike(like)),
            )
        )
    if subject:
        stmt = stmt.where(Message.subject.ilike(f"%{subject}%"))
    if after is not None:
        stmt = stmt.where(MailboxItem.received_at >= after)
    if before is not None:
        stmt = stmt.where(MailboxItem.received_at < before)
    if unread_only:
        stmt = stmt.where(MailboxItem.is_read.is_(False))
    if with_attachments:
        stmt = stmt.where(exists().where(Attachment.message_id == Message.id))
    return stmt.order_by(MailboxItem.received_at.desc(), MailboxItem.id.desc())
