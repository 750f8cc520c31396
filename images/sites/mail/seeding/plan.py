"""Threads planned before anything is sent: steps with times, then sent in time order.

Generators only describe mail (who, when, what); :func:`quote` builds the quoted part of a
reply the way the compose page does, so seeded replies look like ones users write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..mailbox import NewAttachment

__all__ = ["Step", "Thread", "quote", "reply_subject", "forward_subject"]


@dataclass
class Step:
    """One message of a thread: sent by ``sender`` (a username) at ``at``."""

    at: datetime
    sender: str
    to: list[str]
    subject: str
    body: str
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    attachments: list[NewAttachment] = field(default_factory=list)
    quote_previous: bool = True


@dataclass
class Thread:
    """A conversation: the first step starts it, later steps reply to the one before."""

    kind: str
    steps: list[Step]
    tags: dict[str, str] = field(default_factory=dict)


def quote(body: str, sender_name: str, sender: str, at: datetime, limit: int = 24) -> str:
    """The ``On <date>, <name> wrote:`` block with ``>``-prefixed lines."""
    lines = body.strip("\n").splitlines()[:limit]
    quoted = "\n".join(("> " + line) if line else ">" for line in lines)
    when = at.strftime("%a, %b %-d, %Y at %H:%M")
    return f"On {when}, {sender_name} <{sender}> wrote:\n{quoted}"


def reply_subject(subject: str) -> str:
    """``Re: subject`` (no stacking of Re:)."""
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def forward_subject(subject: str) -> str:
    """``Fwd: subject``."""
    return subject if subject.lower().startswith("fwd:") else f"Fwd: {subject}"
