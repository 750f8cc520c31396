"""Fills a fresh forum database: members, communities, notable and generated posts, threaded
comments, votes, subscriptions and moderation.

Deterministic: randomness comes from ``ctx.rng`` only, times are offsets from ``ctx.now`` and
rows are added in a fixed order. Identities are ``world_people(0)`` (as in the shop), so
usernames in the notable posts are stable; the seed number changes the generated content.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from guigym.images.sites.kit import SeedContext, default_password, hash_password, world_people
from guigym.images.sites.kit.world import build_world
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .models import (
    Ban,
    Comment,
    CommentVote,
    Community,
    Moderator,
    Post,
    PostVote,
    Rule,
    Subscription,
    User,
)
from .seed_communities import COMMUNITIES, GENERIC_COMMENTS, GENERIC_REPLIES, CommunityDef
from .seed_notable import BANS, NOTABLE, NOTABLE_COMMENTS, world_facts
from .seed_products import PRODUCTS
from .seed_rows import RowMaker
from .services import log_action, recount_comments

__all__ = ["seed", "ADMIN_USERNAME", "ADMIN_PASSWORD"]

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = default_password(ADMIN_USERNAME)  # "admin-pass"
_BIOS = {
    "staff": "Works at Northwind Electronics.",
    "customer": "",
    "supplier": "Supplier contact for Northwind Electronics.",
}
_LINKS = {
    "northwind": "http://shop.test/product/{sku}",
    "northwind_deals": "http://shop.test/product/{sku}",
}


class _Seeder(RowMaker):
    def __init__(self, session: Session, ctx: SeedContext) -> None:
        self.db, self.ctx, self.rng, self.now = session, ctx, ctx.rng, ctx.now
        self.users: dict[str, User] = {}
        self.communities: dict[str, Community] = {}
        self.members: dict[str, list[User]] = {}
        self.post_votes: list[dict[str, Any]] = []
        self.comment_votes: list[dict[str, Any]] = []
        self.ids = {"post": 0, "comment": 0, "image": 0}
        self.visible: dict[int, int] = {}  # post id -> visible comments

    def people(self) -> None:
        admin = User(
            username=ADMIN_USERNAME,
            email="admin@mail.test",
            display_name="Threadline Admin",
            password_hash=hash_password(ADMIN_PASSWORD),
            is_admin=True,
            role="admin",
            bio="The Threadline team. Questions about the site go to c/help.",
            created_at=self.now - timedelta(days=400),
        )
        self.db.add(admin)
        self.users[admin.username] = admin
        for person in world_people(0):
            bio = _BIOS[person.role]
            if person.role == "supplier":
                bio = f"{person.company}. {bio}"
            user = User(
                username=person.username,
                email=person.email,
                display_name=person.display_name,
                password_hash=hash_password(default_password(person.username)),
                role=person.role,
                bio=bio,
                created_at=self.now
                - timedelta(days=self.rng.randint(160, 390), minutes=self.rng.randint(0, 1439)),
            )
            self.db.add(user)
            self.users[user.username] = user
        self.db.flush()

    def make_communities(self) -> None:
        staff = [u for u in self.users.values() if u.role == "staff"]
        customers = [u for u in self.users.values() if u.role == "customer"]
        everyone = [u for u in self.users.values() if u.role != "admin"]
        for i, cdef in enumerate(COMMUNITIES):
            creator = self.users[cdef.mods[0]]
            community = Community(
                name=cdef.name,
                title=cdef.title,
                description=cdef.description,
                topic=cdef.topic,
                color=cdef.color,
                restricted=cdef.restricted,
                created_at=self.now - timedelta(days=300 - i * 3),
                created_by_id=creator.id,
            )
            self.db.add(community)
            self.db.flush()
            self.communities[cdef.name] = community
            for pos, (title, body) in enumerate(cdef.rules, start=1):
                self.db.add(Rule(community_id=community.id, position=pos, title=title, body=body))
            for j, name in enumerate(cdef.mods):
                self.db.add(
                    Moderator(
                        community_id=community.id,
                        user_id=self.users[name].id,
                        added_at=community.created_at + timedelta(days=j * 11),
                    )
                )
            # members: mods, then an audience-shaped sample
            pool = {"staff": staff, "customers": customers}.get(cdef.audience, everyone)
            if cdef.name == "announcements":
                chosen = list(everyone)
            elif cdef.audience == "staff":
                chosen = list(staff)
            else:
                k = min(len(pool), self.rng.randint(18, 45) if cdef.posts < 40 else 70)
                chosen = self.rng.sample(pool, k)
            members = [self.users[m] for m in cdef.mods if m != ADMIN_USERNAME]
            members += [u for u in chosen if u not in members]
            self.members[cdef.name] = members
            for u in members:
                self.db.add(
                    Subscription(
                        user_id=u.id,
                        community_id=community.id,
                        created_at=max(community.created_at, u.created_at)
                        + timedelta(days=self.rng.randint(0, 60)),
                    )
                )
        self.db.flush()

    # --- posts ----------------------------------------------------------------------
    def notable(self) -> None:
        keyed: dict[str, Post] = {}
        for spec in NOTABLE:
            community = self.communities[spec["community"]]
            author = self.users[spec["author"]]
            when = self.now - timedelta(days=spec["days"], hours=self.rng.randint(1, 9))
            kind, image, url, body = spec.get("kind", "text"), None, None, spec["body"]
            title = spec["title"]
            if spec.get("world"):  # names real shop rows of this seed's world
                facts = world_facts(build_world(self.ctx.seed, self.now), when)
                title, body = title.format_map(facts), body.format_map(facts)
            if kind == "image":
                image = self._image(spec["image"][0], spec["image"][1], author, when)
            elif kind == "link":
                url, body = spec["body"], ""
            post = self._post(
                community,
                author,
                title,
                kind=kind,
                body=body,
                url=url,
                image=image,
                when=when,
                flair=spec.get("flair"),
            )
            post.is_pinned = bool(spec.get("pinned"))
            self._vote_post(post, *spec["votes"])
            keyed[spec["key"]] = post
        made: dict[str, list[Comment]] = {}
        for key, author, body, parent_index, up, down in NOTABLE_COMMENTS:
            post = keyed[key]
            siblings = made.setdefault(key, [])
            parent = siblings[parent_index] if parent_index is not None else None
            start = parent.created_at if parent else post.created_at
            when = min(
                self.now - timedelta(minutes=5),
                start + timedelta(minutes=self.rng.randint(20, 600)),
            )
            comment = self._comment(post, self.users[author], body, parent, when)
            self._vote_comment(comment, post.community.name, up, down)
            siblings.append(comment)
        for spec in NOTABLE:
            post = keyed[spec["key"]]
            if "removed" in spec:
                reason, by = spec["removed"]
                post.is_removed, post.removed_reason = True, reason
                log_action(
                    self.db,
                    post.community,
                    self.users[by],
                    "remove_post",
                    post.created_at + timedelta(hours=2),
                    target_user_id=post.author_id,
                    post_id=post.id,
                    reason=reason,
                )
            if "locked" in spec:
                reason, by = spec["locked"]
                post.is_locked = True
                log_action(
                    self.db,
                    post.community,
                    self.users[by],
                    "lock_post",
                    post.created_at + timedelta(days=1),
                    target_user_id=post.author_id,
                    post_id=post.id,
                    reason=reason,
                )
            if spec.get("pinned"):
                log_action(
                    self.db,
                    post.community,
                    self.users[spec["author"]],
                    "pin_post",
                    post.created_at + timedelta(minutes=1),
                    post_id=post.id,
                )

    def generated(self) -> None:
        rng = self.rng
        for cdef in COMMUNITIES:
            community = self.communities[cdef.name]
            members = self.members[cdef.name]
            posters = [self.users[m] for m in cdef.mods] if cdef.restricted else members
            for _ in range(cdef.posts):
                author = rng.choice(posters)
                age = timedelta(
                    minutes=int(rng.random() ** 1.6 * 170 * 1440) + rng.randint(30, 600)
                )
                when = self.now - age
                title = self._fill(rng.choice(cdef.titles), cdef)
                body = self._fill(rng.choice(cdef.bodies), cdef)
                roll = rng.random()
                kind, url, image = "text", None, None
                if roll < 0.14 and cdef.image:
                    kind = "image"
                    image = self._image(cdef.image, title, author, when)
                elif roll < 0.22:
                    kind = "link"
                    sku = next((p[0] for p in PRODUCTS if p[0] in title), None)
                    url = (
                        _LINKS[cdef.name].format(sku=sku)
                        if sku and cdef.name in _LINKS
                        else f"https://example.org/{cdef.name}/{rng.randint(1000, 99999)}"
                    )
                flair = rng.choice(cdef.flairs) if cdef.flairs and rng.random() < 0.7 else None
                post = self._post(
                    community,
                    author,
                    title,
                    kind=kind,
                    body=body,
                    url=url,
                    image=image,
                    when=when,
                    flair=flair,
                )
                popularity = rng.random() ** 2.5
                self._vote_post(
                    post, int(popularity * 60) + rng.randint(0, 4), int(rng.random() ** 3 * 6)
                )
                self._comments(post, cdef, members, popularity)

    def _comments(self, post: Post, cdef: CommunityDef, members: list[User], pop: float) -> None:
        rng = self.rng
        n = int(pop * 9) + rng.choice((0, 1, 2, 2, 3, 3, 4))
        made: list[Comment] = []
        for _ in range(n):
            author = rng.choice(members)
            parent = rng.choice(made) if made and rng.random() < 0.45 else None
            if parent is not None and parent.depth >= 6:
                parent = None
            start = parent.created_at if parent else post.created_at
            when = min(
                self.now - timedelta(minutes=3), start + timedelta(minutes=rng.randint(4, 2400))
            )
            if parent is not None:
                body = rng.choice(GENERIC_REPLIES)
            else:
                pool = cdef.comments if rng.random() < 0.7 else GENERIC_COMMENTS
                body = self._fill(rng.choice(pool), cdef)
            comment = self._comment(post, author, body, parent, when)
            self._vote_comment(
                comment, cdef.name, int(rng.random() ** 2 * 14), int(rng.random() ** 4 * 3)
            )
            made.append(comment)

    def moderation(self) -> None:
        for post in self.db.new:
            if isinstance(post, Post):
                post.comment_count = self.visible[post.id]
        self.db.flush()
        for name, username, reason, by, days, expires in BANS:
            community, user, mod = self.communities[name], self.users[username], self.users[by]
            when = self.now - timedelta(days=days)
            self.db.add(
                Ban(
                    community_id=community.id,
                    user_id=user.id,
                    banned_by_id=mod.id,
                    reason=reason,
                    created_at=when,
                    expires_at=when + timedelta(days=expires) if expires else None,
                )
            )
            log_action(
                self.db,
                community,
                mod,
                "ban_user",
                when,
                target_user_id=user.id,
                reason=reason + (f" ({expires} days)" if expires else " (permanent)"),
            )
        # a few removed comments, chosen deterministically among low-scored ones
        low = self.db.scalars(
            select(Comment)
            .join(Post, Post.id == Comment.post_id)
            .where(
                Comment.score <= 0,
                Comment.parent_id.is_(None),
                Post.community_id.in_(
                    [
                        self.communities[n].id
                        for n in ("northwind", "headphones", "cooking", "books")
                    ]
                ),
            )
            .order_by(Comment.id)
        ).all()
        for comment in low[::7][:6]:
            post = self.db.get(Post, comment.post_id)
            community = self.db.get(Community, post.community_id)
            mod = self.db.get(
                Moderator,
                self.db.scalar(
                    select(Moderator.id)
                    .where(Moderator.community_id == community.id)
                    .order_by(Moderator.id)
                ),
            )
            moderator = self.db.get(User, mod.user_id)
            comment.is_removed, comment.removed_reason = True, "Rule 1: Be kind"
            log_action(
                self.db,
                community,
                moderator,
                "remove_comment",
                comment.created_at + timedelta(hours=3),
                target_user_id=comment.author_id,
                post_id=post.id,
                comment_id=comment.id,
                reason="Rule 1: Be kind",
            )
            recount_comments(self.db, post)

    def flush_votes(self) -> None:
        self.db.execute(insert(PostVote), self.post_votes)
        self.db.execute(insert(CommentVote), self.comment_votes)


def seed(session: Session, ctx: SeedContext) -> None:
    """The seed function of the forum's SiteSpec."""
    seeder = _Seeder(session, ctx)
    seeder.people()
    seeder.make_communities()
    seeder.notable()
    seeder.generated()
    seeder.moderation()
    seeder.flush_votes()
