"""Customer activity and stock keeping in the world's stream: reviews, questions, wishlists,
carts and purchase orders (drawn after the orders, in this order)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guigym.images.sites.kit.world.model import (
    Account,
    Cart,
    Product,
    PurchaseOrder,
    Question,
    Review,
    Wishlist,
)
from guigym.images.sites.kit.world.text import answer_text, question_text, review_text

__all__ = ["reviews_and_questions", "wishlists_and_carts", "purchase_orders"]


def reviews_and_questions(
    rng: random.Random, now: datetime, customers: tuple[Account, ...], products: list[Product]
) -> tuple[tuple[Review, ...], tuple[Question, ...]]:
    """Reviews and product questions, product by product."""
    names = [a.person.username for a in customers]
    reviews: list[Review] = []
    questions: list[Question] = []
    for product in products:
        quality = rng.choice([3.2, 3.8, 4.1, 4.4, 4.7])
        n = rng.choices([0, 1, 3, 5, 8, 12], [6, 10, 25, 30, 20, 9])[0]
        for user in rng.sample(names, n):
            r = max(1, min(5, round(rng.gauss(quality, 0.9))))
            title, body = review_text(rng, product.category, r)
            verified = rng.random() < 0.8
            days = rng.randint(1, 330)
            created = now - timedelta(days=days, hours=rng.randint(0, 23))
            reviews.append(Review(product.sku, user, r, title, body, verified, created))
        for _ in range(rng.choices([0, 1, 2], [45, 40, 15])[0]):
            days = rng.randint(1, 300)
            asked = now - timedelta(days=days, hours=rng.randint(0, 23))
            answered = rng.random() < 0.75
            user = rng.choice(names)
            body = question_text(rng, product.category)
            answer = answer_text(rng) if answered else None
            answered_at = asked + timedelta(hours=rng.randint(2, 48)) if answered else None
            questions.append(Question(product.sku, user, body, answer, answered_at, asked))
    return tuple(reviews), tuple(questions)


def wishlists_and_carts(
    rng: random.Random, now: datetime, customers: tuple[Account, ...], products: list[Product]
) -> tuple[tuple[Wishlist, ...], tuple[Cart, ...]]:
    """Half the customers keep a wishlist; a fifth left a cart."""
    wishlists: list[Wishlist] = []
    carts: list[Cart] = []
    for account in customers:
        user = account.person.username
        if rng.random() < 0.5:
            for p in rng.sample(products, rng.randint(1, 6)):
                wishlists.append(Wishlist(user, p.sku, now - timedelta(days=rng.randint(1, 120))))
        if rng.random() < 0.2:
            updated = now - timedelta(days=rng.randint(1, 20))
            in_stock = [p for p in products if p.stock > 0]
            picked = rng.sample(in_stock, rng.randint(1, 3))
            carts.append(Cart(user, updated, tuple(p.sku for p in picked)))
    return tuple(wishlists), tuple(carts)


def purchase_orders(
    rng: random.Random,
    now: datetime,
    products: list[Product],
    lead_time: dict[str, int],
    staff: list[str],
) -> tuple[PurchaseOrder, ...]:
    """45 older POs over ~200 days plus restocks of low-stock products placed in the last days."""
    plans = []
    for p in rng.sample(products, 45):
        days = rng.randint(2, 200)
        plans.append((now - timedelta(days=days, hours=rng.randint(0, 9)), p))
    low = [p for p in products if 0 < p.stock <= p.reorder_level]
    for p in rng.sample(low, min(8, len(low))):  # restocks already on their way
        days = rng.randint(0, 2)
        plans.append((now - timedelta(days=days, hours=rng.randint(1, 9)), p))
    plans.sort(key=lambda t: (t[0], t[1].sku))
    out = []
    for n, (created, p) in enumerate(plans):
        expected = created + timedelta(days=lead_time[p.supplier])
        if expected < now:
            status = "received" if rng.random() < 0.9 else "cancelled"
        else:
            status = "ordered"
        qty = rng.choice([10, 20, 25, 40, 50])
        out.append(
            PurchaseOrder(
                po_number=f"PO-{1001 + n}",
                supplier=p.supplier,
                sku=p.sku,
                qty=qty,
                unit_cost_cents=p.cost_cents,
                status=status,
                created_by=rng.choice(staff),
                created_at=created,
                expected_at=expected,
                received_at=expected if status == "received" else None,
            )
        )
    return tuple(out)
