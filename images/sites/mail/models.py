"""The mail site's tables: users, folders, messages, per-mailbox copies, labels, contacts, filters.

A sent message is stored once (``messages`` + ``recipients`` + ``attachments``); every mailbox
that holds it (the sender's Sent folder, each recipient's Inbox) has its own ``mailbox_items``
row with the folder, read and star flags, and labels. Tasks query these tables directly, so the
names stay plain and stable.
"""

from __future__ import annotations

from datetime import datetime

from guigym.images.sites.kit import UserMixin
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "User",
    "Folder",
    "Message",
    "Recipient",
    "Attachment",
    "MailboxItem",
    "Label",
    "Contact",
    "Filter",
    "SYSTEM_FOLDERS",
    "FILTER_FIELDS",
    "FILTER_ACTIONS",
]

#: System folders every mailbox has, in sidebar order: (kind, display name).
SYSTEM_FOLDERS: tuple[tuple[str, str], ...] = (
    ("inbox", "Inbox"),
    ("sent", "Sent"),
    ("drafts", "Drafts"),
    ("archive", "Archive"),
    ("trash", "Trash"),
)
#: What a filter can look at, and what it can do (value -> label shown in the form).
FILTER_FIELDS: dict[str, str] = {
    "from": "From",
    "to": "To or Cc",
    "subject": "Subject",
    "body": "Body",
}
FILTER_ACTIONS: dict[str, str] = {
    "move": "Move to folder",
    "label": "Apply label",
    "star": "Star it",
    "mark_read": "Mark as read",
}


class Base(DeclarativeBase):
    """Declarative base of the mail site only (its metadata goes into the SiteSpec)."""


item_labels = Table(
    "item_labels",
    Base.metadata,
    Column("item_id", ForeignKey("mailbox_items.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, Base):
    """One mailbox: ``<username>@mail.test``; people of the shared world plus shop team accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: customer, staff, supplier (people of the world) or service (shared shop mailboxes)
    role: Mapped[str] = mapped_column(String(20), default="customer", server_default="customer")
    company: Mapped[str | None] = mapped_column(String(120), default=None)
    signature: Mapped[str] = mapped_column(Text, default="", server_default="")


class Folder(Base):
    """A folder of one mailbox; ``kind`` is a system kind (inbox, sent...) or ``custom``."""

    __tablename__ = "folders"
    __table_args__ = (UniqueConstraint("owner_id", "name", name="uq_folder_owner_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10), default="custom", server_default="custom")
    position: Mapped[int] = mapped_column(Integer, default=100, server_default="100")

    @property
    def slug(self) -> str:
        """URL segment: the kind for system folders, the id for user folders."""
        return self.kind if self.kind != "custom" else str(self.id)


class Message(Base):
    """A message as written once; drafts have ``is_draft`` set and no ``sent_at``."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(Integer, index=True)
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), default=None)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    sender: Mapped[str] = mapped_column(String(200))  # address, e.g. anna.berg@mail.test
    sender_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    subject: Mapped[str] = mapped_column(String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    is_draft: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    recipients: Mapped[list[Recipient]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="Recipient.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="Attachment.id"
    )

    def addresses(self, kind: str) -> list[Recipient]:
        """Recipients of one kind (``to``, ``cc`` or ``bcc``)."""
        return [r for r in self.recipients if r.kind == kind]


class Recipient(Base):
    """One To/Cc/Bcc address of a message (``user_id`` set: a mailbox of this site)."""

    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(3), default="to", server_default="to")
    address: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    message: Mapped[Message] = relationship(back_populates="recipients")

    def display(self) -> str:
        """``Name <address>`` or just the address."""
        return f"{self.name} <{self.address}>" if self.name else self.address


class Attachment(Base):
    """A file attached to a message; the bytes live in the database."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(
        String(100), default="application/octet-stream", server_default="application/octet-stream"
    )
    size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    message: Mapped[Message] = relationship(back_populates="attachments")


class MailboxItem(Base):
    """A message as it sits in one mailbox: its folder there, read and star flags, labels."""

    __tablename__ = "mailbox_items"
    __table_args__ = (Index("ix_items_owner_folder", "owner_id", "folder_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[int] = mapped_column(ForeignKey("folders.id"))
    is_read: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    is_starred: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    message: Mapped[Message] = relationship()
    folder: Mapped[Folder] = relationship()
    labels: Mapped[list[Label]] = relationship(secondary=item_labels, order_by="Label.name")


class Label(Base):
    """A coloured tag of one mailbox, applied to items."""

    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("owner_id", "name", name="uq_label_owner_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    color: Mapped[str] = mapped_column(String(7), default="#5b6b7f", server_default="#5b6b7f")


class Contact(Base):
    """An entry of one user's address book."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    company: Mapped[str] = mapped_column(String(120), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class Filter(Base):
    """A rule applied to new incoming mail: if ``field`` contains ``value``, do ``action``."""

    __tablename__ = "filters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    field: Mapped[str] = mapped_column(String(10))  # see FILTER_FIELDS
    value: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))  # see FILTER_ACTIONS
    folder_id: Mapped[int | None] = mapped_column(ForeignKey("folders.id"), default=None)
    label_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"), default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    folder: Mapped[Folder | None] = relationship()
    label: Mapped[Label | None] = relationship()
