"""The forum's tables: users, communities (rules, moderators, subscriptions, bans), posts,
threaded comments, votes, images and the moderation log.

Tasks query these tables directly, so names stay plain and stable. ``posts.score`` and
``comments.score`` are the sums of their votes (kept in step by ``services``); a user's karma
is the sum of the scores of their posts and comments (computed, not stored).
"""

from __future__ import annotations

from datetime import datetime

from guigym.images.sites.kit import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
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
    "Community",
    "Rule",
    "Moderator",
    "Subscription",
    "Ban",
    "Image",
    "Post",
    "Comment",
    "PostVote",
    "CommentVote",
    "ModAction",
    "POST_KINDS",
    "MOD_ACTIONS",
]

POST_KINDS = ("text", "link", "image")
#: mod_log.action values -> wording on the mod log page.
MOD_ACTIONS: dict[str, str] = {
    "remove_post": "removed post",
    "restore_post": "restored post",
    "remove_comment": "removed comment",
    "restore_comment": "restored comment",
    "lock_post": "locked thread",
    "unlock_post": "unlocked thread",
    "pin_post": "pinned post",
    "unpin_post": "unpinned post",
    "ban_user": "banned user",
    "unban_user": "unbanned user",
    "add_moderator": "added moderator",
}


class Base(DeclarativeBase):
    """Declarative base of the forum's models only."""


class User(UserMixin, Base):
    """A member (world_people plus the forum admin)."""

    __tablename__ = "users"
    #: customer, staff, supplier or admin
    role: Mapped[str] = mapped_column(String(20), default="customer", server_default="customer")
    bio: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Community(Base):
    """A community ("c/name")."""

    __tablename__ = "communities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True, index=True)  # lowercase slug
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(40), default="general", server_default="general")
    color: Mapped[str] = mapped_column(String(7), default="#2f5bd3", server_default="#2f5bd3")
    #: only moderators post
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    rules: Mapped[list[Rule]] = relationship(order_by="Rule.position", lazy="selectin")


class Rule(Base):
    """One numbered rule of a community."""

    __tablename__ = "rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="", server_default="")


class Moderator(Base):
    """A user who moderates a community."""

    __tablename__ = "moderators"
    __table_args__ = (UniqueConstraint("community_id", "user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class Subscription(Base):
    """A user's membership of a community (their home feed)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "community_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Ban(Base):
    """A user banned from posting, commenting and voting in a community (until ``expires_at``)."""

    __tablename__ = "bans"
    __table_args__ = (UniqueConstraint("community_id", "user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    banned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # None: permanent


class Image(Base):
    """An image file served at /images/{id} (seeded SVGs, uploaded PNG/JPEG/GIF/WebP)."""

    __tablename__ = "images"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    alt: Mapped[str] = mapped_column(String(300), default="", server_default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Post(Base):
    """A post: text (``body``), link (``url``) or image (``image_id``)."""

    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_community_created", "community_id", "created_at"),
        Index("ix_posts_community_hot", "community_id", "hot"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="text", server_default="text")
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    image_id: Mapped[int | None] = mapped_column(ForeignKey("images.id"), nullable=True)
    flair: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    score: Mapped[int] = mapped_column(Integer, default=0, index=True, server_default="0")
    upvotes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    downvotes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hot: Mapped[float] = mapped_column(Float, default=0.0, index=True, server_default="0")
    #: visible comments
    comment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: by a moderator
    is_removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    removed_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    #: by its author
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    is_pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    community: Mapped[Community] = relationship(lazy="joined")
    author: Mapped[User] = relationship(lazy="joined")
    image: Mapped[Image | None] = relationship(lazy="select")


class Comment(Base):
    """A comment on a post; ``parent_id`` makes the thread (None: top level)."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id"), nullable=True, index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    depth: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    score: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    upvotes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    downvotes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    removed_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    author: Mapped[User] = relationship(lazy="joined")
    post: Mapped[Post] = relationship(lazy="select")


class PostVote(Base):
    """One user's vote on a post: +1 or -1 (at most one row per user and post)."""

    __tablename__ = "post_votes"
    __table_args__ = (UniqueConstraint("user_id", "post_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    value: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CommentVote(Base):
    """One user's vote on a comment: +1 or -1."""

    __tablename__ = "comment_votes"
    __table_args__ = (UniqueConstraint("user_id", "comment_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), index=True)
    value: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ModAction(Base):
    """One line of a community's public moderation log."""

    __tablename__ = "mod_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(30))
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), nullable=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), nullable=True)
    reason: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    moderator: Mapped[User] = relationship(foreign_keys=[moderator_id], lazy="joined")
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id], lazy="joined")
    post: Mapped[Post | None] = relationship(lazy="select")
    comment: Mapped[Comment | None] = relationship(lazy="select")
