"""The world's records: frozen dataclasses, money in integer cents, times naive UTC."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from guigym.images.sites.kit.people import Person

__all__ = [
    "Supplier",
    "Product",
    "Address",
    "Account",
    "OrderLine",
    "OrderEvent",
    "Return",
    "Order",
    "Review",
    "Question",
    "Wishlist",
    "Cart",
    "PurchaseOrder",
]


@dataclass(frozen=True)
class Supplier:
    """A supplier company, its contact person and the brands it supplies."""

    company: str
    contact: Person
    lead_time_days: int
    brands: tuple[str, ...]


@dataclass(frozen=True)
class Product:
    """A product of the catalogue with the store's stock and prices."""

    sku: str
    name: str
    category: str
    brand: str
    price_cents: int
    list_price_cents: int | None
    cost_cents: int
    stock: int
    reorder_level: int
    description: str
    specs: dict[str, str]
    supplier: str  # company
    created_at: datetime
    rating: float = 0.0
    review_count: int = 0


@dataclass(frozen=True)
class Address:
    """A shop address-book entry (the shipping address of orders)."""

    label: str
    full_name: str
    street: str
    city: str
    postcode: str
    country: str
    phone: str
    is_default: bool


@dataclass(frozen=True)
class Account:
    """A person's shop account: when it was opened and (customers) its addresses."""

    person: Person
    created_at: datetime
    marketing_opt_in: bool = False
    addresses: tuple[Address, ...] = ()


@dataclass(frozen=True)
class OrderLine:
    """One line of an order."""

    sku: str
    name: str
    category: str
    unit_price_cents: int
    qty: int

    @property
    def line_total_cents(self) -> int:
        """Unit price times quantity."""
        return self.unit_price_cents * self.qty


@dataclass(frozen=True)
class OrderEvent:
    """One entry of an order's status timeline (same as the shop's ``order_events``)."""

    status: str
    note: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class Return:
    """A return request (RMA) for one line of an order."""

    number: str
    line_index: int
    qty: int
    reason: str
    comment: str
    status: str
    created_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class Order:
    """An order of the history, as the shop stores it and the mail tells it.

    ``steps`` is what happened after placing, in order: ("status", status, actor, at, note),
    ("refund", amount_cents, reason, actor, at) or ("return", Return, actor).
    """

    number: str
    index: int  # 0-based position: the shop's order id is index + 1
    customer: str  # username
    placed_at: datetime
    lines: tuple[OrderLine, ...]
    address: Address
    shipping_method: str
    payment_method: str
    card_last4: str | None
    coupon_code: str | None
    subtotal_cents: int
    discount_cents: int
    shipping_cents: int
    total_cents: int
    status: str
    refunded_cents: int
    tracking_number: str | None
    updated_at: datetime
    events: tuple[OrderEvent, ...]
    steps: tuple[tuple[Any, ...], ...] = field(default=(), repr=False)

    def event_at(self, status: str) -> datetime | None:
        """When the order first reached ``status`` (None if it never did)."""
        return next((e.at for e in self.events if e.status == status), None)


@dataclass(frozen=True)
class Review:
    """A product review."""

    sku: str
    customer: str
    rating: int
    title: str
    body: str
    verified_purchase: bool
    created_at: datetime


@dataclass(frozen=True)
class Question:
    """A customer question on a product page, maybe answered."""

    sku: str
    customer: str
    body: str
    answer: str | None
    answered_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Wishlist:
    """One product on a customer's wishlist."""

    customer: str
    sku: str
    created_at: datetime


@dataclass(frozen=True)
class Cart:
    """A customer's open cart (one unit of each sku)."""

    customer: str
    updated_at: datetime
    skus: tuple[str, ...]


@dataclass(frozen=True)
class PurchaseOrder:
    """A purchase order the store sent a supplier (one sku per PO)."""

    po_number: str
    supplier: str  # company
    sku: str
    qty: int
    unit_cost_cents: int
    status: str  # ordered / received / cancelled
    created_by: str
    created_at: datetime
    expected_at: datetime
    received_at: datetime | None
