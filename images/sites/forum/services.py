"""Forum rules shared by routes and seed: votes and scores, "hot", permissions, moderation,
karma and comment trees. The only code that changes scores and counters."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import (
    Ban,
    Comment,
    CommentVote,
    Community,
    ModAction,
    Moderator,
    Post,
    PostVote,
    Subscription,
    User,
)

__all__ = [
    "hot_rank",
    "refresh_post",
    "vote_post",
    "vote_comment",
    "is_moderator",
    "active_ban",
    "can_participate",
    "log_action",
    "karma",
    "karma_many",
    "CommentNode",
    "comment_tree",
    "subscribed_ids",
    "moderated_ids",
    "recount_comments",
]

_EPOCH = datetime(2005, 12, 8, 7, 46, 43)


def hot_rank(score: int, created_at: datetime) -> float:
    """Reddit's "hot": log10 of the score plus age (12.5 hours ~ a factor of 10 in score)."""
    order = math.log10(max(abs(score), 1))
    sign = 1 if score > 0 else -1 if score < 0 else 0
    seconds = (created_at - _EPOCH).total_seconds()
    return round(sign * order + seconds / 45000, 7)


def refresh_post(post: Post) -> None:
    """Recompute ``score`` and ``hot`` from ``upvotes``/``downvotes``."""
    post.score = post.upvotes - post.downvotes
    post.hot = hot_rank(post.score, post.created_at)


def _apply(target: Any, old: int, new: int) -> None:
    if old == 1:
        target.upvotes -= 1
    elif old == -1:
        target.downvotes -= 1
    if new == 1:
        target.upvotes += 1
    elif new == -1:
        target.downvotes += 1
    target.score = target.upvotes - target.downvotes


def vote_post(db: Session, user: User, post: Post, value: int, when: datetime) -> int:
    """Set the user's vote on ``post``; voting the same way again removes it. Returns the vote
    now in place (1, -1 or 0)."""
    vote = db.scalar(
        select(PostVote).where(PostVote.user_id == user.id, PostVote.post_id == post.id)
    )
    old = vote.value if vote else 0
    new = 0 if value == old else value
    if vote is not None and new == 0:
        db.delete(vote)
    elif vote is not None:
        vote.value, vote.created_at = new, when
    elif new != 0:
        db.add(PostVote(user_id=user.id, post_id=post.id, value=new, created_at=when))
    _apply(post, old, new)
    refresh_post(post)
    return new


def vote_comment(db: Session, user: User, comment: Comment, value: int, when: datetime) -> int:
    """Like :func:`vote_post`, for a comment."""
    vote = db.scalar(
        select(CommentVote).where(
            CommentVote.user_id == user.id, CommentVote.comment_id == comment.id
        )
    )
    old = vote.value if vote else 0
    new = 0 if value == old else value
    if vote is not None and new == 0:
        db.delete(vote)
    elif vote is not None:
        vote.value, vote.created_at = new, when
    elif new != 0:
        db.add(CommentVote(user_id=user.id, comment_id=comment.id, value=new, created_at=when))
    _apply(comment, old, new)
    return new


def is_moderator(db: Session, user: User | None, community: Community) -> bool:
    """Moderators of the community and site admins moderate it."""
    if user is None:
        return False
    if user.is_admin:
        return True
    return (
        db.scalar(
            select(Moderator.id).where(
                Moderator.community_id == community.id, Moderator.user_id == user.id
            )
        )
        is not None
    )


def active_ban(db: Session, user: User | None, community: Community, when: datetime) -> Ban | None:
    """The user's ban from the community if one is in force at ``when``."""
    if user is None:
        return None
    ban = db.scalar(select(Ban).where(Ban.community_id == community.id, Ban.user_id == user.id))
    if ban is None or (ban.expires_at is not None and ban.expires_at <= when):
        return None
    return ban


def can_participate(db: Session, user: User, community: Community, when: datetime) -> str | None:
    """None if the user may comment and vote here, else the sentence saying why not."""
    ban = active_ban(db, user, community, when)
    if ban is not None:
        until = f" until {ban.expires_at:%b %d, %Y}" if ban.expires_at else ""
        return f"You are banned from c/{community.name}{until}: {ban.reason}"
    return None


def log_action(
    db: Session,
    community: Community,
    moderator: User,
    action: str,
    when: datetime,
    *,
    target_user_id: int | None = None,
    post_id: int | None = None,
    comment_id: int | None = None,
    reason: str = "",
) -> None:
    """Append one line to the community's mod log."""
    db.add(
        ModAction(
            community_id=community.id,
            moderator_id=moderator.id,
            action=action,
            target_user_id=target_user_id,
            post_id=post_id,
            comment_id=comment_id,
            reason=reason,
            created_at=when,
        )
    )


def karma(db: Session, user_id: int) -> tuple[int, int]:
    """(post karma, comment karma): the summed scores of the user's posts and comments."""
    posts = db.scalar(
        select(func.coalesce(func.sum(Post.score), 0)).where(Post.author_id == user_id)
    )
    comments = db.scalar(
        select(func.coalesce(func.sum(Comment.score), 0)).where(Comment.author_id == user_id)
    )
    return int(posts or 0), int(comments or 0)


def karma_many(db: Session, user_ids: list[int]) -> dict[int, int]:
    """Total karma for several users at once."""
    out = dict.fromkeys(user_ids, 0)
    if not user_ids:
        return out
    for model in (Post, Comment):
        rows = db.execute(
            select(model.author_id, func.sum(model.score))
            .where(model.author_id.in_(user_ids))
            .group_by(model.author_id)
        )
        for uid, total in rows:
            out[uid] += int(total or 0)
    return out


@dataclass
class CommentNode:
    """A comment with its replies, for the threaded view."""

    comment: Comment
    children: list[CommentNode] = field(default_factory=list)

    @property
    def size(self) -> int:
        """This comment and all replies below it."""
        return 1 + sum(c.size for c in self.children)


_COMMENT_SORTS = {
    "top": lambda c: (-c.score, c.created_at, c.id),
    "new": lambda c: (-c.created_at.timestamp(), -c.id),
    "old": lambda c: (c.created_at, c.id),
}
COMMENT_SORTS = {"top": "Top", "new": "Newest", "old": "Oldest"}


def comment_tree(db: Session, post: Post, sort: str = "top") -> list[CommentNode]:
    """The post's comments as a forest, siblings ordered by ``sort`` (top/new/old)."""
    comments = db.scalars(select(Comment).where(Comment.post_id == post.id)).all()
    nodes = {c.id: CommentNode(c) for c in comments}
    roots: list[CommentNode] = []
    for c in comments:
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent else roots).append(nodes[c.id])
    key = _COMMENT_SORTS.get(sort, _COMMENT_SORTS["top"])

    def _sort(items: list[CommentNode]) -> None:
        items.sort(key=lambda n: key(n.comment))
        for n in items:
            _sort(n.children)

    _sort(roots)
    return roots


def recount_comments(db: Session, post: Post) -> None:
    """``comment_count`` = comments neither removed nor deleted."""
    post.comment_count = (
        db.scalar(
            select(func.count())
            .select_from(Comment)
            .where(Comment.post_id == post.id, ~Comment.is_removed, ~Comment.is_deleted)
        )
        or 0
    )


def subscribed_ids(db: Session, user: User | None) -> set[int]:
    """Ids of the communities the user joined."""
    if user is None:
        return set()
    return set(db.scalars(select(Subscription.community_id).where(Subscription.user_id == user.id)))


def moderated_ids(db: Session, user: User | None) -> set[int]:
    """Ids of the communities the user moderates (all of them for admins)."""
    if user is None:
        return set()
    if user.is_admin:
        return set(db.scalars(select(Community.id)))
    return set(db.scalars(select(Moderator.community_id).where(Moderator.user_id == user.id)))
