"""Helpers every shop router shares: lookups that 404, form parsing, validation limits."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request, status
from guigym.images.sites.shop.models import Category, Order, Product
from sqlalchemy import select
from sqlalchemy.orm import Session

__all__ = [
    "MAX_QTY",
    "MAX_TEXT",
    "MAX_LINE",
    "FormErrors",
    "read_form",
    "product_or_404",
    "order_or_404",
    "categories",
    "parse_int",
    "not_found",
]

MAX_QTY = 99
MAX_TEXT = 2000  # reviews, questions, comments
MAX_LINE = 200  # names, streets, titles


class FormErrors(dict[str, str]):
    """field -> message; truthy when the form has problems."""

    def need(self, field: str, value: str, label: str, maxlen: int = MAX_LINE) -> str:
        """Record an error if ``value`` is empty or too long; return it stripped."""
        value = value.strip()
        if not value:
            self[field] = f"{label} is required."
        elif len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen} characters (got {len(value)})."
        return value

    def optional(self, field: str, value: str, label: str, maxlen: int = MAX_LINE) -> str:
        """Like :meth:`need` but empty is fine."""
        value = value.strip()
        if len(value) > maxlen:
            self[field] = f"{label} must be at most {maxlen} characters (got {len(value)})."
        return value


async def read_form(request: Request) -> dict[str, str]:
    """The posted form as plain strings (files and repeated keys: last value)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def not_found(what: str) -> HTTPException:
    """A 404 with a sentence for the error page."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} was not found.")


def product_or_404(db: Session, sku: str, active_only: bool = True) -> Product:
    """The product with ``sku`` (case-insensitive) or a 404 page."""
    product = db.scalar(select(Product).where(Product.sku == sku.strip().upper()))
    if product is None or (active_only and not product.is_active):
        raise not_found(f"The product {sku[:40]!r}")
    return product


def order_or_404(db: Session, number: str, user: Any | None = None) -> Order:
    """The order ``number``; with ``user``, only that customer's (others get a 404 too)."""
    order = db.scalar(select(Order).where(Order.number == number.strip().upper()))
    if order is None or (user is not None and order.user_id != user.id):
        raise not_found(f"The order {number[:40]!r}")
    return order


def categories(db: Session) -> list[Category]:
    """All categories in menu order."""
    return list(db.scalars(select(Category).order_by(Category.position)))


def parse_int(value: str | None, default: int | None = None) -> int | None:
    """``int(value)`` or ``default`` for empty/garbage."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default
