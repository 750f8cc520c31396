# ruff: noqa: E501  (mail prose reads better unwrapped)
"""Mail the shop sends customers: order confirmations, shipping notices, support threads, news.

The orders are the shop's own (``kit.world`` order history, the rows of the shop's ``orders``
table): same ``SO-`` numbers, customers, items, totals, dates and status timeline. The mail
holds a representative subset: every order of the last 60 days and every sixth older order of
the last ~5 months.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guigym.images.sites.kit.world import SHIPPING_METHODS, World, coupon_definitions
from guigym.images.sites.kit.world import Order as Order

from ..mailbox import NewAttachment
from .files import pdf_bytes
from .plan import Step, Thread, reply_subject
from .world import SHOP_NAME, category_products, money

__all__ = ["Order", "mail_orders", "order_threads", "support_threads", "newsletter_threads"]

#: Orders placed this recently are all in the mail; older ones (up to OLDEST) one in OLDER_EVERY.
RECENT = timedelta(days=60)
OLDEST = timedelta(days=150)
OLDER_EVERY = 6
CARRIER = "UPS"
_METHOD_NAMES = {m["code"]: m["name"] for m in SHIPPING_METHODS}
_PAYMENT = {"card": "card", "paypal": "PayPal", "invoice": "invoice"}


def mail_orders(world: World, now: datetime) -> list[Order]:
    """The shop orders the mail talks about (see the module docstring), in date order."""
    return [
        o
        for o in world.orders
        if o.placed_at < now
        and (
            now - o.placed_at <= RECENT
            or (now - o.placed_at <= OLDEST and o.index % OLDER_EVERY == 0)
        )
    ]


def _dollars(cents: int) -> str:
    return money(cents / 100)


def _address(order: Order) -> str:
    a = order.address
    return f"{a.full_name}\n{a.street}\n{a.postcode} {a.city}\n{a.country}"


def _order_table(order: Order) -> str:
    rows = [
        f"  {line.qty} x {line.name} ({line.sku})  {_dollars(line.line_total_cents)}"
        for line in order.lines
    ]
    rows.append(f"  {'Subtotal':<40} {_dollars(order.subtotal_cents):>10}")
    if order.discount_cents:
        rows.append(
            f"  {'Discount (' + str(order.coupon_code) + ')':<40} {'-' + _dollars(order.discount_cents):>10}"
        )
    shipping = "Shipping: " + _METHOD_NAMES[order.shipping_method]
    rows.append(f"  {shipping:<40} {_dollars(order.shipping_cents):>10}")
    rows.append(f"  {'Total':<40} {_dollars(order.total_cents):>10}")
    return "\n".join(rows)


def _invoice(order: Order, person) -> NewAttachment:
    lines = [
        f"Invoice for order {order.number}",
        f"Date: {order.placed_at:%B %-d, %Y}",
        "",
        "Bill to:",
        person.display_name,
        person.street,
        f"{person.postcode} {person.city}",
        person.country,
        "",
        *[f"{x.qty} x {x.name} ({x.sku})  {_dollars(x.line_total_cents)}" for x in order.lines],
        "",
        f"Subtotal: {_dollars(order.subtotal_cents)}",
        *(
            [f"Discount ({order.coupon_code}): -{_dollars(order.discount_cents)}"]
            if order.discount_cents
            else []
        ),
        f"Shipping: {_dollars(order.shipping_cents)}",
        f"Total: {_dollars(order.total_cents)} (paid by {_PAYMENT[order.payment_method]})",
        "",
        f"{SHOP_NAME} - 14 Quay Street - Portland, ME 04101 - shop.test",
    ]
    return NewAttachment(
        f"invoice-{order.number}.pdf", "application/pdf", pdf_bytes(f"{SHOP_NAME} invoice", lines)
    )


def _notice(
    order: Order, first: str, status: str, note: str, at: datetime
) -> tuple[str, str] | None:
    """Subject and body of the notice the shop sends when ``order`` reaches ``status``."""
    sign = f"The {SHOP_NAME} team"
    if note.startswith("Refunded "):
        return (
            f"Refund for order {order.number}",
            f"Hi {first},\n\n{note}.\n\nThe money goes back to your "
            f"{_PAYMENT[order.payment_method]} within 5 business days.\n\n{sign}",
        )
    if status == "shipped":
        return (
            f"Your order {order.number} has shipped",
            f"Hi {first},\n\nGood news: your order {order.number} is on its way.\n\n"
            f"Carrier: {CARRIER}\nTracking number: {order.tracking_number}\n\n"
            f"{_order_table(order)}\n\nShipping to:\n{_address(order)}\n\n{sign}",
        )
    if status == "delivered":
        return (
            f"Delivered: order {order.number}",
            f"Hi {first},\n\nYour order {order.number} was delivered on {at:%B %-d}. "
            "We hope you enjoy it!\n\nIf something is not right, you can start a return "
            "within 30 days from My orders, or just reply to support@mail.test.\n\n" + sign,
        )
    if status == "cancelled":
        return (
            f"Your order {order.number} has been cancelled",
            f"Hi {first},\n\nAs requested, your order {order.number} of "
            f"{order.placed_at:%B %-d} has been cancelled. You have not been charged "
            f"{_dollars(order.total_cents)}.\n\n{sign}",
        )
    return None


def order_threads(world: World, orders: list[Order], now: datetime) -> list[Thread]:
    """Per order: a confirmation, then the shipped/delivered/cancelled/refund notices so far."""
    people = {p.username: p for p in world.people}
    threads = []
    for order in orders:
        person = people[order.customer]
        first = person.first_name
        confirm = Step(
            at=order.placed_at + timedelta(minutes=1),
            sender="orders",
            to=[person.username],
            subject=f"Order confirmation - order {order.number}",
            body=(
                f"Hi {first},\n\nThank you for shopping with {SHOP_NAME}! We have received your "
                f"order {order.number}, placed on {order.placed_at:%B %-d, %Y}.\n\n"
                f"{_order_table(order)}\n\nShipping to:\n{_address(order)}\n\n"
                "We will email you again as soon as your parcel is on its way. You can follow "
                "your order any time under My orders at http://shop.test/.\n\n"
                f"Thanks,\nThe {SHOP_NAME} team"
            ),
            quote_previous=False,
        )
        if int(order.number[3:]) % 3 == 0:  # every third order has its invoice
            confirm.attachments.append(_invoice(order, person))
        steps = [confirm]
        for event in order.events[1:]:
            notice = _notice(order, first, event.status, event.note, event.at)
            if notice is None or event.status == "processing":
                continue
            steps.append(
                Step(
                    event.at + timedelta(minutes=2),
                    "orders",
                    [person.username],
                    notice[0],
                    notice[1],
                    quote_previous=False,
                )
            )
        threads.append(Thread("order", steps, {"order": order.number, "customer": person.username}))
    return threads


#: Customer questions by the order's situation: (subject, question, answer).
_QUESTIONS: dict[str, tuple[str, str, str]] = {
    "parcel": (
        "Where is my parcel? (order {num})",
        "Hello,\n\nI ordered {item} on {date} (order {num}) and the tracking page has not changed "
        "for two days. Could you check where it is?\n\nThanks,\n{first}",
        "Hi {first},\n\nThank you for your patience. I checked with {carrier} (tracking number "
        "{tracking}): your parcel was held at the regional depot and is out for delivery again. "
        "If it does not arrive within two business days, reply here and we will look into it."
        "\n\nBest regards,\n{agent}\n{shop} Customer Care",
    ),
    "return": (
        "Return request for order {num}",
        "Hi,\n\nI would like to return the {item} from order {num}. It works fine but it is not "
        "what I expected. How do I send it back?\n\nBest,\n{first} {last}",
        "Hi {first},\n\nNo problem. Please start the return under My orders > {num} > Return "
        "items on shop.test, print the label and drop the parcel at any post office. The refund "
        "of {amount} goes back to your original payment method within 5 business days after we "
        "receive it.\n\nKind regards,\n{agent}\n{shop} Customer Care",
    ),
    "damaged": (
        "Damaged item in order {num}",
        "Hello,\n\nThe {item} in my order {num} arrived with a crack in the packaging and the "
        "item itself is scratched. What can you do?\n\n{first}",
        "Hi {first},\n\nI am sorry to hear that. Please start a return under My orders > {num} "
        '> Return items and choose "Damaged" as the reason; the label is free and we refund '
        "{amount} as soon as the parcel reaches us.\n\nBest regards,\n{agent}\n{shop} Customer Care",
    ),
    "address": (
        "Change delivery address for order {num}?",
        "Hi there,\n\nI just placed order {num} and realised it goes to the wrong address. Can you "
        "still change it?\n\nMany thanks,\n{first}",
        "Hi {first},\n\nWe cannot change the address of an order once it is placed, but order "
        "{num} has not shipped yet: you can cancel it under My orders on shop.test and order "
        "again with the right address.\n\nCheers,\n{agent}\n{shop} Customer Care",
    ),
}


def _question(order: Order, now: datetime, rng: random.Random) -> tuple[str, datetime] | None:
    """Which question fits the order's situation, and when it was asked (None: no question)."""
    shipped, delivered = order.event_at("shipped"), order.event_at("delivered")
    if order.status in ("cancelled", "refunded"):
        return None
    if delivered is not None:
        kind = rng.choice(("return", "damaged", "return"))
        return kind, delivered + timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 9))
    if shipped is not None:
        return "parcel", shipped + timedelta(days=2, hours=rng.randint(1, 9))
    return "address", order.placed_at + timedelta(minutes=rng.randint(20, 90))


def support_threads(
    rng: random.Random, world: World, orders: list[Order], agents: list, now: datetime
) -> list[Thread]:
    """About one order in six leads to a question to support, an answer, often a thank-you."""
    people = {p.username: p for p in world.people}
    threads = []
    for order in orders:
        if rng.random() > 0.17:
            continue
        fit = _question(order, now, rng)
        if fit is None or fit[1] >= now - timedelta(hours=2):
            continue
        kind, asked = fit
        person = people[order.customer]
        subject_t, ask_t, answer_t = _QUESTIONS[kind]
        line = order.lines[0]
        agent = rng.choice(agents)
        values = {
            "num": order.number,
            "item": line.name,
            "date": f"{order.placed_at:%B %-d}",
            "first": person.first_name,
            "last": person.last_name,
            "agent": agent.first_name,
            "shop": SHOP_NAME,
            "amount": _dollars(line.unit_price_cents),
            "carrier": CARRIER,
            "tracking": order.tracking_number or "",
        }
        subject = subject_t.format(**values)
        steps = [Step(asked, person.username, ["support"], subject, ask_t.format(**values))]
        answered = asked + timedelta(hours=rng.randint(2, 26))
        if answered < now:
            steps.append(
                Step(
                    answered,
                    "support",
                    [person.username],
                    reply_subject(subject),
                    answer_t.format(**values),
                    bcc=[agent.username],
                )
            )
            thanked = answered + timedelta(hours=rng.randint(1, 20))
            if thanked < now and rng.random() < 0.5:
                steps.append(
                    Step(
                        thanked,
                        person.username,
                        ["support"],
                        reply_subject(subject),
                        rng.choice(
                            (
                                f"That was quick, thank you {agent.first_name}!\n\n{person.first_name}",
                                f"Perfect, thanks for sorting this out.\n\nBest,\n{person.first_name}",
                                f"Great, much appreciated.\n{person.first_name}",
                            )
                        ),
                    )
                )
        threads.append(
            Thread("support", steps, {"order": order.number, "customer": person.username})
        )
    return threads


_NEWS = (
    ("Work from home, comfortably", "Keyboards"),
    ("Sound that travels: headphones week", "Headphones"),
    ("Bigger screens, better days", "Monitors"),
    ("Faster Wi-Fi for every room", "Networking"),
    ("Storage deals: room for every photo", "Storage"),
    ("Charge everything, anywhere", "Accessories"),
    ("Summer adventures on camera", "Cameras"),
    ("Fitness goals for every wrist", "Smartwatches"),
    ("Point, click, done: our favourite mice", "Mice"),
    ("Music for every room", "Speakers"),
)


def _coupon_for(category: str, at: datetime, now: datetime) -> dict | None:
    """A real shop coupon valid on ``at`` (one for the category if any, else a general one)."""
    valid = [
        c
        for c in coupon_definitions(now)
        if c.get("active", True)
        and c["valid_from"] <= at <= c["valid_until"]
        and not c.get("max_uses")
    ]
    own = [c for c in valid if c.get("category") == category.lower()]
    general = [c for c in valid if not c.get("category")]
    return (own or general or [None])[0]


def newsletter_threads(world: World, subscribers: list, now: datetime) -> list[Thread]:
    """One newsletter a week for ten weeks, Bcc to the subscribers (shop prices, real coupons)."""
    threads = []
    for week, (title, category) in enumerate(_NEWS):
        at = (now - timedelta(days=3 + 7 * week)).replace(hour=7, minute=30, second=0)
        picks = category_products(world, category)[:3]
        coupon = _coupon_for(category, at, now)
        offer = (
            f"\n\nUse code {coupon['code']} at checkout: {coupon['description']} "
            f"(until {coupon['valid_until']:%B %-d, %Y})."
            if coupon
            else ""
        )
        body = (
            f"{SHOP_NAME} weekly\n{'=' * 20}\n\n{title}\n\n"
            + "\n".join(f"* {p.name} ({p.sku}) - {money(p.retail)}" for p in picks)
            + offer
            + "\n\nSee everything at http://shop.test/\n\n"
            "You receive this email because you subscribed to our newsletter. "
            "To unsubscribe, reply with UNSUBSCRIBE."
        )
        threads.append(
            Thread(
                "newsletter",
                [
                    Step(
                        at,
                        "newsletter",
                        [],
                        f"{title} | {SHOP_NAME} weekly",
                        body,
                        bcc=[p.username for p in subscribers],
                        quote_previous=False,
                    )
                ],
                {"coupon": coupon["code"] if coupon else ""},
            )
        )
    return threads
