"""Shop orders the code tracker's issues talk about: real ones from the shared world.

Issues used to invent order numbers; now every number is an order of ``kit.world`` (the shop's
``orders`` table for the same seed and now) that fits the story and existed when the issue
was opened. Issue drafts carry tokens (``{order}``, ``{order_sku}``, ``{order_name}``,
``{order_price}``) and a kind; ``resolve_order`` fills them in once the issue's date is known.
No randomness is drawn here, so the rest of the code site's data does not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from guigym.images.sites.kit.world import Order

__all__ = ["ORDER_TOKENS", "OrderFacts", "pick_order", "facts_of", "fill_order"]

ORDER_TOKENS = ("{order}", "{order_sku}", "{order_name}", "{order_price}")
_BIG = 50_000  # cents: refunds above $500 need the Store Manager


@dataclass(frozen=True)
class OrderFacts:
    """What an issue says about its order: number and (for escalations) the big line."""

    number: str
    sku: str
    name: str
    price: str


def _event_at(order: Order, status: str) -> datetime | None:
    return next((e.at for e in order.events if e.status == status), None)


def _money(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def _latest(orders: list[Order], key) -> Order | None:
    return max(orders, key=key) if orders else None


def pick_order(orders: tuple[Order, ...], kind: str, before: datetime, slot: int = 0) -> Order:
    """The order an issue of ``kind`` opened at ``before`` is about (deterministic).

    kinds: ``shipped`` (was shipped, preferably still is: "shipped without tracking"),
    ``placed`` (the latest order placed: "confirmation sent twice"), ``cancelled:<sku>`` (a
    cancelled order, with ``sku`` if one exists), ``refund`` (delivered, a line over $500,
    total over $500, delivered within 30 days), ``any`` (one of the orders of the 60 days
    before, chosen by ``slot``).
    """
    past = [o for o in orders if o.placed_at < before]
    if kind == "shipped":
        was = [o for o in past if (_event_at(o, "shipped") or before) < before]
        still = [o for o in was if o.status == "shipped"]
        found = _latest(still or was, lambda o: _event_at(o, "shipped"))
    elif kind == "placed":
        found = _latest(past, lambda o: o.placed_at)
    elif kind.startswith("cancelled"):
        sku = kind.partition(":")[2]
        gone = [o for o in past if (_event_at(o, "cancelled") or before) < before]
        with_sku = [o for o in gone if any(line.sku == sku for line in o.lines)]
        found = _latest(with_sku or gone, lambda o: _event_at(o, "cancelled"))
    elif kind == "refund":
        done = [
            o
            for o in past
            if o.status == "delivered"
            and o.total_cents > _BIG
            and any(line.unit_price_cents > _BIG for line in o.lines)
            and (at := _event_at(o, "delivered")) is not None
            and before - timedelta(days=30) <= at < before
        ]
        done = done or [o for o in past if o.status == "delivered" and o.total_cents > _BIG]
        found = _latest(done, lambda o: o.placed_at)
    elif kind == "any":
        recent = [o for o in past if o.placed_at >= before - timedelta(days=60)] or past
        found = recent[slot % len(recent)] if recent else None
    else:
        raise ValueError(f"unknown order kind {kind!r}")
    if found is None:  # a world without such an order: the newest before the issue
        found = past[-1] if past else orders[0]
    return found


def facts_of(order: Order) -> OrderFacts:
    """Number, and the order's most expensive line (sku, name, line total)."""
    line = max(order.lines, key=lambda li: (li.unit_price_cents * li.qty, li.sku))
    return OrderFacts(order.number, line.sku, line.name, _money(line.unit_price_cents * line.qty))


def fill_order(text: str, facts: OrderFacts) -> str:
    """``text`` with the order tokens replaced."""
    values = (facts.number, facts.sku, facts.name, facts.price)
    for token, value in zip(ORDER_TOKENS, values, strict=True):
        text = text.replace(token, value)
    return text
