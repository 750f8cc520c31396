"""Mailbox operations shared by the routes and the seed: folders, delivery, filters, moves.

Routes never write mail rows by hand; they call these functions, so a message sent from the
compose page and a seeded message follow the same rules (the sender gets a Sent copy, every
recipient with a mailbox here gets an Inbox copy, the recipient's active filters run on it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import (
    SYSTEM_FOLDERS,
    Attachment,
    Filter,
    Folder,
    MailboxItem,
    Message,
    Recipient,
    User,
)

__all__ = [
    "DOMAIN",
    "AddressError",
    "NewAttachment",
    "address_of",
    "create_system_folders",
    "system_folder",
    "folder_by_slug",
    "parse_address_list",
    "resolve_recipients",
    "send_message",
    "save_draft",
    "apply_filters",
    "move_item",
    "item_for_message",
    "unread_counts",
]

DOMAIN = "mail.test"
_ADDRESS_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_NAMED_RE = re.compile(r"^\s*\"?([^\"<]*?)\"?\s*<([^<>]+)>\s*$")


class AddressError(ValueError):
    """A recipient field could not be parsed or names an unknown mailbox (message for the page)."""


@dataclass(frozen=True)
class NewAttachment:
    """A file to attach: name, MIME type and bytes."""

    filename: str
    content_type: str
    data: bytes


def address_of(username: str) -> str:
    """The mailbox address of a username."""
    return f"{username}@{DOMAIN}"


def create_system_folders(session: Session, user: User) -> dict[str, Folder]:
    """Give a new mailbox its Inbox, Sent, Drafts, Archive and Trash."""
    folders = {}
    for position, (kind, name) in enumerate(SYSTEM_FOLDERS):
        folder = Folder(owner_id=user.id, name=name, kind=kind, position=position)
        session.add(folder)
        folders[kind] = folder
    session.flush()
    return folders


def system_folder(session: Session, owner_id: int, kind: str) -> Folder:
    """One of a mailbox's system folders (they always exist and never change: cached per
    session)."""
    cache = session.info.setdefault("mail_system_folders", {})
    folder = cache.get((owner_id, kind))
    if folder is None:
        folder = session.scalars(
            select(Folder).where(Folder.owner_id == owner_id, Folder.kind == kind)
        ).one()
        cache[(owner_id, kind)] = folder
    return folder


def _active_filters(session: Session, owner_id: int) -> list[Filter]:
    cache = session.info.get("mail_filter_cache")  # set by the seed only: its filters are fixed
    if cache is not None and owner_id in cache:
        return cache[owner_id]
    rules = list(
        session.scalars(
            select(Filter)
            .where(Filter.owner_id == owner_id, Filter.is_active.is_(True))
            .order_by(Filter.position, Filter.id)
        )
    )
    if cache is not None:
        cache[owner_id] = rules
    return rules


def folder_by_slug(session: Session, owner_id: int, slug: str) -> Folder | None:
    """The folder a URL names: a system kind (``inbox``) or a user folder's id; None if not ours."""
    if slug.isdigit():
        folder = session.get(Folder, int(slug))
        return folder if folder is not None and folder.owner_id == owner_id else None
    if slug in dict(SYSTEM_FOLDERS):
        return system_folder(session, owner_id, slug)
    return None


def parse_address_list(text: str) -> list[tuple[str, str]]:
    """Split ``"Ann <ann@mail.test>, bo@mail.test"`` into (name, address) pairs.

    Raises AddressError naming the first piece that is not an address.
    """
    pairs: list[tuple[str, str]] = []
    for piece in re.split(r"[,;\n]", text or ""):
        piece = piece.strip()
        if not piece:
            continue
        named = _NAMED_RE.match(piece)
        name, address = (named.group(1).strip(), named.group(2).strip()) if named else ("", piece)
        if not _ADDRESS_RE.match(address):
            raise AddressError(f'"{piece}" is not an email address (expected name@{DOMAIN}).')
        pairs.append((name, address.lower()))
    return pairs


def resolve_recipients(session: Session, fields: dict[str, str]) -> list[tuple[str, str, User]]:
    """Parse the To/Cc/Bcc fields into (kind, address, user) triples; every address must exist.

    Raises AddressError with a message for the page: no recipients, a malformed address, or an
    address with no mailbox on this server.
    """
    resolved: list[tuple[str, str, User]] = []
    seen: set[tuple[str, str]] = set()
    unknown: list[str] = []
    for kind in ("to", "cc", "bcc"):
        for _name, address in parse_address_list(fields.get(kind, "")):
            user = session.scalars(select(User).where(func.lower(User.email) == address)).first()
            if user is None:
                unknown.append(address)
                continue
            if (kind, address) not in seen:
                seen.add((kind, address))
                resolved.append((kind, address, user))
    if unknown:
        listed = ", ".join(unknown)
        raise AddressError(
            f"No mailbox exists for {listed}. Check the spelling or pick a contact from the list."
        )
    if not resolved:
        raise AddressError("Add at least one recipient in To, Cc or Bcc.")
    return resolved


def _set_recipients(message: Message, recipients: Sequence[tuple[str, str, User]]) -> None:
    message.recipients.clear()
    for kind, address, user in recipients:
        message.recipients.append(
            Recipient(kind=kind, address=address, name=user.display_name, user_id=user.id)
        )


def save_draft(
    session: Session,
    sender: User,
    *,
    recipients_text: dict[str, str],
    subject: str,
    body: str,
    now: datetime,
    attachments: Iterable[NewAttachment] = (),
    draft: Message | None = None,
    thread_id: int | None = None,
    in_reply_to_id: int | None = None,
) -> Message:
    """Create or update a draft in the sender's Drafts folder (recipients may be incomplete)."""
    if draft is None:
        draft = Message(
            sender_id=sender.id,
            sender=sender.email,
            sender_name=sender.display_name,
            thread_id=0,
            created_at=now,
            is_draft=True,
            in_reply_to_id=in_reply_to_id,
        )
        session.add(draft)
        session.flush()
        draft.thread_id = thread_id or draft.id
        drafts = system_folder(session, sender.id, "drafts")
        session.add(
            MailboxItem(
                owner_id=sender.id,
                message_id=draft.id,
                folder_id=drafts.id,
                is_read=True,
                received_at=now,
            )
        )
    draft.subject = subject
    draft.body = body
    draft.created_at = now
    draft.recipients.clear()
    session.flush()
    for kind in ("to", "cc", "bcc"):
        try:
            pairs = parse_address_list(recipients_text.get(kind, ""))
        except AddressError:
            pairs = []  # a draft keeps what parses; the rest is reported when sending
        for name, address in pairs:
            user = session.scalars(select(User).where(func.lower(User.email) == address)).first()
            draft.recipients.append(
                Recipient(
                    kind=kind,
                    address=address,
                    name=user.display_name if user else name,
                    user_id=user.id if user else None,
                )
            )
    for new in attachments:
        draft.attachments.append(_attachment(new))
    item = item_for_message(session, sender.id, draft.id)
    if item is not None:
        item.received_at = now
    session.flush()
    return draft


def _attachment(new: NewAttachment) -> Attachment:
    return Attachment(
        filename=new.filename,
        content_type=new.content_type or "application/octet-stream",
        size=len(new.data),
        data=new.data,
    )


def send_message(
    session: Session,
    sender: User,
    recipients: Sequence[tuple[str, str, User]],
    *,
    subject: str,
    body: str,
    now: datetime,
    attachments: Iterable[NewAttachment] = (),
    draft: Message | None = None,
    thread_id: int | None = None,
    in_reply_to_id: int | None = None,
    sender_read: bool = True,
    recipient_read: bool | Callable[[User], bool] = False,
) -> Message:
    """Send a message: a Sent copy for the sender and an Inbox copy (filters applied) per user.

    ``draft`` turns an existing draft into the sent message (its item moves to Sent). Each user
    gets one copy however many of To/Cc/Bcc name them; Bcc recipients are stored but only shown
    to the sender.
    """
    if draft is None:
        message = Message(
            sender_id=sender.id,
            sender=sender.email,
            sender_name=sender.display_name,
            thread_id=0,
            created_at=now,
            in_reply_to_id=in_reply_to_id,
        )
        session.add(message)
        session.flush()
        message.thread_id = thread_id or message.id
    else:
        message = draft
        if in_reply_to_id is not None:
            message.in_reply_to_id = in_reply_to_id
    message.is_draft = False
    message.sent_at = now
    message.subject = subject
    message.body = body
    _set_recipients(message, recipients)
    for new in attachments:
        message.attachments.append(_attachment(new))
    session.flush()

    sent = system_folder(session, sender.id, "sent")
    own = item_for_message(session, sender.id, message.id) if draft is not None else None
    if own is None:
        own = MailboxItem(owner_id=sender.id, message_id=message.id, folder_id=sent.id)
        session.add(own)
    own.folder_id = sent.id
    own.is_read = sender_read
    own.received_at = now

    delivered: set[int] = set()
    for _kind, _address, user in recipients:
        if user.id in delivered:
            continue
        delivered.add(user.id)
        inbox = system_folder(session, user.id, "inbox")
        is_read = recipient_read(user) if callable(recipient_read) else bool(recipient_read)
        item = MailboxItem(
            owner_id=user.id,
            message_id=message.id,
            folder_id=inbox.id,
            is_read=is_read,
            received_at=now,
        )
        session.add(item)
        apply_filters(session, item, message)
    session.flush()
    return message


def _field_text(message: Message, field: str) -> str:
    if field == "from":
        return f"{message.sender_name} {message.sender}"
    if field == "to":
        return " ".join(f"{r.name} {r.address}" for r in message.recipients if r.kind != "bcc")
    if field == "subject":
        return message.subject
    return message.body


def apply_filters(session: Session, item: MailboxItem, message: Message) -> list[Filter]:
    """Run the owner's active filters, in order, on a newly delivered item; returns the hits."""
    rules = _active_filters(session, item.owner_id)
    hits = []
    for rule in rules:
        needle = rule.value.strip().lower()
        if not needle or needle not in _field_text(message, rule.field).lower():
            continue
        hits.append(rule)
        if rule.action == "move" and rule.folder_id is not None:
            item.folder_id = rule.folder_id
        elif rule.action == "label" and rule.label is not None:
            if rule.label not in item.labels:
                item.labels.append(rule.label)
                session.flush()  # one link row per flush: insertion order stays deterministic
        elif rule.action == "star":
            item.is_starred = True
        elif rule.action == "mark_read":
            item.is_read = True
    return hits


def move_item(session: Session, item: MailboxItem, kind_or_folder: str | Folder) -> None:
    """Move an item to a system folder (by kind) or to a given folder of the same mailbox."""
    if isinstance(kind_or_folder, Folder):
        folder = kind_or_folder
    else:
        folder = system_folder(session, item.owner_id, kind_or_folder)
    if folder.owner_id != item.owner_id:
        raise ValueError("folder belongs to another mailbox")
    item.folder_id = folder.id


def item_for_message(session: Session, owner_id: int, message_id: int) -> MailboxItem | None:
    """The owner's copy of a message, or None if it is not in their mailbox."""
    return session.scalars(
        select(MailboxItem)
        .where(MailboxItem.owner_id == owner_id, MailboxItem.message_id == message_id)
        .order_by(MailboxItem.id)
    ).first()


def unread_counts(session: Session, owner_id: int) -> dict[int, int]:
    """Unread items per folder id of one mailbox."""
    rows = session.execute(
        select(MailboxItem.folder_id, func.count())
        .where(MailboxItem.owner_id == owner_id, MailboxItem.is_read.is_(False))
        .group_by(MailboxItem.folder_id)
    ).all()
    return {folder_id: count for folder_id, count in rows}
