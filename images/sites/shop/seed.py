"""Fills a fresh shop database from the shared world: catalog, people, orders, reviews, POs.

The facts (products, suppliers, accounts, the order history, purchase orders) come from
``kit.world.build_world(seed, now)``, the same world the mail site writes about; this module
only turns them into rows, in a fixed order (so the same seed gives the same database).
"""

from __future__ import annotations

import json
from datetime import timedelta

from guigym.images.sites.kit import SeedContext
from guigym.images.sites.kit.world import (
    CATEGORIES,
    SHIPPING_METHODS,
    World,
    build_world,
    coupon_definitions,
)
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
N_ORDERS = 720  # random orders over the year (plus a busy last few days and first orders)


def seed(session: Session, ctx: SeedContext) -> None:
    """The seed function of the shop's SiteSpec."""
    _stable_index_order(session)
    world = build_world(ctx.seed, ctx.now)
    now = ctx.now

    for pos, (slug, (name, prefix, desc)) in enumerate(CATEGORIES.items()):
        session.add(
            Category(slug=slug, name=name, sku_prefix=prefix, description=desc, position=pos)
        )
    methods = [ShippingMethod(**m) for m in SHIPPING_METHODS]
    session.add_all(methods)

    # -- suppliers: each supplier contact's company carries a share of the brands
    suppliers = []
    for s in world.suppliers:
        person = s.contact
        suppliers.append(
            Supplier(
                name=s.company,
                contact_name=person.display_name,
                contact_username=person.username,
                email=person.email,
                phone=person.phone,
                street=person.street,
                city=person.city,
                country=person.country,
                lead_time_days=s.lead_time_days,
                brands=", ".join(s.brands),
            )
        )
    session.add_all(suppliers)
    session.flush()
    by_company = {s.name: s for s in suppliers}

    # -- products
    products: list[Product] = []
    for d in world.products:
        products.append(
            Product(
                sku=d.sku,
                name=d.name,
                category=d.category,
                brand=d.brand,
                price_cents=d.price_cents,
                list_price_cents=d.list_price_cents,
                cost_cents=d.cost_cents,
                stock=d.stock,
                reorder_level=d.reorder_level,
                description=d.description,
                specs=json.dumps(d.specs),
                supplier_id=by_company[d.supplier].id,
                is_active=True,
                created_at=d.created_at,
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
    for account in world.staff:
        p = account.person
        u = User(
            username=p.username,
            email=p.email,
            display_name=p.display_name,
            is_admin=True,
            phone=p.phone,
            created_at=account.created_at,
        )
        u.set_password("pass-" + p.username)
        session.add(u)
    customers: list[User] = []
    for account in world.customers:
        p = account.person
        u = User(
            username=p.username,
            email=p.email,
            display_name=p.display_name,
            is_admin=False,
            phone=p.phone,
            created_at=account.created_at,
            marketing_opt_in=account.marketing_opt_in,
        )
        u.set_password("pass-" + p.username)
        for a in account.addresses:
            u.addresses.append(
                Address(
                    label=a.label,
                    full_name=a.full_name,
                    street=a.street,
                    city=a.city,
                    postcode=a.postcode,
                    country=a.country,
                    phone=a.phone,
                    is_default=a.is_default,
                )
            )
        customers.append(u)
    session.add_all(customers)
    session.flush()

    coupons = [Coupon(**c) for c in coupon_definitions(now)]
    session.add_all(coupons)
    session.flush()
    _orders(session, world, customers, products, methods, coupons)
    users = {u.username: u for u in customers}
    skus = {p.sku: p for p in products}
    reviews_and_questions(session, world, users, skus)
    wishlists_and_carts(session, world, users, skus)
    purchase_orders(session, world, by_company)


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


def _orders(
    session: Session,
    world: World,
    customers: list[User],
    products: list[Product],
    methods: list[ShippingMethod],
    coupons: list[Coupon],
) -> None:
    """Replay the world's order history through the store's own services."""
    users = {u.username: u for u in customers}
    skus = {p.sku: p for p in products}
    by_method = {m.code: m for m in methods}
    by_code = {c.code: c for c in coupons}
    for o in world.orders:
        user = users[o.customer]
        address = next(
            a for a in user.addresses if a.label == o.address.label and a.street == o.address.street
        )
        order = place_order(
            session,
            user,
            [(skus[line.sku], line.qty) for line in o.lines],
            address,
            by_method[o.shipping_method],
            o.payment_method,
            o.card_last4,
            by_code[o.coupon_code] if o.coupon_code else None,
            o.discount_cents,
            o.placed_at,
            adjust_stock=False,
            number=o.number,
        )
        session.flush()
        for step in o.steps:
            if step[0] == "status":
                _, status, actor, when, note = step
                set_status(session, order, status, actor, when, note, restock=False)
            elif step[0] == "refund":
                _, amount, reason, actor, when = step
                refund(session, order, amount, reason, actor, when)
            else:
                _, ret, _actor = step
                session.add(
                    Return(
                        number=ret.number,
                        order_id=order.id,
                        order_item_id=order.items[ret.line_index].id,
                        user_id=order.user_id,
                        qty=ret.qty,
                        reason=ret.reason,
                        comment=ret.comment,
                        status=ret.status,
                        created_at=ret.created_at,
                        resolved_at=ret.resolved_at,
                    )
                )
