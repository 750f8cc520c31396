"""Seeding of customer activity and stock keeping: reviews, questions, wishlists, carts, POs.

Split from seed.py (orders and people) to keep modules small; same determinism rules.
"""

from __future__ import annotations

from datetime import timedelta

from guigym.images.sites.kit import SeedContext
from guigym.images.sites.shop.models import (
    Cart,
    CartItem,
    Product,
    PurchaseOrder,
    Question,
    Review,
    Supplier,
    User,
    Wishlist,
)
from guigym.images.sites.shop.seed_text import answer_text, question_text, review_text
from sqlalchemy.orm import Session

__all__ = ["reviews_and_questions", "wishlists_and_carts", "purchase_orders"]


def reviews_and_questions(
    session: Session, ctx: SeedContext, customers: list[User], products: list[Product], staff: list
) -> None:
    rng, now = ctx.rng, ctx.now
    for product in products:
        quality = rng.choice([3.2, 3.8, 4.1, 4.4, 4.7])
        n = rng.choices([0, 1, 3, 5, 8, 12], [6, 10, 25, 30, 20, 9])[0]
        ratings = []
        for user in rng.sample(customers, n):
            r = max(1, min(5, round(rng.gauss(quality, 0.9))))
            title, body = review_text(rng, product.category, r)
            session.add(
                Review(
                    product_id=product.id,
                    user_id=user.id,
                    rating=r,
                    title=title,
                    body=body,
                    verified_purchase=rng.random() < 0.8,
                    created_at=now - timedelta(days=rng.randint(1, 330), hours=rng.randint(0, 23)),
                )
            )
            ratings.append(r)
        product.review_count = len(ratings)
        product.rating = round(sum(ratings) / len(ratings), 1) if ratings else 0.0
        for _ in range(rng.choices([0, 1, 2], [45, 40, 15])[0]):
            asked = now - timedelta(days=rng.randint(1, 300), hours=rng.randint(0, 23))
            answered = rng.random() < 0.75
            session.add(
                Question(
                    product_id=product.id,
                    user_id=rng.choice(customers).id,
                    body=question_text(rng, product.category),
                    answer=answer_text(rng) if answered else None,
                    answered_at=asked + timedelta(hours=rng.randint(2, 48)) if answered else None,
                    created_at=asked,
                )
            )


def wishlists_and_carts(
    session: Session, ctx: SeedContext, customers: list[User], products: list[Product]
) -> None:
    rng, now = ctx.rng, ctx.now
    for user in customers:
        if rng.random() < 0.5:
            for p in rng.sample(products, rng.randint(1, 6)):
                session.add(
                    Wishlist(
                        user_id=user.id,
                        product_id=p.id,
                        created_at=now - timedelta(days=rng.randint(1, 120)),
                    )
                )
        if rng.random() < 0.2:
            cart = Cart(user_id=user.id, updated_at=now - timedelta(days=rng.randint(1, 20)))
            for p in rng.sample([p for p in products if p.stock > 0], rng.randint(1, 3)):
                cart.items.append(CartItem(product_id=p.id, qty=1))
            session.add(cart)


def purchase_orders(
    session: Session,
    ctx: SeedContext,
    products: list[Product],
    supplier_of: dict[str, Supplier],
    staff: list[str],
) -> None:
    rng, now = ctx.rng, ctx.now
    plans = []
    for p in rng.sample(products, 45):
        plans.append((now - timedelta(days=rng.randint(2, 200), hours=rng.randint(0, 9)), p))
    low = [p for p in products if 0 < p.stock <= p.reorder_level]
    for p in rng.sample(low, min(8, len(low))):  # restocks already on their way
        plans.append((now - timedelta(days=rng.randint(0, 2), hours=rng.randint(1, 9)), p))
    plans.sort(key=lambda t: (t[0], t[1].sku))
    for n, (created, p) in enumerate(plans):
        supplier = supplier_of[p.brand]
        expected = created + timedelta(days=supplier.lead_time_days)
        if expected < now:
            status = "received" if rng.random() < 0.9 else "cancelled"
        else:
            status = "ordered"
        session.add(
            PurchaseOrder(
                po_number=f"PO-{1001 + n}",
                supplier_id=supplier.id,
                sku=p.sku,
                qty=rng.choice([10, 20, 25, 40, 50]),
                unit_cost_cents=p.cost_cents,
                status=status,
                note="",
                created_by=rng.choice(staff),
                created_at=created,
                expected_at=expected,
                received_at=expected if status == "received" else None,
            )
        )
