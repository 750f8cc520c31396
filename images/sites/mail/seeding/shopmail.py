# ruff: noqa: E501  (mail prose reads better unwrapped)
"""Mail the shop sends customers: order confirmations, shipping notices, support threads, news.

Orders here are the customers' orders as the mail site tells them: numbers ``NE-10421``...
(deliberately not the shop's ``SO-`` numbers: the mail seed cannot see the shop's database),
items and prices from the shop's catalog, addresses from the shared people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..mailbox import NewAttachment
from .files import pdf_bytes
from .plan import Step, Thread, reply_subject
from .world import PRODUCT_LINES, SHOP_NAME, Product, money

__all__ = ["Order", "plan_orders", "order_threads", "support_threads", "newsletter_threads"]

_CARRIERS = ("UPS", "DHL Express", "FedEx Ground", "USPS Priority")


@dataclass(frozen=True)
class Order:
    """An order as the confirmation mail states it."""

    number: str
    customer: object  # a kit Person
    placed_at: datetime
    lines: tuple[tuple[Product, int], ...]
    shipping_name: str
    shipping_cost: float

    @property
    def subtotal(self) -> float:
        """Sum of the lines."""
        return round(sum(p.retail * q for p, q in self.lines), 2)

    @property
    def total(self) -> float:
        """Subtotal plus shipping."""
        return round(self.subtotal + self.shipping_cost, 2)


def plan_orders(rng: random.Random, customers: list, now: datetime) -> list[Order]:
    """1-3 orders for most customers over the last ~5 months, numbered in date order."""
    products = [p for _cat, line in PRODUCT_LINES for p in line]
    drafts = []
    for person in customers:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3))):
            placed = now - timedelta(days=rng.randint(1, 150), minutes=rng.randint(0, 900))
            picks = rng.sample(products, rng.choice((1, 1, 1, 2, 2, 3)))
            lines = tuple((p, rng.choice((1, 1, 1, 1, 2))) for p in picks)
            subtotal = sum(p.retail * q for p, q in lines)
            if rng.random() < 0.2:
                ship = ("Express (1-2 business days)", 14.99)
            elif subtotal >= 50:
                ship = ("Standard (3-5 business days)", 0.0)
            else:
                ship = ("Standard (3-5 business days)", 5.99)
            drafts.append((placed, person, lines, ship))
    drafts.sort(key=lambda d: (d[0], d[1].username))
    return [
        Order(f"NE-{10421 + i}", person, placed, lines, ship[0], ship[1])
        for i, (placed, person, lines, ship) in enumerate(drafts)
    ]


def _address(person) -> str:
    return (
        f"{person.display_name}\n{person.street}\n{person.postcode} {person.city}\n{person.country}"
    )


def _order_table(order: Order) -> str:
    rows = [f"  {q} x {p.name:<36} {money(p.retail * q):>10}" for p, q in order.lines]
    rows.append(f"  {'Subtotal':<40} {money(order.subtotal):>10}")
    rows.append(f"  {'Shipping: ' + order.shipping_name:<40} {money(order.shipping_cost):>10}")
    rows.append(f"  {'Total':<40} {money(order.total):>10}")
    return "\n".join(rows)


def _invoice(order: Order) -> NewAttachment:
    lines = [
        f"Invoice for order {order.number}",
        f"Date: {order.placed_at:%B %-d, %Y}",
        "",
        "Bill to:",
        *_address(order.customer).splitlines(),
        "",
        *[f"{q} x {p.name} ({p.sku})  {money(p.retail * q)}" for p, q in order.lines],
        "",
        f"Subtotal: {money(order.subtotal)}",
        f"Shipping: {money(order.shipping_cost)}",
        f"Total paid: {money(order.total)}",
        "",
        f"{SHOP_NAME} - 14 Quay Street - Portland, ME 04101 - shop.test",
    ]
    return NewAttachment(
        f"invoice-{order.number}.pdf", "application/pdf", pdf_bytes(f"{SHOP_NAME} invoice", lines)
    )


def order_threads(rng: random.Random, orders: list[Order], now: datetime) -> list[Thread]:
    """Per order: a confirmation, then (when time allows) shipped and delivered notices."""
    threads = []
    for order in orders:
        person = order.customer
        first = person.first_name
        confirm = Step(
            at=order.placed_at + timedelta(minutes=1),
            sender="orders",
            to=[person.username],
            subject=f"Order confirmation - order {order.number}",
            body=(
                f"Hi {first},\n\nThank you for shopping with {SHOP_NAME}! We have received your "
                f"order {order.number}, placed on {order.placed_at:%B %-d, %Y}.\n\n"
                f"{_order_table(order)}\n\nShipping to:\n{_address(person)}\n\n"
                "We will email you again as soon as your parcel is on its way. You can follow "
                "your order any time under My orders at http://shop.test/.\n\n"
                f"Thanks,\nThe {SHOP_NAME} team"
            ),
            quote_previous=False,
        )
        if int(order.number[3:]) % 3 == 0:  # every third order has its invoice
            confirm.attachments.append(_invoice(order))
        steps = [confirm]
        shipped_at = order.placed_at + timedelta(days=rng.randint(1, 2), hours=rng.randint(1, 8))
        if shipped_at < now:
            carrier = rng.choice(_CARRIERS)
            tracking = f"1Z{rng.randint(10**9, 10**10 - 1)}{rng.randint(10, 99)}"
            steps.append(
                Step(
                    at=shipped_at,
                    sender="orders",
                    to=[person.username],
                    subject=f"Your order {order.number} has shipped",
                    body=(
                        f"Hi {first},\n\nGood news: your order {order.number} is on its way.\n\n"
                        f"Carrier: {carrier}\nTracking number: {tracking}\n"
                        f"Estimated delivery: {shipped_at + timedelta(days=3):%A, %B %-d}\n\n"
                        f"{_order_table(order)}\n\nThe {SHOP_NAME} team"
                    ),
                    quote_previous=False,
                )
            )
            delivered_at = shipped_at + timedelta(days=rng.randint(2, 4), hours=rng.randint(0, 6))
            if delivered_at < now and rng.random() < 0.55:
                steps.append(
                    Step(
                        at=delivered_at,
                        sender="orders",
                        to=[person.username],
                        subject=f"Delivered: order {order.number}",
                        body=(
                            f"Hi {first},\n\nYour order {order.number} was delivered today. "
                            "We hope you enjoy it!\n\nIf something is not right, you can start a "
                            "return within 30 days from My orders, or just reply to "
                            f"support@mail.test.\n\nThe {SHOP_NAME} team"
                        ),
                        quote_previous=False,
                    )
                )
        threads.append(Thread("order", steps, {"order": order.number, "customer": person.username}))
    return threads


_QUESTIONS = (
    (
        "Where is my parcel? (order {num})",
        "Hello,\n\nI ordered {item} on {date} (order {num}) and the tracking page has not changed "
        "for three days. Could you check where it is?\n\nThanks,\n{first}",
        "Hi {first},\n\nThank you for your patience. I checked with the carrier: your parcel was "
        "held at the regional depot and is out for delivery again. You should have it within "
        "two business days. If it does not arrive by then, reply here and we will send a "
        "replacement at no cost.\n\nBest regards,\n{agent}\n{shop} Customer Care",
    ),
    (
        "Return request for order {num}",
        "Hi,\n\nI would like to return the {item} from order {num}. It works fine but it is not "
        "what I expected. How do I send it back?\n\nBest,\n{first} {last}",
        "Hi {first},\n\nNo problem. Please start the return under My orders > {num} > Return "
        "items on shop.test, print the label and drop the parcel at any post office. The refund "
        "of {amount} goes back to your card within 5 business days after we receive it.\n\n"
        "Kind regards,\n{agent}\n{shop} Customer Care",
    ),
    (
        "Damaged item in order {num}",
        "Hello,\n\nThe {item} in my order {num} arrived with a crack in the packaging and the "
        "item itself is scratched. I attached nothing yet but can send photos. What can you "
        "do?\n\n{first}",
        "Hi {first},\n\nI am sorry to hear that. No need to send it back: we have shipped a "
        "replacement {item} today, and you will receive a separate shipping notice. Please "
        "keep or recycle the damaged one.\n\nBest regards,\n{agent}\n{shop} Customer Care",
    ),
    (
        "Change delivery address for order {num}?",
        "Hi there,\n\nI just placed order {num} and realised it goes to my old address. Can you "
        "still change it to my current one?\n\nMany thanks,\n{first}",
        "Hi {first},\n\nWe caught it in time: the address of order {num} is updated and the "
        "parcel will go out tomorrow. Please double-check your address book on shop.test for "
        "the next order.\n\nCheers,\n{agent}\n{shop} Customer Care",
    ),
)


def support_threads(
    rng: random.Random, orders: list[Order], agents: list, now: datetime
) -> list[Thread]:
    """About one order in six leads to a question to support, an answer, often a thank-you."""
    threads = []
    for order in orders:
        if rng.random() > 0.17:
            continue
        asked = order.placed_at + timedelta(days=rng.randint(2, 6), hours=rng.randint(1, 9))
        if asked >= now - timedelta(hours=2):
            continue
        person = order.customer
        subject_t, ask_t, answer_t = rng.choice(_QUESTIONS)
        product, qty = order.lines[0]
        agent = rng.choice(agents)
        values = {
            "num": order.number,
            "item": product.name,
            "date": f"{order.placed_at:%B %-d}",
            "first": person.first_name,
            "last": person.last_name,
            "agent": agent.first_name,
            "shop": SHOP_NAME,
            "amount": money(product.retail * qty),
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
    ("Fitness goals: smartwatches up to 20% off", "Smartwatches"),
    ("Point, click, done: our favourite mice", "Mice"),
    ("Music for every room", "Speakers"),
)


def newsletter_threads(rng: random.Random, subscribers: list, now: datetime) -> list[Thread]:
    """One newsletter a week for ten weeks, Bcc to the subscribers."""
    threads = []
    lines = dict(PRODUCT_LINES)
    for week, (title, category) in enumerate(_NEWS):
        at = (now - timedelta(days=3 + 7 * week)).replace(hour=7, minute=30, second=0)
        picks = lines[category][:3]
        code = f"{category.split()[0].upper()[:6]}{10 + week}"
        body = (
            f"{SHOP_NAME} weekly\n{'=' * 20}\n\n{title}\n\n"
            + "\n".join(f"* {p.name} - now {money(p.retail)}" for p in picks)
            + f"\n\nThis week only: use code {code} for 10% off {category.lower()} "
            f"until {at + timedelta(days=6):%B %-d}.\n\nSee everything at http://shop.test/\n\n"
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
                {"coupon": code},
            )
        )
    return threads
