"""The store's fixed rules as plain data: shipping methods, coupons, discounts, shipping price.

The shop turns these into rows (and applies the same rules in its services); the world uses
them to compute the order history's totals without a database.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

__all__ = [
    "SHOP_NAME",
    "SHIPPING_METHODS",
    "coupon_definitions",
    "coupon_discount_cents",
    "shipping_cents",
]

SHOP_NAME = "Northwind Electronics"

#: Column values of the shop's ``shipping_methods`` rows, in id order.
SHIPPING_METHODS: tuple[dict[str, Any], ...] = (
    {
        "code": "standard",
        "name": "Standard (3-5 business days)",
        "price_cents": 599,
        "free_over_cents": 5000,
        "days_min": 3,
        "days_max": 5,
    },
    {
        "code": "express",
        "name": "Express (1-2 business days)",
        "price_cents": 1499,
        "free_over_cents": None,
        "days_min": 1,
        "days_max": 2,
    },
    {
        "code": "overnight",
        "name": "Overnight (next business day)",
        "price_cents": 2999,
        "free_over_cents": None,
        "days_min": 1,
        "days_max": 1,
    },
)


def coupon_definitions(now: datetime) -> list[dict[str, Any]]:
    """Column values of the shop's ``coupons`` rows (in id order) for the frozen ``now``."""
    day = timedelta(days=1)
    return [
        {
            "code": "WELCOME10",
            "description": "10% off your order",
            "percent_off": 10,
            "valid_from": now - 800 * day,
            "valid_until": now + 365 * day,
        },
        {
            "code": "SAVE20",
            "description": "$20 off orders of $150 or more",
            "amount_off_cents": 2000,
            "min_subtotal_cents": 15000,
            "valid_from": now - 400 * day,
            "valid_until": now + 60 * day,
        },
        {
            "code": "SPRING15",
            "description": "Spring sale: 15% off",
            "percent_off": 15,
            "valid_from": datetime(now.year, 3, 1),
            "valid_until": datetime(now.year, 5, 31, 23, 59),
        },
        {
            "code": "AUDIO25",
            "description": "25% off headphones",
            "percent_off": 25,
            "category": "headphones",
            "valid_from": now - 90 * day,
            "valid_until": now + 45 * day,
        },
        {
            "code": "LAPTOP100",
            "description": "$100 off laptops over $1,000",
            "amount_off_cents": 10000,
            "min_subtotal_cents": 100000,
            "category": "laptops",
            "valid_from": now - 200 * day,
            "valid_until": now + 90 * day,
        },
        {
            "code": "WINTER30",
            "description": "Winter clearance: 30% off",
            "percent_off": 30,
            "valid_from": datetime(now.year - 1, 12, 1),
            "valid_until": datetime(now.year, 2, 28),
        },
        {
            "code": "FLASH50",
            "description": "Flash sale: $50 off orders over $300",
            "amount_off_cents": 5000,
            "min_subtotal_cents": 30000,
            "max_uses": 40,
            "times_used": 0,
            "valid_from": now - 300 * day,
            "valid_until": now + 30 * day,
        },
        {
            "code": "STAFF5",
            "description": "Retired staff discount",
            "percent_off": 5,
            "valid_from": now - 900 * day,
            "valid_until": now + 900 * day,
            "active": False,
        },
    ]


def coupon_discount_cents(coupon: dict[str, Any], lines: list[tuple[int, str, int]]) -> int:
    """Discount for ``lines`` of (unit price cents, category, qty); the shop's coupon rule."""
    category = coupon.get("category")
    base = sum(price * qty for price, cat, qty in lines if category in (None, "", cat))
    if coupon.get("percent_off"):
        discount = base * coupon["percent_off"] // 100
    else:
        discount = coupon.get("amount_off_cents", 0) if base else 0
    return min(discount, base)


def shipping_cents(method: dict[str, Any], after_discount_cents: int) -> int:
    """Shipping for an order worth ``after_discount_cents`` (free above a threshold)."""
    free_over = method["free_over_cents"]
    if free_over is not None and after_discount_cents >= free_over:
        return 0
    return method["price_cents"]
