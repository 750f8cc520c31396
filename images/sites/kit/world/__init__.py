"""The shared world every site reads: people, staff jobs, catalogue, suppliers, orders, POs.

Sites may import only the kit, so facts two sites must agree on live here, as pure cached
functions of the seed (and the frozen "now"): the shop writes them as rows, the mail site
writes mail about them. Start reading at ``history.py`` (the one random stream).
"""

from __future__ import annotations

import functools
from datetime import datetime

from guigym.images.sites.kit.people import Person, world_people
from guigym.images.sites.kit.world.catalog import ProductDraft, describe, expand_catalog
from guigym.images.sites.kit.world.catalog_data import CATEGORIES, LINES, VARIANTS
from guigym.images.sites.kit.world.history import World, build_world
from guigym.images.sites.kit.world.model import (
    Account,
    Address,
    Cart,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    PurchaseOrder,
    Question,
    Return,
    Review,
    Supplier,
    Wishlist,
)
from guigym.images.sites.kit.world.orders import N_ORDERS, refund_note
from guigym.images.sites.kit.world.staff import STAFF_JOBS, StaffRole, job_title, staff_roles
from guigym.images.sites.kit.world.store import (
    SHIPPING_METHODS,
    SHOP_NAME,
    coupon_definitions,
    coupon_discount_cents,
    shipping_cents,
)

__all__ = [
    "World",
    "build_world",
    "world_people",
    "world_catalog",
    "world_suppliers",
    "world_products",
    "world_orders",
    "world_purchase_orders",
    "Person",
    "ProductDraft",
    "expand_catalog",
    "describe",
    "CATEGORIES",
    "LINES",
    "VARIANTS",
    "Account",
    "Address",
    "Cart",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Product",
    "PurchaseOrder",
    "Question",
    "Return",
    "Review",
    "Supplier",
    "Wishlist",
    "N_ORDERS",
    "refund_note",
    "SHOP_NAME",
    "SHIPPING_METHODS",
    "coupon_definitions",
    "coupon_discount_cents",
    "shipping_cents",
    "STAFF_JOBS",
    "StaffRole",
    "staff_roles",
    "job_title",
]


@functools.lru_cache(maxsize=1)
def world_catalog() -> tuple[ProductDraft, ...]:
    """The catalogue (no seed: the assortment is the same in every world)."""
    return tuple(expand_catalog())


def world_suppliers(seed: int = 0, now: str | datetime | None = None) -> tuple[Supplier, ...]:
    """Supplier companies with their contact person and the brands each supplies."""
    return build_world(seed, now).suppliers


def world_products(seed: int = 0, now: str | datetime | None = None) -> tuple[Product, ...]:
    """Every product with the store's price, cost, stock and supplier company."""
    return build_world(seed, now).products


def world_orders(seed: int = 0, now: str | datetime | None = None) -> tuple[Order, ...]:
    """The order history (SO-10001... in date order) with items, totals and status timeline."""
    return build_world(seed, now).orders


def world_purchase_orders(
    seed: int = 0, now: str | datetime | None = None
) -> tuple[PurchaseOrder, ...]:
    """The store's purchase orders (PO-1001...), one sku each."""
    return build_world(seed, now).purchase_orders
