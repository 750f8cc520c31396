"""The code site's tables: users, groups, projects, members, repository data, issues, MRs.

A repository is stored without git: every commit is a full snapshot (``commit_files``: path ->
blob) with a parent (and a second parent for merges); branches point at a head commit. Diffs
are computed between snapshots. Tasks query these tables directly, so names stay plain.
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
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "User",
    "Group",
    "Project",
    "Member",
    "Blob",
    "Commit",
    "CommitFile",
    "Branch",
    "Label",
    "Milestone",
    "Issue",
    "MergeRequest",
    "Note",
    "Approval",
    "ROLES",
    "ROLE_LEVELS",
    "VISIBILITIES",
]

#: Member roles, lowest first, with their access level (GitLab's numbers).
ROLE_LEVELS: dict[str, int] = {
    "guest": 10,
    "reporter": 20,
    "developer": 30,
    "maintainer": 40,
    "owner": 50,
}
ROLES: tuple[str, ...] = tuple(ROLE_LEVELS)
VISIBILITIES: tuple[str, ...] = ("public", "internal", "private")


class Base(DeclarativeBase):
    """Declarative base of the code site only."""


issue_labels = Table(
    "issue_labels",
    Base.metadata,
    Column("issue_id", ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)
mr_labels = Table(
    "mr_labels",
    Base.metadata,
    Column(
        "merge_request_id", ForeignKey("merge_requests.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, Base):
    """An account: people of the shared world (staff are the engineering team) and ``admin``."""

    __tablename__ = "users"

    role: Mapped[str] = mapped_column(String(20), default="customer", server_default="customer")
    job_title: Mapped[str] = mapped_column(String(80), default="", server_default="")
    bio: Mapped[str] = mapped_column(Text, default="", server_default="")


class Group(Base):
    """A namespace holding projects (``/groups/<path>``)."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")

    projects: Mapped[list[Project]] = relationship(back_populates="group", order_by="Project.name")


class Project(Base):
    """A project: repository, issues, merge requests, members and settings."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("group_id", "path", name="uq_project_group_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    path: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    visibility: Mapped[str] = mapped_column(String(10), default="internal")
    default_branch: Mapped[str] = mapped_column(String(100), default="main")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_activity_at: Mapped[datetime] = mapped_column(DateTime)

    group: Mapped[Group] = relationship(back_populates="projects")

    @property
    def full_path(self) -> str:
        """``group/project`` (the URL path)."""
        return f"{self.group.path}/{self.path}"

    @property
    def url(self) -> str:
        """Relative URL of the project page."""
        return f"/{self.group.path}/{self.path}"


class Member(Base):
    """A user's role in a project (guest < reporter < developer < maintainer < owner)."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_member"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship()
    project: Mapped[Project] = relationship()


class Blob(Base):
    """File content, stored once per distinct text (``sha`` = sha1 of the content)."""

    __tablename__ = "blobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha: Mapped[str] = mapped_column(String(40), unique=True)
    content: Mapped[str] = mapped_column(Text)


class Commit(Base):
    """A snapshot of a project's files, with its parent(s)."""

    __tablename__ = "commits"
    __table_args__ = (UniqueConstraint("project_id", "sha", name="uq_commit_sha"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    sha: Mapped[str] = mapped_column(String(40), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("commits.id"), default=None)
    merge_parent_id: Mapped[int | None] = mapped_column(ForeignKey("commits.id"), default=None)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text, default="", server_default="")
    authored_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    author: Mapped[User] = relationship()

    @property
    def short_sha(self) -> str:
        """First 8 characters of the sha."""
        return self.sha[:8]


class CommitFile(Base):
    """One file of a commit's snapshot."""

    __tablename__ = "commit_files"

    commit_id: Mapped[int] = mapped_column(
        ForeignKey("commits.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(String(300), primary_key=True)
    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))


class Branch(Base):
    """A named pointer to a head commit."""

    __tablename__ = "branches"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_branch_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    head_id: Mapped[int] = mapped_column(ForeignKey("commits.id"))

    head: Mapped[Commit] = relationship()


class Label(Base):
    """A coloured label of one project (``bug``, ``frontend``, ``priority::high``...)."""

    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_label_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
    color: Mapped[str] = mapped_column(String(7), default="#6699cc")
    description: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Milestone(Base):
    """A project milestone with an optional due date; state ``active`` or ``closed``."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    due_date: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    state: Mapped[str] = mapped_column(String(10), default="active")


class Issue(Base):
    """An issue: ``iid`` is its number inside the project (``#12``); state opened/closed."""

    __tablename__ = "issues"
    __table_args__ = (
        UniqueConstraint("project_id", "iid", name="uq_issue_iid"),
        Index("ix_issues_project_state", "project_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    iid: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    state: Mapped[str] = mapped_column(String(10), default="opened")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"), default=None)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    project: Mapped[Project] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    milestone: Mapped[Milestone | None] = relationship()
    labels: Mapped[list[Label]] = relationship(secondary=issue_labels, order_by="Label.name")


class MergeRequest(Base):
    """A merge request ``!iid``: source branch into target branch; opened/closed/merged.

    ``base_commit_id``/``head_commit_id`` freeze the diff when it is merged or closed.
    """

    __tablename__ = "merge_requests"
    __table_args__ = (UniqueConstraint("project_id", "iid", name="uq_mr_iid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    iid: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_branch: Mapped[str] = mapped_column(String(100))
    target_branch: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(10), default="opened")
    draft: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    merged_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    merge_commit_id: Mapped[int | None] = mapped_column(ForeignKey("commits.id"), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    base_commit_id: Mapped[int | None] = mapped_column(ForeignKey("commits.id"), default=None)
    head_commit_id: Mapped[int | None] = mapped_column(ForeignKey("commits.id"), default=None)

    project: Mapped[Project] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    merged_by: Mapped[User | None] = relationship(foreign_keys=[merged_by_id])
    milestone: Mapped[Milestone | None] = relationship()
    labels: Mapped[list[Label]] = relationship(secondary=mr_labels, order_by="Label.name")


class Note(Base):
    """A comment on an issue or a merge request (``system``: an event line like "closed")."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    issue_id: Mapped[int | None] = mapped_column(
        ForeignKey("issues.id", ondelete="CASCADE"), default=None, index=True
    )
    merge_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("merge_requests.id", ondelete="CASCADE"), default=None, index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    system: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    author: Mapped[User] = relationship()


class Approval(Base):
    """A user's approval of a merge request."""

    __tablename__ = "approvals"
    __table_args__ = (UniqueConstraint("merge_request_id", "user_id", name="uq_approval"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    merge_request_id: Mapped[int] = mapped_column(
        ForeignKey("merge_requests.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship()
