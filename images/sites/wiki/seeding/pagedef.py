"""``PageDef``: one page the seed will create, with its history and attachments."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PageDef", "AttachmentDef"]


@dataclass(frozen=True)
class AttachmentDef:
    """A file attached to a seeded page."""

    filename: str
    content_type: str
    data: bytes
    comment: str = ""


@dataclass
class PageDef:
    """A page to seed. ``older`` holds earlier versions (body, comment), oldest first; the
    page's history is those versions, then ``body`` as the current one."""

    space: str
    title: str
    body: str
    labels: tuple[str, ...] = ()
    parent: str | None = None  # title of the parent page in the same space
    author: str = ""  # username; "" = a staff member chosen by the seed
    older: tuple[tuple[str, str], ...] = ()
    last_comment: str = ""
    days_ago: int = 0  # 0 = chosen by the seed
    attachments: tuple[AttachmentDef, ...] = field(default_factory=tuple)
    home: bool = False  # the space's home page
