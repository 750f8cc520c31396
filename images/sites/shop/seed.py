"""Fills a fresh shop database: catalog, people, a year of orders, reviews, returns, POs.

Deterministic: everything random comes from ``ctx.rng`` (and the kit's seeded salts), times are
offsets from the frozen ``ctx.now``, and rows are added in a fixed order.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from guigym.images.sites.kit import SeedContext, world_people
from guigym.images.sites.shop.catalog import describe, expand_catalog
from guigym.images.sites.shop.catalog_data import CATEGORIES
from guigym.images.sites.shop.models import (
    Address,
    Category,
    Coupon,
    Product,
    Return,
    ShippingMethod,
    Supplier,
    User,
)
from guigym.images.sites.shop.seed_activity import (
    purchase_orders,
    reviews_and_questions,
    wishlists_and_carts,
)
from guigym.images.sites.shop.services import place_order, refund, set_status
from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["seed", "ADMIN_USERNAME", "ADMIN_PASSWORD", "N_ORDERS"]

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-pass"
N_ORDERS = 720
_RETURN_REASONS = ["damaged", "wrong_item", "not_as_described", "no_longer_needed", "defective"]


def seed(session: Session, ctx: SeedContext) -> None:
    """The seed function of the shop's SiteSpec."""
    _stable_index_order(session)
    rng, now = ctx.rng, ctx.now
    people = world_people(0)
    customers_p = [p for p in people if p.role == "customer"]
    staff_p = [p for p in people if p.role == "staff"]
    supplier_p = [p for p in people if p.role == "supplier"]

    for pos, (slug, (name, prefix, desc)) in enumerate(CATEGORIES.items()):
        session.add(
            Category(slug=slug, name=name, sku_prefix=prefix, description=desc, position=pos)
        )
    methods = [
        ShippingMethod(
            code="standard",
            name="Standard (3-5 business days)",
            price_cents=599,
            free_over_cents=5000,
            days_min=3,
            days_max=5,
        ),
        ShippingMethod(
            code="express",
            name="Express (1-2 business days)",
            price_cents=1499,
            free_over_cents=None,
            days_min=1,
            days_max=2,
        ),
        ShippingMethod(
            code="overnight",
            name="Overnight (next business day)",
            price_cents=2999,
            free_over_cents=None,
            days_min=1,
            days_max=1,
        ),
    ]
    session.add_all(methods)

    # -- suppliers: each supplier contact's company carries a share of the brands
    drafts = expand_catalog()
    brands = sorted({d.brand for d in drafts})
    rng.shuffle(brands)
    suppliers = []
    for i, person in enumerate(supplier_p):
        mine = sorted(brands[i :: len(supplier_p)])
        suppliers.append(
            Supplier(
                name=person.company or f"{person.last_name} Supply",
                contact_name=person.display_name,
                contact_username=person.username,
                email=person.email,
                phone=person.phone,
                street=person.street,
                city=person.city,
                country=person.country,
                lead_time_days=rng.choice([3, 5, 7, 10, 14]),
                brands=", ".join(mine),
            )
        )
    session.add_all(suppliers)
    session.flush()
    supplier_of = {b: s for s in suppliers for b in s.brands.split(", ")}

    # -- products
    products: list[Product] = []
    for d in drafts:
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
        products.append(
            Product(
                sku=d.sku,
                name=d.name,
                category=d.category,
                brand=d.brand,
                price_cents=d.price_cents,
                list_price_cents=list_price,
                cost_cents=d.price_cents * rng.randint(55, 75) // 100,
                stock=stock,
                reorder_level=5 if d.price_cents >= 20000 else 8,
                description=describe(d, rng),
                specs=json.dumps(d.specs),
                supplier_id=supplier_of[d.brand].id,
                is_active=True,
                created_at=now - timedelta(days=rng.randint(60, 720), hours=rng.randint(0, 23)),
            )
        )
    session.add_all(products)

    # -- people: admin, staff (back office), customers with address books
    admin = User(
        username=ADMIN_USERNAME,
        email="admin@mail.test",
        display_name="Store Admin",
        is_admin=True,
        phone="(555) 555-0100",
        created_at=now - timedelta(days=900),
    )
    admin.set_password(ADMIN_PASSWORD)
    session.add(admin)
    for p in staff_p:
        u = User(
            username=p.username,
            email=p.email,
            display_name=p.display_name,
            is_admin=True,
            phone=p.phone,
            created_at=now - timedelta(days=rng.randint(200, 800)),
        )
        u.set_password("pass-" + p.username)
        session.add(u)
    customers: list[User] = []
    for p in customers_p:
        u = User(
            username=p.username,
            email=p.email,
            display_name=p.display_name,
            is_admin=False,
            phone=p.phone,
            created_at=now - timedelta(days=rng.randint(380, 1100)),
            marketing_opt_in=rng.random() < 0.4,
        )
        u.set_password("pass-" + p.username)
        u.addresses.append(
            Address(
                label="Home",
                full_name=p.display_name,
                street=p.street,
                city=p.city,
                postcode=p.postcode,
                country=p.country,
                phone=p.phone,
                is_default=True,
            )
        )
        if rng.random() < 0.3:
            u.addresses.append(
                Address(
                    label="Work",
                    full_name=p.display_name,
                    street=ctx.faker.street_address(),
                    city=ctx.faker.city(),
                    postcode=ctx.faker.postcode(),
                    country=p.country,
                    phone=p.phone,
                    is_default=False,
                )
            )
        customers.append(u)
    session.add_all(customers)
    session.flush()

    coupons = _coupons(now)
    session.add_all(coupons)
    session.flush()
    _orders(session, ctx, customers, products, methods, coupons, [s.username for s in staff_p])
    reviews_and_questions(session, ctx, customers, products, staff_p)
    wishlists_and_carts(session, ctx, customers, products)
    purchase_orders(session, ctx, products, supplier_of, [s.username for s in staff_p])


def _stable_index_order(session: Session) -> None:
    """Recreate the indexes in name order so the schema dump is identical across processes.

    SQLAlchemy keeps a table's indexes in a set ordered by object identity, so ``create_all``
    creates them in a different order in each process (the data is identical either way).
    """
    rows = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    ).all()
    for name, _sql in rows:
        session.execute(text(f'DROP INDEX "{name}"'))
    for _name, sql in sorted(rows):
        session.execute(text(sql))


def _coupons(now: datetime) -> list[Coupon]:
    day = timedelta(days=1)
    return [
        Coupon(
            code="WELCOME10",
            description="10% off your order",
            percent_off=10,
            valid_from=now - 800 * day,
            valid_until=now + 365 * day,
        ),
        Coupon(
            code="SAVE20",
            description="$20 off orders of $150 or more",
            amount_off_cents=2000,
            min_subtotal_cents=15000,
            valid_from=now - 400 * day,
            valid_until=now + 60 * day,
        ),
        Coupon(
            code="SPRING15",
            description="Spring sale: 15% off",
            percent_off=15,
            valid_from=datetime(now.year, 3, 1),
            valid_until=datetime(now.year, 5, 31, 23, 59),
        ),
        Coupon(
            code="AUDIO25",
            description="25% off headphones",
            percent_off=25,
            category="headphones",
            valid_from=now - 90 * day,
            valid_until=now + 45 * day,
        ),
        Coupon(
            code="LAPTOP100",
            description="$100 off laptops over $1,000",
            amount_off_cents=10000,
            min_subtotal_cents=100000,
            category="laptops",
            valid_from=now - 200 * day,
            valid_until=now + 90 * day,
        ),
        Coupon(
            code="WINTER30",
            description="Winter clearance: 30% off",
            percent_off=30,
            valid_from=datetime(now.year - 1, 12, 1),
            valid_until=datetime(now.year, 2, 28),
        ),
        Coupon(
            code="FLASH50",
            description="Flash sale: $50 off orders over $300",
            amount_off_cents=5000,
            min_subtotal_cents=30000,
            max_uses=40,
            times_used=0,
            valid_from=now - 300 * day,
            valid_until=now + 30 * day,
        ),
        Coupon(
            code="STAFF5",
            description="Retired staff discount",
            percent_off=5,
            valid_from=now - 900 * day,
            valid_until=now + 900 * day,
            active=False,
        ),
    ]


def _orders(
    session: Session,
    ctx: SeedContext,
    customers: list[User],
    products: list[Product],
    methods: list[ShippingMethod],
    coupons: list[Coupon],
    staff: list[str],
) -> None:
    rng, now = ctx.rng, ctx.now
    weights = [rng.choice([1, 1, 2, 3, 5]) for _ in customers]
    plans = []
    for _ in range(N_ORDERS):
        age = timedelta(minutes=rng.randint(30, 365 * 24 * 60))
        plans.append((now - age, rng.choices(customers, weights)[0]))
    for _ in range(30):  # a busy last few days: orders still pending, processing or shipped
        plans.append(
            (
                now - timedelta(minutes=rng.randint(20, 4 * 24 * 60)),
                rng.choices(customers, weights)[0],
            )
        )
    for c in customers[:60]:  # every one of the first 60 customers has at least one order
        plans.append((now - timedelta(minutes=rng.randint(3 * 24 * 60, 300 * 24 * 60)), c))
    plans.sort(key=lambda t: (t[0], t[1].id))
    cheap = [p for p in products if p.price_cents < 30000]
    by_code = {c.code: c for c in coupons}
    for n, (when, user) in enumerate(plans):
        count = rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0]
        pool = products if rng.random() < 0.35 else cheap
        picked = rng.sample(pool, count)
        lines = [(p, rng.choices([1, 2, 3], [80, 15, 5])[0]) for p in picked]
        address = (
            user.addresses[0]
            if len(user.addresses) == 1 or rng.random() < 0.8
            else user.addresses[1]
        )
        method = rng.choices(methods, [75, 20, 5])[0]
        pay = rng.choices(["card", "paypal", "invoice"], [75, 20, 5])[0]
        coupon = None
        discount = 0
        subtotal = sum(p.price_cents * q for p, q in lines)
        if rng.random() < 0.12:
            code = rng.choice(["WELCOME10", "SAVE20", "SPRING15", "WINTER30"])
            candidate = by_code[code]
            if (
                candidate.valid_from <= when <= candidate.valid_until
                and subtotal >= candidate.min_subtotal_cents
            ):
                from guigym.images.sites.shop.services import coupon_discount

                coupon, discount = candidate, coupon_discount(candidate, lines)
        order = place_order(
            session,
            user,
            lines,
            address,
            method,
            pay,
            f"{rng.randint(0, 9999):04d}" if pay == "card" else None,
            coupon,
            discount,
            when,
            adjust_stock=False,
            number=f"SO-{10001 + n}",
        )
        session.flush()
        _age_order(session, ctx, order, when, rng.choice(staff))


def _age_order(session: Session, ctx: SeedContext, order, placed: datetime, actor: str) -> None:
    """Walk a seeded order through its life up to "now" (statuses, returns, refunds)."""
    rng, now = ctx.rng, ctx.now
    age = now - placed
    h = timedelta(hours=1)
    steps: list[tuple[str, datetime]] = []
    if rng.random() < 0.04 and age > 6 * h:
        steps = [("cancelled", placed + rng.randint(1, 5) * h)]
    else:
        t = placed + rng.randint(3, 36) * h
        for status, gap in (
            ("processing", 0),
            ("shipped", rng.randint(12, 48)),
            ("delivered", rng.randint(30, 110)),
        ):
            t = t + gap * h
            if t >= now:
                break
            steps.append((status, t))
    note = {"cancelled": "Cancelled at the customer's request", "shipped": "Handed to carrier"}
    for status, t in steps:
        set_status(
            session,
            order,
            status,
            actor if status != "delivered" else "system",
            t,
            note.get(status, ""),
            restock=False,
        )
    if order.status == "delivered" and age > timedelta(days=10):
        roll = rng.random()
        if roll < 0.03:
            t = placed + timedelta(days=rng.randint(8, 10))
            refund(session, order, order.total_cents, "Goodwill refund: parcel lost", actor, t)
        elif roll < 0.08:
            _seed_return(session, ctx, order, placed, actor)


def _seed_return(session: Session, ctx: SeedContext, order, placed: datetime, actor: str) -> None:
    rng = ctx.rng
    item = rng.choice(order.items)
    created = placed + timedelta(days=rng.randint(6, 9), hours=rng.randint(0, 12))
    status = rng.choice(["requested", "approved", "rejected", "refunded", "refunded"])
    if created > ctx.now:
        status = "requested"
    number = f"RMA-{5001 + session.query(Return).count()}"
    ret = Return(
        number=number,
        order_id=order.id,
        order_item_id=item.id,
        user_id=order.user_id,
        qty=1,
        reason=rng.choice(_RETURN_REASONS),
        comment=rng.choice(
            [
                "",
                "Box was crushed on arrival.",
                "Ordered the wrong size.",
                "Does not pair with my laptop.",
                "Found it cheaper locally.",
            ]
        ),
        status=status,
        created_at=created,
        resolved_at=None if status == "requested" else created + timedelta(days=2),
    )
    session.add(ret)
    if status == "refunded":
        refund(
            session,
            order,
            item.unit_price_cents,
            f"Return {number}",
            actor,
            created + timedelta(days=2),
        )
