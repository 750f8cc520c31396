"""Fills a fresh wiki database: people, groups, spaces, permissions, templates and pages.

Deterministic: randomness only from ``ctx.rng``/``ctx.faker``, times count back from
``ctx.now``, rows are added in a fixed order. Identities are ``world_people(0)`` (as in the
shop), so usernames match every other site.
"""

from __future__ import annotations

from datetime import timedelta

from guigym.images.sites.kit import SeedContext, default_password
from guigym.images.sites.kit.world import staff_roles
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import (
    Attachment,
    Group,
    GroupMember,
    Page,
    Space,
    SpacePermission,
    Template,
    User,
    Watch,
)
from .seeding.bulk import bulk_pages
from .seeding.company import engineering, help_center, hr, onboarding
from .seeding.pagedef import PageDef
from .seeding.policies import customer_service, marketing, purchasing, warehouse
from .seeding.products import product_pages
from .seeding.templates import TEMPLATES
from .seeding.world import ADMIN_PASSWORD, ADMIN_USERNAME, GROUPS, SPACES, cast
from .services import create_page, refresh_links, save_page

__all__ = ["seed", "ADMIN_USERNAME", "ADMIN_PASSWORD"]


def _users(session: Session) -> dict[str, User]:
    c = cast()
    users: dict[str, User] = {}
    admin = User(
        username=ADMIN_USERNAME,
        email="admin@mail.test",
        display_name="Wiki Admin",
        is_admin=True,
        role="admin",
        job_title="Wiki administrator",
    )
    admin.set_password(ADMIN_PASSWORD)
    session.add(admin)
    users[admin.username] = admin
    jobs = {r.username: r.title for r in staff_roles(0)}
    for p in (*c.staff, *c.suppliers, *c.customers):
        u = User(
            username=p.username,
            email=p.email,
            display_name=p.display_name,
            is_admin=False,
            role=p.role,
            job_title=jobs.get(p.username, ""),
            company=p.company or "",
        )
        u.set_password(default_password(p.username))
        session.add(u)
        users[p.username] = u
    session.flush()
    return users


def _groups(session: Session, users: dict[str, User]) -> dict[str, Group]:
    c = cast()
    groups: dict[str, Group] = {}
    for name, (description, members) in GROUPS.items():
        group = Group(name=name, description=description)
        session.add(group)
        session.flush()
        groups[name] = group
        if name == "suppliers":
            people = list(c.suppliers)
        elif members is None:
            people = list(c.staff)
        else:
            people = [c.staff[i] for i in members]
        for p in people:
            session.add(GroupMember(group_id=group.id, user_id=users[p.username].id))
    return groups


def _spaces(
    session: Session, ctx: SeedContext, groups: dict[str, Group], users: dict[str, User]
) -> dict[str, Space]:
    spaces: dict[str, Space] = {}
    for pos, d in enumerate(SPACES):
        space = Space(
            key=d.key,
            name=d.name,
            description=d.description,
            is_public=d.public,
            position=pos,
            created_at=ctx.now - timedelta(days=900 - pos),
        )
        session.add(space)
        session.flush()
        spaces[d.key] = space
        editors = set(d.editors)
        for name in sorted(set(d.viewers) | editors):
            session.add(
                SpacePermission(
                    space_id=space.id, group_id=groups[name].id, can_edit=name in editors
                )
            )
    # a user-level grant: bookkeeping edits HR pages (payroll, expenses) without being in "hr"
    session.add(
        SpacePermission(
            space_id=spaces["HR"].id, user_id=users[cast().staff[7].username].id, can_edit=True
        )
    )
    return spaces


def _all_pages(ctx: SeedContext) -> list[PageDef]:
    c = cast()
    staff = [p.username for p in c.staff]
    return [
        *onboarding(c),
        *customer_service(c),
        *purchasing(c, ctx.seed),
        *warehouse(c),
        *marketing(c),
        *engineering(c),
        *hr(c),
        *help_center(c),
        *product_pages(ctx.rng, [staff[1], staff[4], staff[2], staff[5]]),
        *bulk_pages(ctx, c),
    ]


def _ordered(defs: list[PageDef]) -> list[PageDef]:
    """Parents before children (stable otherwise)."""
    done: set[tuple[str, str]] = set()
    out: list[PageDef] = []
    pending = list(defs)
    while pending:
        rest = []
        for d in pending:
            if d.parent is None or (d.space, d.parent) in done:
                out.append(d)
                done.add((d.space, d.title))
            else:
                rest.append(d)
        if len(rest) == len(pending):
            missing = ", ".join(f"{d.space}:{d.title} (parent {d.parent})" for d in rest[:3])
            raise ValueError(f"pages with unknown parents: {missing}")
        pending = rest
    return out


def _pages(
    session: Session, ctx: SeedContext, spaces: dict[str, Space], users: dict[str, User]
) -> list[Page]:
    rng, now = ctx.rng, ctx.now
    staff = [p.username for p in cast().staff]
    by_title: dict[tuple[str, str], Page] = {}
    made: list[Page] = []
    positions: dict[tuple[str, str | None], int] = {}
    for d in _ordered(_all_pages(ctx)):
        author = users[d.author or rng.choice(staff)]
        age = d.days_ago or rng.randint(20, 400)
        versions = [*d.older, (d.body, d.last_comment or "Updated")]
        if not d.older and rng.random() < 0.35:  # a later edit added the last section
            versions = _earlier(d.body)
        start = now - timedelta(days=age, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        step = timedelta(days=max(1, age // (len(versions) + 1)), hours=rng.randint(1, 5))
        key = (d.space, d.parent)
        positions[key] = positions.get(key, 0) + 1
        first_body, first_comment = versions[0]
        page = create_page(
            session,
            spaces[d.space],
            d.title,
            first_body,
            author,
            start,
            parent=by_title.get((d.space, d.parent)) if d.parent else None,
            comment=first_comment if len(versions) > 1 else "Created page",
            labels=d.labels,
            position=positions[key],
            links=False,
        )
        when = start
        for body, comment in versions[1:]:
            when = min(now - timedelta(hours=1), when + step)
            editor = users[rng.choice([author.username, *rng.sample(staff, 2)])]
            save_page(session, page, d.title, body, editor, when, comment)
        for a in d.attachments:
            session.add(
                Attachment(
                    page_id=page.id,
                    filename=a.filename,
                    content_type=a.content_type,
                    size=len(a.data),
                    data=a.data,
                    comment=a.comment,
                    uploaded_by_id=author.id,
                    created_at=when + timedelta(minutes=5),
                )
            )
        if d.home:
            spaces[d.space].home_page_id = page.id
        by_title[(d.space, d.title)] = page
        made.append(page)
    session.flush()
    for page in made:
        refresh_links(session, page)
    return made


def _earlier(body: str) -> list[tuple[str, str]]:
    """Two versions of ``body``: without its last section (or last line), then complete."""
    head, sep, last = body.rpartition("\n## ")
    if sep and head.strip():
        name = last.split("\n", 1)[0].strip()
        return [(head.rstrip() + "\n", "Created page"), (body, f"Added section: {name}")]
    lines = body.rstrip().split("\n")
    if len(lines) > 2:
        return [("\n".join(lines[:-1]) + "\n", "Created page"), (body, "Added a line")]
    return [(body, "Created page")]


def _watches(session: Session, ctx: SeedContext, pages: list[Page], users: dict[str, User]) -> None:
    c = cast()
    home_of = {
        "CS": c.care_lead,
        "PUR": c.purchasing,
        "OPS": c.warehouse,
        "MKT": c.marketing,
        "HR": c.manager,
        "ENG": c.staff[0],
    }
    for page in pages:
        owner = home_of.get(page.space.key)
        if owner is not None and ctx.rng.random() < 0.5:
            session.add(
                Watch(user_id=users[owner.username].id, page_id=page.id, created_at=page.created_at)
            )
    for title in ("Refund Policy", "Escalation Matrix", "Coupon Policy", "Shipping Rules"):
        page = session.scalar(select(Page).where(Page.title == title))
        if page is not None:
            for p in (c.manager, c.care):
                exists = session.scalar(
                    select(Watch.id).where(
                        Watch.user_id == users[p.username].id, Watch.page_id == page.id
                    )
                )
                if exists is None:
                    session.add(
                        Watch(
                            user_id=users[p.username].id,
                            page_id=page.id,
                            created_at=page.created_at,
                        )
                    )


def seed(session: Session, ctx: SeedContext) -> None:
    """The seed function of the wiki's SiteSpec."""
    users = _users(session)
    groups = _groups(session, users)
    spaces = _spaces(session, ctx, groups, users)
    for key, name, description, title_hint, labels, body in TEMPLATES:
        session.add(
            Template(
                key=key,
                name=name,
                description=description,
                title_hint=title_hint,
                labels=labels,
                body=body,
            )
        )
    pages = _pages(session, ctx, spaces, users)
    _watches(session, ctx, pages, users)
    session.flush()
