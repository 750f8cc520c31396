"""The store's history as one deterministic stream: suppliers, products, accounts, orders, ...

Everything is drawn from one ``random.Random(seed)`` and ``make_faker(seed)`` in a fixed order
(the order the shop's seed has always used, so the shop's database is unchanged by the move),
with times as offsets from the frozen ``now``. ``build_world(seed, now)`` is cached.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from guigym.images.sites.kit.clock import parse_now
from guigym.images.sites.kit.people import Person, world_people
from guigym.images.sites.kit.seeding import make_faker
from guigym.images.sites.kit.world.activity import (
    purchase_orders,
    reviews_and_questions,
    wishlists_and_carts,
)
from guigym.images.sites.kit.world.catalog import describe, expand_catalog
from guigym.images.sites.kit.world.model import (
    Account,
    Address,
    Cart,
    Order,
    Product,
    PurchaseOrder,
    Question,
    Review,
    Supplier,
    Wishlist,
)
from guigym.images.sites.kit.world.orders import plan_orders

__all__ = ["World", "build_world"]


@dataclass(frozen=True)
class World:
    """The whole shared world for one (seed, now)."""

    seed: int
    now: datetime
    people: tuple[Person, ...]
    suppliers: tuple[Supplier, ...]
    products: tuple[Product, ...]
    staff: tuple[Account, ...]
    customers: tuple[Account, ...]
    orders: tuple[Order, ...]
    reviews: tuple[Review, ...]
    questions: tuple[Question, ...]
    wishlists: tuple[Wishlist, ...]
    carts: tuple[Cart, ...]
    purchase_orders: tuple[PurchaseOrder, ...]

    def supplier_of(self, brand: str) -> Supplier:
        """The supplier company of ``brand``."""
        return next(s for s in self.suppliers if brand in s.brands)

    def product(self, sku: str) -> Product:
        """The product with ``sku`` (KeyError if there is none)."""
        for p in self.products:
            if p.sku == sku:
                return p
        raise KeyError(sku)


def _suppliers(rng: random.Random, supplier_people: list[Person], brands: list[str]):
    brands = sorted(set(brands))
    rng.shuffle(brands)
    out = []
    for i, person in enumerate(supplier_people):
        mine = sorted(brands[i :: len(supplier_people)])
        lead = rng.choice([3, 5, 7, 10, 14])
        company = person.company or f"{person.last_name} Supply"
        out.append(Supplier(company, person, lead, tuple(mine)))
    return tuple(out)


def _products(rng: random.Random, now: datetime, supplier_of: dict[str, str]) -> list[Product]:
    out = []
    for d in expand_catalog():
        roll = rng.random()
        stock = (
            0
            if roll < 0.06
            else rng.randint(1, 5)
            if roll < 0.16
            else rng.randint(12, 60 if d.price_cents >= 50000 else 180)
        )
        list_price = None
        if rng.random() < 0.15:
            list_price = (d.price_cents * rng.choice([110, 115, 120, 125]) // 100) // 100 * 100 + 99
        cost = d.price_cents * rng.randint(55, 75) // 100
        description = describe(d, rng)
        days = rng.randint(60, 720)
        created = now - timedelta(days=days, hours=rng.randint(0, 23))
        out.append(
            Product(
                sku=d.sku,
                name=d.name,
                category=d.category,
                brand=d.brand,
                price_cents=d.price_cents,
                list_price_cents=list_price,
                cost_cents=cost,
                stock=stock,
                reorder_level=5 if d.price_cents >= 20000 else 8,
                description=description,
                specs=d.specs,
                supplier=supplier_of[d.brand],
                created_at=created,
            )
        )
    return out


def _accounts(rng: random.Random, faker, now: datetime, staff: list, customers: list):
    staff_accounts = tuple(Account(p, now - timedelta(days=rng.randint(200, 800))) for p in staff)
    out = []
    for p in customers:
        created = now - timedelta(days=rng.randint(380, 1100))
        opt_in = rng.random() < 0.4
        home = Address(
            "Home", p.display_name, p.street, p.city, p.postcode, p.country, p.phone, True
        )
        addresses = [home]
        if rng.random() < 0.3:
            street, city, postcode = faker.street_address(), faker.city(), faker.postcode()
            addresses.append(
                Address("Work", p.display_name, street, city, postcode, p.country, p.phone, False)
            )
        out.append(Account(p, created, opt_in, tuple(addresses)))
    return staff_accounts, tuple(out)


@functools.lru_cache(maxsize=4)
def _build(seed: int, now: datetime) -> World:
    rng, faker = random.Random(seed), make_faker(seed)
    people = tuple(world_people(seed))
    staff_p = [p for p in people if p.role == "staff"]
    customer_p = [p for p in people if p.role == "customer"]
    supplier_p = [p for p in people if p.role == "supplier"]
    suppliers = _suppliers(rng, supplier_p, [d.brand for d in expand_catalog()])
    supplier_of = {b: s.company for s in suppliers for b in s.brands}
    products = _products(rng, now, supplier_of)
    staff, customers = _accounts(rng, faker, now, staff_p, customer_p)
    staff_names = [p.username for p in staff_p]
    orders = plan_orders(rng, now, customers, products, staff_names)
    reviews, questions = reviews_and_questions(rng, now, customers, products)
    counts: dict[str, list[int]] = {}
    for r in reviews:
        counts.setdefault(r.sku, []).append(r.rating)
    products = [
        replace(p, review_count=len(rs), rating=round(sum(rs) / len(rs), 1))
        if (rs := counts.get(p.sku))
        else p
        for p in products
    ]
    wishlists, carts = wishlists_and_carts(rng, now, customers, products)
    lead = {s.company: s.lead_time_days for s in suppliers}
    pos = purchase_orders(rng, now, products, lead, staff_names)
    return World(
        seed=seed,
        now=now,
        people=people,
        suppliers=suppliers,
        products=tuple(products),
        staff=staff,
        customers=customers,
        orders=tuple(orders),
        reviews=reviews,
        questions=questions,
        wishlists=wishlists,
        carts=carts,
        purchase_orders=pos,
    )


def build_world(seed: int = 0, now: str | datetime | None = None) -> World:
    """The world for ``seed`` at the frozen ``now`` (default: the kit's default now); cached."""
    return _build(seed, parse_now(now))
