"""The shop's tables. Names are a stable interface: tasks query them with SQL.

Money is integer cents (``*_cents``); timestamps are naive UTC from the kit's frozen clock.
Order numbers look like ``SO-10023``, purchase orders ``PO-2026-0042``, returns ``RMA-5012``.
"""

from __future__ import annotations

from datetime import datetime

from guigym.images.sites.kit import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "ShopBase",
    "User",
    "Address",
    "Category",
    "Supplier",
    "Product",
    "Review",
    "Question",
    "Wishlist",
    "Cart",
    "CartItem",
    "Coupon",
    "ShippingMethod",
    "Order",
    "OrderItem",
    "OrderEvent",
    "Refund",
    "Return",
    "PurchaseOrder",
    "ORDER_STATUSES",
    "RETURN_STATUSES",
    "PO_STATUSES",
]

#: Life of an order; "refunded" means the whole total was refunded.
ORDER_STATUSES = ("pending", "processing", "shipped", "delivered", "cancelled", "refunded")
RETURN_STATUSES = ("requested", "approved", "rejected", "refunded")
PO_STATUSES = ("ordered", "received", "cancelled")


class ShopBase(DeclarativeBase):
    """The shop's own metadata (the mail site has a ``users`` table too)."""


class User(UserMixin, ShopBase):
    """A customer (is_admin false) or a back-office user; the same people as the mail site."""

    __tablename__ = "users"
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    marketing_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)

    addresses: Mapped[list[Address]] = relationship(back_populates="user", order_by="Address.id")


class Address(ShopBase):
    """An entry of a customer's address book."""

    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(40))  # "Home", "Work"
    full_name: Mapped[str] = mapped_column(String(120))
    street: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(back_populates="addresses")

    def one_line(self) -> str:
        """The address on one line (order confirmations, selects)."""
        return f"{self.full_name}, {self.street}, {self.postcode} {self.city}, {self.country}"


class Category(ShopBase):
    """A storefront category; products refer to it by ``slug``."""

    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    sku_prefix: Mapped[str] = mapped_column(String(4), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Supplier(ShopBase):
    """A wholesaler; its contact is a world person with role "supplier" (mailbox @mail.test)."""

    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)  # the company
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_username: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=7)
    brands: Mapped[str] = mapped_column(String(300), default="")  # comma separated


class Product(ShopBase):
    """A sellable item. ``sku`` like "KB-104"; ``category`` is a category slug."""

    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(ForeignKey("categories.slug"), index=True)
    brand: Mapped[str] = mapped_column(String(60), index=True)
    price_cents: Mapped[int] = mapped_column(Integer)
    list_price_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)  # was-price
    cost_cents: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    reorder_level: Mapped[int] = mapped_column(Integer, default=5)
    rating: Mapped[float] = mapped_column(Float, default=0.0)  # average of reviews, 1 decimal
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    specs: Mapped[str] = mapped_column(Text, default="{}")  # JSON object name -> value
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    category_ref: Mapped[Category] = relationship(lazy="joined")
    supplier: Mapped[Supplier | None] = relationship()

    @property
    def in_stock(self) -> bool:
        """True if at least one unit can be sold."""
        return self.stock > 0

    @property
    def low_stock(self) -> bool:
        """True if stock is at or below the reorder level."""
        return self.stock <= self.reorder_level


class Review(ShopBase):
    """A customer's review (1-5 stars)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    verified_purchase: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("product_id", "user_id"),)


class Question(ShopBase):
    """A question about a product, answered by staff (answer may be empty)."""

    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship(lazy="joined")


class Wishlist(ShopBase):
    """One saved product of a customer's wishlist."""

    __tablename__ = "wishlists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    product: Mapped[Product] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("user_id", "product_id"),)


class Cart(ShopBase):
    """A customer's open cart (one per user) with an optional applied coupon."""

    __tablename__ = "carts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    coupon_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    items: Mapped[list[CartItem]] = relationship(
        back_populates="cart", order_by="CartItem.id", cascade="all, delete-orphan"
    )


class CartItem(ShopBase):
    """A line of a cart."""

    __tablename__ = "cart_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)

    cart: Mapped[Cart] = relationship(back_populates="items")
    product: Mapped[Product] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("cart_id", "product_id"),)


class Coupon(ShopBase):
    """A discount code: percent_off or amount_off_cents, optionally limited to one category."""

    __tablename__ = "coupons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(200))
    percent_off: Mapped[int] = mapped_column(Integer, default=0)
    amount_off_cents: Mapped[int] = mapped_column(Integer, default=0)
    min_subtotal_cents: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str | None] = mapped_column(String(40), nullable=True)
    valid_from: Mapped[datetime] = mapped_column(DateTime)
    valid_until: Mapped[datetime] = mapped_column(DateTime)
    max_uses: Mapped[int | None] = mapped_column(Integer, nullable=True)
    times_used: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ShippingMethod(ShopBase):
    """A delivery option shown at checkout."""

    __tablename__ = "shipping_methods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # standard, express, overnight
    name: Mapped[str] = mapped_column(String(80))
    price_cents: Mapped[int] = mapped_column(Integer)
    free_over_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    days_min: Mapped[int] = mapped_column(Integer)
    days_max: Mapped[int] = mapped_column(Integer)


class Order(ShopBase):
    """A placed order; the shipping address is copied so later address edits don't rewrite it."""

    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, index=True)  # SO-10023
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    customer: Mapped[str] = mapped_column(String(64), index=True)  # the customer's username
    status: Mapped[str] = mapped_column(String(20), index=True)
    subtotal_cents: Mapped[int] = mapped_column(Integer)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)
    shipping_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer)
    refunded_cents: Mapped[int] = mapped_column(Integer, default=0)
    coupon_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    shipping_method: Mapped[str] = mapped_column(String(20))  # shipping_methods.code
    ship_name: Mapped[str] = mapped_column(String(120))
    ship_street: Mapped[str] = mapped_column(String(200))
    ship_city: Mapped[str] = mapped_column(String(100))
    ship_postcode: Mapped[str] = mapped_column(String(20))
    ship_country: Mapped[str] = mapped_column(String(60))
    payment_method: Mapped[str] = mapped_column(String(20))  # card, paypal, invoice
    card_last4: Mapped[str | None] = mapped_column(String(4), nullable=True)
    tracking_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship()
    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order", order_by="OrderItem.id", cascade="all, delete-orphan"
    )
    events: Mapped[list[OrderEvent]] = relationship(
        order_by="OrderEvent.id", cascade="all, delete-orphan"
    )
    refunds: Mapped[list[Refund]] = relationship(order_by="Refund.id", cascade="all, delete-orphan")

    @property
    def refundable_cents(self) -> int:
        """What may still be refunded."""
        return max(0, self.total_cents - self.refunded_cents)


class OrderItem(ShopBase):
    """A line of an order (sku, name and price copied at purchase time)."""

    __tablename__ = "order_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    line_total_cents: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="items")


class OrderEvent(ShopBase):
    """The order's history: placed, status changes, refunds, notes (who and when)."""

    __tablename__ = "order_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(300), default="")
    actor: Mapped[str] = mapped_column(String(64))  # username or "system"
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Refund(ShopBase):
    """Money given back on an order (from the back office, or when a return is refunded)."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Return(ShopBase):
    """A customer's return request for one order line (number like RMA-5012)."""

    __tablename__ = "returns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_item_id: Mapped[int] = mapped_column(ForeignKey("order_items.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))  # damaged, wrong_item, not_needed, ...
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    order: Mapped[Order] = relationship()
    item: Mapped[OrderItem] = relationship()
    user: Mapped[User] = relationship()


class PurchaseOrder(ShopBase):
    """Stock ordered from a supplier (PO-2026-0042); receiving it adds ``qty`` to stock."""

    __tablename__ = "purchase_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    po_number: Mapped[str] = mapped_column(String(20), unique=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    unit_cost_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), index=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expected_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    supplier: Mapped[Supplier] = relationship(lazy="joined")
    product: Mapped[Product] = relationship(lazy="joined")
