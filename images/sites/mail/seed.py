"""Seed the mail site: mailboxes for the whole world, folders, labels, filters, then the mail.

Order matters: users and their folders/labels/filters exist first, then every planned thread
step is sent in time order through ``mailbox.send_message`` (so filters run on seeded mail the
way they run on new mail), then a pass files older mail into Archive/Trash, stars and labels
some, writes a few drafts and fills each address book from who wrote to whom.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from guigym.images.sites.kit import SeedContext, default_password, world_people
from guigym.images.sites.kit.world import build_world
from sqlalchemy import select
from sqlalchemy.orm import Session

from .mailbox import address_of, create_system_folders, save_draft, send_message
from .models import Contact, Filter, Folder, Label, MailboxItem, Message, User
from .seeding.personal import friend_circles, personal_threads
from .seeding.plan import Thread, quote
from .seeding.purchasing import colleague_threads, supplier_threads
from .seeding.shopmail import mail_orders, newsletter_threads, order_threads, support_threads
from .seeding.world import SERVICE_ACCOUNTS, SHOP_NAME, STAFF_JOBS

__all__ = ["seed"]

_LABEL_COLORS = ("#d93025", "#e37400", "#188038", "#1a73e8", "#8430ce", "#5b6b7f")


def _make_users(session: Session, ctx: SeedContext) -> tuple[dict[str, User], dict[str, list]]:
    people = world_people(ctx.seed)
    users: dict[str, User] = {}
    groups: dict[str, list] = {"customer": [], "staff": [], "supplier": []}
    for person in people:
        groups[person.role].append(person)
    staff_jobs = {
        p.username: STAFF_JOBS[i % len(STAFF_JOBS)] for i, p in enumerate(groups["staff"])
    }
    for person in people:
        signature = ""
        if person.role == "staff":
            signature = (
                f"{person.display_name}\n{staff_jobs[person.username]}, {SHOP_NAME}\n{person.phone}"
            )
        elif person.role == "supplier":
            signature = f"{person.display_name}\n{person.company}\n{person.phone}"
        user = User(
            username=person.username,
            email=address_of(person.username),
            display_name=person.display_name,
            role=person.role,
            company=SHOP_NAME if person.role == "staff" else person.company,
            signature=signature,
        )
        user.set_password(default_password(person.username))
        users[person.username] = user
    for account in SERVICE_ACCOUNTS:
        user = User(
            username=account.username,
            email=address_of(account.username),
            display_name=account.display_name,
            role="service",
            company=SHOP_NAME,
            signature=f"{account.display_name}\nshop.test",
        )
        user.set_password(default_password(account.username))
        users[account.username] = user
    session.add_all(users.values())
    session.flush()
    for user in users.values():
        create_system_folders(session, user)
    return users, groups


def _folders_labels_filters(
    session: Session, ctx: SeedContext, users: dict[str, User], groups: dict[str, list]
) -> None:
    """User folders, labels and filters (before delivery, so filters act on seeded mail)."""
    rng = ctx.rng

    def folder(user: User, name: str, position: int) -> Folder:
        f = Folder(owner_id=user.id, name=name, kind="custom", position=position)
        session.add(f)
        return f

    def label(user: User, name: str, color: str) -> Label:
        lab = Label(owner_id=user.id, name=name, color=color)
        session.add(lab)
        return lab

    for i, person in enumerate(groups["customer"]):
        user = users[person.username]
        label(user, "Important", _LABEL_COLORS[0])
        label(user, "Family & friends", _LABEL_COLORS[2])
        if i % 3 == 0:
            receipts = folder(user, "Receipts", 10)
            session.flush()
            session.add(
                Filter(
                    owner_id=user.id,
                    name="Shop mail to Receipts",
                    field="from",
                    value="orders@mail.test",
                    action="move",
                    folder_id=receipts.id,
                )
            )
        if i % 4 == 1:
            folder(user, "Travel", 11)
        if i % 5 == 2:
            news = label(user, "Newsletters", _LABEL_COLORS[5])
            session.flush()
            session.add(
                Filter(
                    owner_id=user.id,
                    name="Label newsletters",
                    field="from",
                    value="newsletter@",
                    action="label",
                    label_id=news.id,
                )
            )
        if rng.random() < 0.3:
            folder(user, rng.choice(("Family", "Book club", "House", "Taxes 2026")), 12)
    for person in groups["staff"]:
        user = users[person.username]
        suppliers_folder = folder(user, "Suppliers", 10)
        folder(user, "Team", 11)
        urgent = label(user, "Urgent", _LABEL_COLORS[0])
        label(user, "Follow up", _LABEL_COLORS[1])
        invoices = label(user, "Invoices", _LABEL_COLORS[3])
        session.flush()
        session.add(
            Filter(
                owner_id=user.id,
                name="Invoices",
                field="subject",
                value="invoice",
                action="label",
                label_id=invoices.id,
                position=0,
            )
        )
        session.add(
            Filter(
                owner_id=user.id,
                name="Price lists to Suppliers",
                field="subject",
                value="price list",
                action="move",
                folder_id=suppliers_folder.id,
                position=1,
            )
        )
        session.add(
            Filter(
                owner_id=user.id,
                name="Backorders are urgent",
                field="body",
                value="backordered",
                action="label",
                label_id=urgent.id,
                position=2,
                is_active=False,
            )
        )
    for person in groups["supplier"]:
        user = users[person.username]
        folder(user, SHOP_NAME, 10)
        label(user, "Orders", _LABEL_COLORS[3])
        label(user, "To invoice", _LABEL_COLORS[1])
    for account in SERVICE_ACCOUNTS:
        user = users[account.username]
        label(user, "Escalated", _LABEL_COLORS[0])
        if account.username == "support":
            folder(user, "Resolved", 10)
            session.add(
                Filter(
                    owner_id=user.id,
                    name="Thank-yous are resolved",
                    field="body",
                    value="thank",
                    action="mark_read",
                    folder_id=None,
                    position=0,
                )
            )
    session.flush()


def _send_all(
    session: Session, ctx: SeedContext, users: dict[str, User], threads: list[Thread]
) -> dict[int, list[Message]]:
    """Send every step in time order; returns the sent messages per thread index."""
    rng = ctx.rng
    now = ctx.now
    steps = [
        (step.at, t_index, s_index)
        for t_index, t in enumerate(threads)
        for s_index, step in enumerate(t.steps)
    ]
    steps.sort()
    sent: dict[int, list[Message]] = {}
    for at, t_index, s_index in steps:
        if at >= now:
            continue
        thread = threads[t_index]
        step = thread.steps[s_index]
        previous = sent.get(t_index, [])
        body = step.body
        if previous and step.quote_previous:
            last = previous[-1]
            body = f"{body}\n\n{quote(last.body, last.sender_name, last.sender, last.sent_at)}"
        recipients = [("to", address_of(u), users[u]) for u in step.to]
        recipients += [("cc", address_of(u), users[u]) for u in step.cc]
        recipients += [("bcc", address_of(u), users[u]) for u in step.bcc]
        age = now - at
        read_chance = 0.95 if age > timedelta(days=4) else 0.4
        if thread.kind == "newsletter":
            read_chance = 0.55
        message = send_message(
            session,
            users[step.sender],
            recipients,
            subject=step.subject,
            body=body,
            now=at,
            attachments=step.attachments,
            thread_id=previous[0].thread_id if previous else None,
            in_reply_to_id=previous[-1].id if previous else None,
            recipient_read=lambda _u, c=read_chance: rng.random() < c,
        )
        sent.setdefault(t_index, []).append(message)
    return sent


#: Labels people put on mail by hand (others come from filters or fit one kind of mail).
_FLAG_LABELS = ("Important", "Follow up", "Urgent", "Escalated", "To invoice")


def _add_label(session: Session, item: MailboxItem, own: list[Label], name: str) -> None:
    for label in own:
        if label.name == name and label not in item.labels:
            item.labels.append(label)
            session.flush()  # one link row per flush: the dump's row order stays the same


def _file_away(session: Session, ctx: SeedContext) -> None:
    """Archive, trash, star and label some of the mail, as people do."""
    rng = ctx.rng
    now = ctx.now
    folders = {
        (f.owner_id, f.kind): f
        for f in session.scalars(select(Folder).where(Folder.kind != "custom"))
    }
    labels: dict[int, list[Label]] = {}
    for lab in session.scalars(select(Label).order_by(Label.id)):
        labels.setdefault(lab.owner_id, []).append(lab)
    customer_ids = set(session.scalars(select(User.id).where(User.role == "customer")))
    items = session.scalars(select(MailboxItem).order_by(MailboxItem.id)).all()
    for item in items:
        message = item.message
        inbox = folders[(item.owner_id, "inbox")]
        old = now - item.received_at > timedelta(days=45)
        if item.folder_id == inbox.id:
            r = rng.random()
            if message.sender.startswith("newsletter@") and r < 0.25:
                item.folder_id = folders[(item.owner_id, "trash")].id
                item.is_read = True
            elif old and r < 0.35:
                item.folder_id = folders[(item.owner_id, "archive")].id
                item.is_read = True
        if rng.random() < 0.07 and not message.sender.startswith("newsletter@"):
            item.is_starred = True
        own = labels.get(item.owner_id, [])
        personal = message.sender_id in customer_ids and item.owner_id in customer_ids
        if personal and message.sender_id != item.owner_id and rng.random() < 0.3:
            _add_label(session, item, own, "Family & friends")
        if rng.random() < 0.06:
            _add_label(session, item, own, rng.choice(_FLAG_LABELS))
    session.flush()


_DRAFTS = (
    ("Re: {subject}", "Thanks for this - I'll get back to you by "),
    ("Question about my order", "Hi,\n\nI wanted to ask whether "),
    ("Weekend plans", "Hey! Are you free on Saturday? I was thinking we could "),
)


def _drafts(
    session: Session, ctx: SeedContext, users: dict[str, User], groups: dict[str, list]
) -> None:
    rng = ctx.rng
    candidates = groups["customer"][::6] + groups["staff"][:3]
    for n, person in enumerate(candidates):
        user = users[person.username]
        subject_t, body = _DRAFTS[n % len(_DRAFTS)]
        last = session.scalars(
            select(Message)
            .join(MailboxItem, MailboxItem.message_id == Message.id)
            .where(
                MailboxItem.owner_id == user.id,
                Message.sender_id != user.id,
                Message.sender.not_in(["newsletter@mail.test", "orders@mail.test"]),
                Message.is_draft.is_(False),
            )
            .order_by(Message.sent_at.desc(), Message.id.desc())
        ).first()
        to = ""
        replying = last is not None and n % len(_DRAFTS) == 0
        if n % len(_DRAFTS) == 1:
            to = "support@mail.test"
        elif replying:
            to = last.sender
        elif groups["customer"]:
            to = address_of(rng.choice(groups["customer"]).username)
        subject = subject_t.format(subject=last.subject if last else "your message").replace(
            "Re: Re: ", "Re: "
        )
        save_draft(
            session,
            user,
            recipients_text={"to": to},
            subject=subject,
            body=body,
            now=ctx.now - timedelta(hours=rng.randint(1, 200)),
            thread_id=last.thread_id if replying else None,
            in_reply_to_id=last.id if replying else None,
        )


def _contacts(session: Session, users: dict[str, User], groups: dict[str, list]) -> None:
    """Address books: everyone a user exchanged mail with, plus suppliers for staff."""
    by_id = {u.id: u for u in users.values()}
    people = {p.username: p for role in groups.values() for p in role}
    pairs: dict[int, set[int]] = {}
    rows = session.execute(
        select(MailboxItem.owner_id, Message.sender_id).join(
            Message, Message.id == MailboxItem.message_id
        )
    ).all()
    for owner_id, sender_id in rows:
        if owner_id != sender_id:
            pairs.setdefault(owner_id, set()).add(sender_id)
    staff_ids = [users[p.username].id for p in groups["staff"]]
    supplier_ids = [users[p.username].id for p in groups["supplier"]]
    for staff_id in staff_ids:
        pairs.setdefault(staff_id, set()).update(
            supplier_ids + [i for i in staff_ids if i != staff_id]
        )
    for owner_id in sorted(pairs):
        owner = by_id[owner_id]
        if owner.role == "service":
            continue
        for other_id in sorted(pairs[owner_id], key=lambda i: by_id[i].display_name):
            other = by_id[other_id]
            person = people.get(other.username)
            session.add(
                Contact(
                    owner_id=owner_id,
                    name=other.display_name,
                    email=other.email,
                    phone=person.phone if person else "",
                    company=other.company or "",
                    notes="Supplier contact"
                    if other.role == "supplier" and owner.role == "staff"
                    else "",
                )
            )
    session.flush()


def seed(session: Session, ctx: SeedContext) -> None:
    """Build the whole mail world for ``ctx.seed`` (deterministic; dates relative to ctx.now)."""
    now: datetime = ctx.now
    rng = ctx.rng
    users, groups = _make_users(session, ctx)
    _folders_labels_filters(session, ctx, users, groups)
    customers, staff = groups["customer"], groups["staff"]
    buyer, manager = staff[1 % len(staff)], staff[0]
    agents = [
        p
        for i, p in enumerate(staff)
        if STAFF_JOBS[i % len(STAFF_JOBS)].startswith("Customer Care")
    ]
    world = build_world(ctx.seed, now)
    orders = mail_orders(world, now)
    threads: list[Thread] = []
    threads += order_threads(world, orders, now)
    threads += support_threads(rng, world, orders, agents or staff[:1], now)
    threads += newsletter_threads(world, customers[::2], now)
    threads += supplier_threads(world, buyer, manager, now)
    threads += colleague_threads(rng, world, staff, now)
    threads += personal_threads(rng, friend_circles(rng, customers), now)
    session.info["mail_filter_cache"] = {}  # filters stay fixed while the seed sends
    _send_all(session, ctx, users, threads)
    del session.info["mail_filter_cache"]
    _file_away(session, ctx)
    _drafts(session, ctx, users, groups)
    _contacts(session, users, groups)
