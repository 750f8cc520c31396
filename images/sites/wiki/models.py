"""The wiki's tables. Names are a stable interface: tasks query them with SQL.

A page's current text lives in ``pages.body`` and every saved version in ``revisions`` (the
newest revision always equals the page). Timestamps are naive UTC from the kit's frozen clock.
"""

from __future__ import annotations

from datetime import datetime

from guigym.images.sites.kit import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "User",
    "Group",
    "GroupMember",
    "Space",
    "SpacePermission",
    "Page",
    "Revision",
    "Attachment",
    "PageLabel",
    "PageLink",
    "Watch",
    "Template",
]


class Base(DeclarativeBase):
    """The wiki's own metadata (other sites have a ``users`` table too)."""


class User(UserMixin, Base):
    """A person of the shared world (or the wiki admin)."""

    __tablename__ = "users"

    role: Mapped[str] = mapped_column(String(20), default="customer")  # customer/staff/supplier
    job_title: Mapped[str] = mapped_column(String(80), default="")
    company: Mapped[str] = mapped_column(String(120), default="")


class Group(Base):
    """A named set of users; space permissions are granted to groups (or single users)."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    description: Mapped[str] = mapped_column(String(200), default="")


class GroupMember(Base):
    """``user`` belongs to ``group``."""

    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)


class Space(Base):
    """A top-level area (Customer Service, HR & Policies...) with its own permissions.

    ``is_public``: anyone, signed in or not, may read it. Otherwise only users holding a
    ``space_permissions`` row (directly or through a group) may read; ``can_edit`` rows may
    also write. Site admins may do everything.
    """

    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True, index=True)  # "CS", "HR"
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    home_page_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SpacePermission(Base):
    """Grants a group or a user (exactly one is set) view or view+edit rights on a space."""

    __tablename__ = "space_permissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    can_edit: Mapped[bool] = mapped_column(Boolean, default=False)


class Page(Base):
    """A page of a space; ``slug`` is unique within the space (URL /spaces/KEY/pages/SLUG)."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("space_id", "slug"), UniqueConstraint("space_id", "title"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    slug: Mapped[str] = mapped_column(String(220))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    version: Mapped[int] = mapped_column(Integer, default=1)  # = newest revision's number
    position: Mapped[int] = mapped_column(Integer, default=0)  # order among siblings
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    space: Mapped[Space] = relationship(lazy="joined")
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User] = relationship(foreign_keys=[updated_by_id])


class Revision(Base):
    """One saved version of a page (number 1, 2, ...), with who, when and why."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("page_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    comment: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    author: Mapped[User] = relationship()


class Attachment(Base):
    """A file attached to a page, stored in the database."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    comment: Mapped[str] = mapped_column(String(300), default="")
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    uploaded_by: Mapped[User] = relationship()


class PageLabel(Base):
    """A label (lower-case, no spaces: ``policy``, ``how-to``) on a page."""

    __tablename__ = "page_labels"
    __table_args__ = (UniqueConstraint("page_id", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    label: Mapped[str] = mapped_column(String(40), index=True)


class PageLink(Base):
    """``from_page`` links to ``to_page`` (kept current on every save; gives backlinks)."""

    __tablename__ = "page_links"
    __table_args__ = (UniqueConstraint("from_page_id", "to_page_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    to_page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)


class Watch(Base):
    """``user`` watches ``page`` (listed on /watching)."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("user_id", "page_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Template(Base):
    """A page template (meeting notes, procedure, policy, product spec) new pages start from."""

    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)  # "meeting-notes"
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(300))
    title_hint: Mapped[str] = mapped_column(String(200), default="")
    labels: Mapped[str] = mapped_column(String(200), default="")  # comma-separated
    body: Mapped[str] = mapped_column(Text)
