"""Store rules shared by pages, back office and seeding: money, coupons, orders, refunds.

Routes stay thin: every state change of an order goes through here, so the storefront, the
back office and the seed agree on totals, numbers and the order history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guigym.images.sites.shop.models import (
    Address,
    Cart,
    CartItem,
    Coupon,
    Order,
    OrderEvent,
    OrderItem,
    Product,
    Refund,
    ShippingMethod,
    User,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

__all__ = [
    "money",
    "parse_money",
    "CartTotals",
    "coupon_problem",
    "coupon_discount",
    "cart_totals",
    "shipping_price",
    "next_order_number",
    "next_number",
    "place_order",
    "set_status",
    "refund",
    "TRANSITIONS",
    "CUSTOMER_CANCELLABLE",
]

#: Which status an order may move to from each status (back office).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("processing", "cancelled"),
    "processing": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
    "refunded": (),
}
#: A customer may cancel an order while it is in one of these.
CUSTOMER_CANCELLABLE = ("pending", "processing")


def money(cents: int | None) -> str:
    """``129899`` -> ``$1,298.99``."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def parse_money(text: str) -> int:
    """``"1,298.99"`` or ``"$12"`` -> cents; raises ValueError with a readable message."""
    cleaned = text.strip().replace("$", "").replace(",", "")
    if not cleaned:
        raise ValueError("enter an amount like 12.99")
    whole, _, frac = cleaned.partition(".")
    if not whole.lstrip("-").isdigit() and whole not in ("", "-"):
        raise ValueError(f"expected an amount like 12.99, got {text!r}")
    if frac and (not frac.isdigit() or len(frac) > 2):
        raise ValueError(f"expected at most two decimals, got {text!r}")
    if whole in ("", "-") and not frac:
        raise ValueError(f"expected an amount like 12.99, got {text!r}")
    cents = abs(int(whole or "0")) * 100 + int((frac or "0").ljust(2, "0"))
    return -cents if whole.startswith("-") else cents


def coupon_problem(coupon: Coupon | None, subtotal_cents: int, now: datetime) -> str | None:
    """Why ``coupon`` cannot be used now (a sentence for the customer), or None if it can."""
    if coupon is None:
        return "This coupon code does not exist."
    if not coupon.active:
        return f"The coupon {coupon.code} is no longer active."
    if now < coupon.valid_from:
        return f"The coupon {coupon.code} is not valid yet."
    if now > coupon.valid_until:
        return f"The coupon {coupon.code} expired on {coupon.valid_until:%b %d, %Y}."
    if coupon.max_uses is not None and coupon.times_used >= coupon.max_uses:
        return f"The coupon {coupon.code} has reached its usage limit."
    if subtotal_cents < coupon.min_subtotal_cents:
        minimum = money(coupon.min_subtotal_cents)
        return f"The coupon {coupon.code} needs a subtotal of at least {minimum}."
    return None


def coupon_discount(coupon: Coupon, lines: list[tuple[Product, int]]) -> int:
    """Discount in cents for cart ``lines`` (category coupons only count their category)."""
    base = sum(p.price_cents * qty for p, qty in lines if coupon.category in (None, "", p.category))
    if coupon.percent_off:
        discount = base * coupon.percent_off // 100
    else:
        discount = coupon.amount_off_cents if base else 0
    return min(discount, base)


def shipping_price(method: ShippingMethod, after_discount_cents: int) -> int:
    """Shipping for an order worth ``after_discount_cents`` (free above a threshold)."""
    if method.free_over_cents is not None and after_discount_cents >= method.free_over_cents:
        return 0
    return method.price_cents


@dataclass
class CartTotals:
    """What the cart and checkout pages show."""

    lines: list[tuple[Product, int]]
    subtotal_cents: int
    discount_cents: int
    coupon: Coupon | None
    coupon_error: str | None

    @property
    def after_discount_cents(self) -> int:
        """Subtotal minus discount."""
        return self.subtotal_cents - self.discount_cents

    @property
    def count(self) -> int:
        """Units in the cart."""
        return sum(q for _, q in self.lines)


def cart_totals(session: Session, cart: Cart | None, now: datetime) -> CartTotals:
    """Totals of ``cart`` including its coupon (an invalid coupon gives 0 and a reason)."""
    lines = [(item.product, item.qty) for item in (cart.items if cart else [])]
    subtotal = sum(p.price_cents * q for p, q in lines)
    coupon = None
    error = None
    discount = 0
    if cart is not None and cart.coupon_code:
        coupon = session.scalar(select(Coupon).where(Coupon.code == cart.coupon_code))
        error = coupon_problem(coupon, subtotal, now)
        if error is None and coupon is not None:
            discount = coupon_discount(coupon, lines)
    return CartTotals(lines, subtotal, discount, coupon, error)


def next_number(session: Session, column: object, prefix: str, start: int) -> str:
    """The next ``PREFIX-n`` after the highest existing one (``start`` when none)."""
    highest = session.scalar(select(func.max(column)).where(column.like(f"{prefix}-%")))  # type: ignore[attr-defined]
    n = int(highest.rsplit("-", 1)[1]) + 1 if highest else start
    return f"{prefix}-{n}"


def next_order_number(session: Session) -> str:
    """``SO-10001``, ``SO-10002``, ..."""
    return next_number(session, Order.number, "SO", 10001)


def _event(order: Order, status: str, actor: str, when: datetime, note: str = "") -> None:
    order.events.append(OrderEvent(status=status, note=note, actor=actor, created_at=when))


def place_order(
    session: Session,
    user: User,
    lines: list[tuple[Product, int]],
    address: Address,
    method: ShippingMethod,
    payment_method: str,
    card_last4: str | None,
    coupon: Coupon | None,
    discount_cents: int,
    when: datetime,
    *,
    adjust_stock: bool = True,
    number: str | None = None,
) -> Order:
    """Create the order (items, totals, "placed" event) and take the units from stock."""
    subtotal = sum(p.price_cents * q for p, q in lines)
    shipping = shipping_price(method, subtotal - discount_cents)
    order = Order(
        number=number or next_order_number(session),
        user_id=user.id,
        customer=user.username,
        status="pending",
        subtotal_cents=subtotal,
        discount_cents=discount_cents,
        shipping_cents=shipping,
        total_cents=subtotal - discount_cents + shipping,
        refunded_cents=0,
        coupon_code=coupon.code if coupon else None,
        shipping_method=method.code,
        ship_name=address.full_name,
        ship_street=address.street,
        ship_city=address.city,
        ship_postcode=address.postcode,
        ship_country=address.country,
        payment_method=payment_method,
        card_last4=card_last4,
        created_at=when,
        updated_at=when,
    )
    for product, qty in lines:
        order.items.append(
            OrderItem(
                product_id=product.id,
                sku=product.sku,
                name=product.name,
                unit_price_cents=product.price_cents,
                qty=qty,
                line_total_cents=product.price_cents * qty,
            )
        )
        if adjust_stock:
            product.stock -= qty
    if coupon is not None:
        coupon.times_used += 1
    _event(order, "pending", user.username, when, "Order placed")
    session.add(order)
    return order


def set_status(
    session: Session,
    order: Order,
    status: str,
    actor: str,
    when: datetime,
    note: str = "",
    *,
    restock: bool = True,
) -> None:
    """Move ``order`` to ``status`` (cancelling puts the units back in stock)."""
    if status == "cancelled" and restock:
        for item in order.items:
            product = session.get(Product, item.product_id)
            if product is not None:
                product.stock += item.qty
    if status == "shipped" and not order.tracking_number:
        order.tracking_number = f"1Z{order.id:06d}{order.number[-5:]}US"
    order.status = status
    order.updated_at = when
    _event(order, status, actor, when, note)


def refund(
    session: Session, order: Order, amount_cents: int, reason: str, actor: str, when: datetime
) -> Refund:
    """Refund part or all of ``order``; a full refund sets the status to "refunded"."""
    row = Refund(amount_cents=amount_cents, reason=reason, created_by=actor, created_at=when)
    order.refunds.append(row)
    order.refunded_cents += amount_cents
    order.updated_at = when
    note = f"Refunded {money(amount_cents)}: {reason}"
    if order.refunded_cents >= order.total_cents:
        order.status = "refunded"
        _event(order, "refunded", actor, when, note)
    else:
        _event(order, order.status, actor, when, note)
    return row


def cart_for(session: Session, user: User, now: datetime, create: bool = False) -> Cart | None:
    """The user's cart (created on demand when ``create``)."""
    cart = session.scalar(select(Cart).where(Cart.user_id == user.id))
    if cart is None and create:
        cart = Cart(user_id=user.id, updated_at=now)
        session.add(cart)
        session.flush()
    return cart


def add_to_cart(session: Session, cart: Cart, product: Product, qty: int, now: datetime) -> int:
    """Add ``qty`` of ``product`` (merging lines); returns the line's new quantity."""
    for item in cart.items:
        if item.product_id == product.id:
            item.qty += qty
            cart.updated_at = now
            return item.qty
    cart.items.append(CartItem(product_id=product.id, qty=qty, product=product))
    cart.updated_at = now
    return qty


__all__ += ["cart_for", "add_to_cart"]
