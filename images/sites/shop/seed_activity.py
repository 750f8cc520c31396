"""Rows for customer activity and stock keeping: reviews, questions, wishlists, carts, POs.

The facts come from the shared world (``kit.world``); split from seed.py to keep modules small.
"""

from __future__ import annotations

from guigym.images.sites.kit.world import World
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
from sqlalchemy.orm import Session

__all__ = ["reviews_and_questions", "wishlists_and_carts", "purchase_orders"]


def reviews_and_questions(
    session: Session, world: World, users: dict[str, User], skus: dict[str, Product]
) -> None:
    """Reviews and questions, product by product (ratings and counts come with the products)."""
    reviews: dict[str, list] = {}
    questions: dict[str, list] = {}
    for r in world.reviews:
        reviews.setdefault(r.sku, []).append(r)
    for q in world.questions:
        questions.setdefault(q.sku, []).append(q)
    for p in world.products:
        product = skus[p.sku]
        for r in reviews.get(p.sku, []):
            session.add(
                Review(
                    product_id=product.id,
                    user_id=users[r.customer].id,
                    rating=r.rating,
                    title=r.title,
                    body=r.body,
                    verified_purchase=r.verified_purchase,
                    created_at=r.created_at,
                )
            )
        product.review_count = p.review_count
        product.rating = p.rating
        for q in questions.get(p.sku, []):
            session.add(
                Question(
                    product_id=product.id,
                    user_id=users[q.customer].id,
                    body=q.body,
                    answer=q.answer,
                    answered_at=q.answered_at,
                    created_at=q.created_at,
                )
            )


def wishlists_and_carts(
    session: Session, world: World, users: dict[str, User], skus: dict[str, Product]
) -> None:
    """Wishlist entries and open carts, customer by customer."""
    carts = {c.customer: c for c in world.carts}
    wishlists: dict[str, list] = {}
    for w in world.wishlists:
        wishlists.setdefault(w.customer, []).append(w)
    for account in world.customers:
        name = account.person.username
        for w in wishlists.get(name, []):
            session.add(
                Wishlist(user_id=users[name].id, product_id=skus[w.sku].id, created_at=w.created_at)
            )
        if name in carts:
            cart = Cart(user_id=users[name].id, updated_at=carts[name].updated_at)
            for sku in carts[name].skus:
                cart.items.append(CartItem(product_id=skus[sku].id, qty=1))
            session.add(cart)


def purchase_orders(session: Session, world: World, suppliers: dict[str, Supplier]) -> None:
    """The world's purchase orders as rows."""
    for po in world.purchase_orders:
        session.add(
            PurchaseOrder(
                po_number=po.po_number,
                supplier_id=suppliers[po.supplier].id,
                sku=po.sku,
                qty=po.qty,
                unit_cost_cents=po.unit_cost_cents,
                status=po.status,
                note="",
                created_by=po.created_by,
                created_at=po.created_at,
                expected_at=po.expected_at,
                received_at=po.received_at,
            )
        )
