"""A year of orders and what happened to each (statuses, cancellations, refunds, returns).

Part of the world's single random stream (see history.py): draws happen in a fixed order.
Totals follow the store's rules in store.py; the shop's seed replays these orders as rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guigym.images.sites.kit.world.model import (
    Account,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    Return,
)
from guigym.images.sites.kit.world.store import (
    SHIPPING_METHODS,
    coupon_definitions,
    coupon_discount_cents,
    shipping_cents,
)

__all__ = ["plan_orders", "N_ORDERS", "RETURN_REASONS", "refund_note"]

N_ORDERS = 720
RETURN_REASONS = ["damaged", "wrong_item", "not_as_described", "no_longer_needed", "defective"]
_COMMENTS = [
    "",
    "Box was crushed on arrival.",
    "Ordered the wrong size.",
    "Does not pair with my laptop.",
    "Found it cheaper locally.",
]


def refund_note(amount_cents: int, reason: str) -> str:
    """The order-event note of a refund (the shop's wording)."""
    cents = abs(int(amount_cents))
    return f"Refunded ${cents // 100:,}.{cents % 100:02d}: {reason}"


def plan_orders(
    rng: random.Random,
    now: datetime,
    customers: tuple[Account, ...],
    products: list[Product],
    staff: list[str],
) -> list[Order]:
    """All orders, numbered SO-10001... in date order."""
    weights = [rng.choice([1, 1, 2, 3, 5]) for _ in customers]
    idx = list(range(len(customers)))
    plans = []
    for _ in range(N_ORDERS):
        age = timedelta(minutes=rng.randint(30, 365 * 24 * 60))
        plans.append((now - age, rng.choices(idx, weights)[0]))
    for _ in range(30):  # a busy last few days: orders still pending, processing or shipped
        when = now - timedelta(minutes=rng.randint(20, 4 * 24 * 60))
        plans.append((when, rng.choices(idx, weights)[0]))
    for c in idx[:60]:  # every one of the first 60 customers has at least one order
        plans.append((now - timedelta(minutes=rng.randint(3 * 24 * 60, 300 * 24 * 60)), c))
    plans.sort()
    cheap = [p for p in products if p.price_cents < 30000]
    coupons = {c["code"]: c for c in coupon_definitions(now)}
    methods = list(SHIPPING_METHODS)
    returns = [0]
    out = []
    for n, (when, ci) in enumerate(plans):
        account = customers[ci]
        count = rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0]
        pool = products if rng.random() < 0.35 else cheap
        picked = rng.sample(pool, count)
        lines = tuple(
            OrderLine(
                p.sku, p.name, p.category, p.price_cents, rng.choices([1, 2, 3], [80, 15, 5])[0]
            )
            for p in picked
        )
        addresses = account.addresses
        address = addresses[0] if len(addresses) == 1 or rng.random() < 0.8 else addresses[1]
        method = rng.choices(methods, [75, 20, 5])[0]
        pay = rng.choices(["card", "paypal", "invoice"], [75, 20, 5])[0]
        coupon_code, discount = None, 0
        subtotal = sum(line.line_total_cents for line in lines)
        if rng.random() < 0.12:
            candidate = coupons[rng.choice(["WELCOME10", "SAVE20", "SPRING15", "WINTER30"])]
            if candidate["valid_from"] <= when <= candidate["valid_until"] and subtotal >= (
                candidate.get("min_subtotal_cents", 0)
            ):
                coupon_code = candidate["code"]
                discount = coupon_discount_cents(
                    candidate, [(x.unit_price_cents, x.category, x.qty) for x in lines]
                )
        card = f"{rng.randint(0, 9999):04d}" if pay == "card" else None
        actor = rng.choice(staff)
        shipping = shipping_cents(method, subtotal - discount)
        number = f"SO-{10001 + n}"
        state = {
            "status": "pending",
            "refunded": 0,
            "updated": when,
            "tracking": None,
            "total": subtotal - discount + shipping,
        }
        events = [OrderEvent("pending", "Order placed", account.person.username, when)]
        steps = _age(rng, now, n, number, when, lines, actor, state, events, returns)
        out.append(
            Order(
                number=number,
                index=n,
                customer=account.person.username,
                placed_at=when,
                lines=lines,
                address=address,
                shipping_method=method["code"],
                payment_method=pay,
                card_last4=card,
                coupon_code=coupon_code,
                subtotal_cents=subtotal,
                discount_cents=discount,
                shipping_cents=shipping,
                total_cents=state["total"],
                status=state["status"],
                refunded_cents=state["refunded"],
                tracking_number=state["tracking"],
                updated_at=state["updated"],
                events=tuple(events),
                steps=tuple(steps),
            )
        )
    return out


def _age(rng, now, n, number, placed, lines, actor, state, events, returns) -> list[tuple]:
    """Walk an order through its life up to "now" (the shop's order aging)."""
    age = now - placed
    h = timedelta(hours=1)
    statuses: list[tuple[str, datetime]] = []
    if rng.random() < 0.04 and age > 6 * h:
        statuses = [("cancelled", placed + rng.randint(1, 5) * h)]
    else:
        t = placed + rng.randint(3, 36) * h
        gaps = (
            ("processing", 0),
            ("shipped", rng.randint(12, 48)),
            ("delivered", rng.randint(30, 110)),
        )
        for status, gap in gaps:
            t = t + gap * h
            if t >= now:
                break
            statuses.append((status, t))
    note = {"cancelled": "Cancelled at the customer's request", "shipped": "Handed to carrier"}
    steps: list[tuple] = []
    for status, t in statuses:
        who = actor if status != "delivered" else "system"
        steps.append(("status", status, who, t, note.get(status, "")))
        if status == "shipped" and not state["tracking"]:
            state["tracking"] = f"1Z{n + 1:06d}{number[-5:]}US"
        state["status"], state["updated"] = status, t
        events.append(OrderEvent(status, note.get(status, ""), who, t))

    def refund(amount: int, reason: str, when: datetime) -> None:
        steps.append(("refund", amount, reason, actor, when))
        state["refunded"] += amount
        state["updated"] = when
        if state["refunded"] >= state["total"]:
            state["status"] = "refunded"
        events.append(OrderEvent(state["status"], refund_note(amount, reason), actor, when))

    if state["status"] == "delivered" and age > timedelta(days=10):
        roll = rng.random()
        if roll < 0.03:
            refund(
                state["total"],
                "Goodwill refund: parcel lost",
                placed + timedelta(days=rng.randint(8, 10)),
            )
        elif roll < 0.08:
            i = rng.choice(range(len(lines)))
            days = rng.randint(6, 9)
            created = placed + timedelta(days=days, hours=rng.randint(0, 12))
            status = rng.choice(["requested", "approved", "rejected", "refunded", "refunded"])
            if created > now:
                status = "requested"
            returns[0] += 1
            ret = Return(
                number=f"RMA-{5000 + returns[0]}",
                line_index=i,
                qty=1,
                reason=rng.choice(RETURN_REASONS),
                comment=rng.choice(_COMMENTS),
                status=status,
                created_at=created,
                resolved_at=None if status == "requested" else created + timedelta(days=2),
            )
            steps.append(("return", ret, actor))
            if status == "refunded":
                refund(
                    lines[i].unit_price_cents, f"Return {ret.number}", created + timedelta(days=2)
                )
    return steps
