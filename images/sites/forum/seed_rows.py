"""Row makers for the forum seed: posts, comments, images and votes with ids assigned up front
(no flush per row) and scores kept equal to the votes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from .images import svg_picture
from .models import Comment, Community, Image, Post, User
from .seed_communities import CommunityDef
from .seed_products import COUPONS, PRODUCTS, PROJECTS
from .services import refresh_post

__all__ = ["RowMaker", "MONTHS"]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class RowMaker:
    """Builds rows for one seeding run; the seeder sets these attributes."""

    db: Session
    rng: random.Random
    now: datetime
    users: dict[str, User]
    members: dict[str, list[User]]
    post_votes: list[dict[str, Any]]
    comment_votes: list[dict[str, Any]]
    ids: dict[str, int]
    visible: dict[int, int]

    def _id(self, kind: str) -> int:
        """Ids are assigned here so rows need no flush each (one flush at the end)."""
        self.ids[kind] += 1
        return self.ids[kind]

    # --- people and communities -------------------------------------------------------
    def _fill(self, template: str, cdef: CommunityDef) -> str:
        rng = self.rng
        subjects = cdef.subjects or ("this",)
        s, s2 = rng.sample(list(subjects), 2) if len(subjects) > 1 else (subjects[0],) * 2
        values: dict[str, Any] = {
            "s": s,
            "s2": s2,
            "n": rng.randint(2, 11),
            "n2": rng.randint(0, 9),
            "coupon": rng.choice(COUPONS),
            "month": rng.choice(MONTHS[:5]),
            "price": "",
            "sku": "",
            "desc": "",
        }
        for sku, name, price in PRODUCTS:
            if s == f"{name} ({sku})":
                values.update(price=price, sku=sku)
        values["desc"] = PROJECTS.get(s, "")
        return template.format_map(values)

    def _image(self, kind: str, alt: str, author: User, when: datetime) -> Image:
        data = svg_picture(kind, self.rng)
        image = Image(
            id=self._id("image"),
            filename=f"{kind}-{self.rng.randint(1000, 9999)}.svg",
            content_type="image/svg+xml",
            size=len(data),
            alt=alt[:300],
            data=data,
            uploaded_by_id=author.id,
            created_at=when,
        )
        self.db.add(image)
        return image

    def _voters(self, community: str, exclude: int) -> list[User]:
        pool = self.members[community] or list(self.users.values())
        return [u for u in pool if u.id != exclude]

    def _vote_post(self, post: Post, up: int, down: int) -> None:
        voters = self._voters(post.community.name, post.author_id)
        self.rng.shuffle(voters)
        up, down = min(up, len(voters)), min(down, max(0, len(voters) - up))
        for i, u in enumerate(voters[: up + down]):
            value = 1 if i < up else -1
            when = min(self.now, post.created_at + timedelta(minutes=self.rng.randint(5, 4000)))
            self.post_votes.append(
                dict(user_id=u.id, post_id=post.id, value=value, created_at=when)
            )
        post.upvotes, post.downvotes = up, down
        refresh_post(post)

    def _vote_comment(self, comment: Comment, community: str, up: int, down: int) -> None:
        voters = self._voters(community, comment.author_id)
        self.rng.shuffle(voters)
        up, down = min(up, len(voters)), min(down, max(0, len(voters) - up))
        for i, u in enumerate(voters[: up + down]):
            self.comment_votes.append(
                dict(
                    user_id=u.id,
                    comment_id=comment.id,
                    value=1 if i < up else -1,
                    created_at=min(
                        self.now, comment.created_at + timedelta(minutes=self.rng.randint(5, 3000))
                    ),
                )
            )
        comment.upvotes, comment.downvotes = up, down
        comment.score = up - down

    def _post(
        self,
        community: Community,
        author: User,
        title: str,
        *,
        kind: str = "text",
        body: str = "",
        url: str | None = None,
        image: Image | None = None,
        when: datetime,
        flair: str | None = None,
    ) -> Post:
        post = Post(
            id=self._id("post"),
            community_id=community.id,
            author_id=author.id,
            kind=kind,
            title=title[:300],
            body=body,
            url=url,
            image_id=image.id if image else None,
            flair=flair,
            created_at=when,
            score=0,
            upvotes=0,
            downvotes=0,
            hot=0.0,
            comment_count=0,
        )
        post.community = community
        self.db.add(post)
        self.visible[post.id] = 0
        return post

    def _comment(
        self, post: Post, author: User, body: str, parent: Comment | None, when: datetime
    ) -> Comment:
        comment = Comment(
            id=self._id("comment"),
            post_id=post.id,
            parent_id=parent.id if parent else None,
            author_id=author.id,
            body=body,
            depth=parent.depth + 1 if parent else 0,
            created_at=when,
            score=0,
            upvotes=0,
            downvotes=0,
        )
        self.db.add(comment)
        self.visible[post.id] += 1
        return comment
