"""The shop's ``SITE`` spec: what the kit needs to build, seed and serve the store."""

from __future__ import annotations

from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from guigym.images.sites.kit import SiteSpec
from guigym.images.sites.shop.catalog_data import CATEGORIES
from guigym.images.sites.shop.models import Cart, CartItem, ShopBase, User
from guigym.images.sites.shop.routes import ROUTERS
from guigym.images.sites.shop.seed import ADMIN_PASSWORD, ADMIN_USERNAME, seed
from guigym.images.sites.shop.services import money
from sqlalchemy import func, select
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = ["SITE"]


def _cart_count(request: Request, user: Any | None) -> int:
    """Units in the signed-in user's cart, for the header badge."""
    if user is None:
        return 0
    with request.app.state.sessionmaker() as session:
        return (
            session.scalar(
                select(func.coalesce(func.sum(CartItem.qty), 0))
                .join(Cart, CartItem.cart_id == Cart.id)
                .where(Cart.user_id == user.id)
            )
            or 0
        )


def _stars(rating: float) -> str:
    full = int(round(rating))
    return "★" * full + "☆" * (5 - full)


def _fresh_user_on_errors(app: FastAPI) -> None:
    """Error pages reload the signed-in user instead of reusing the request's one.

    The kit's ``get_session`` rolls back when a route raises, which expires the user object
    cached on ``request.state``; the error page would then fail on ``user.display_name`` and
    fall back to bare HTML. Dropping the cached user makes ``render`` load it again.
    """
    for exc_class in (StarletteHTTPException, RequestValidationError, Exception):
        original = app.exception_handlers.get(exc_class)
        if original is None:
            continue

        def _make(handler: Any) -> Any:
            async def _handler(request: Request, exc: Exception) -> Any:
                request.state._state.pop("user", None)
                return await handler(request, exc)

            return _handler

        app.add_exception_handler(exc_class, _make(original))


def _configure(env: jinja2.Environment) -> None:
    env.globals.update(
        nav_categories=[(slug, v[0]) for slug, v in CATEGORIES.items()], cart_count=_cart_count
    )
    env.filters.update(cents=money, stars=_stars)


SITE = SiteSpec(
    name="shop",
    title="Northwind Electronics",
    package="guigym.images.sites.shop",
    metadata=ShopBase.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={"customer": "becky.gill", "admin": ADMIN_USERNAME},
    passwords={ADMIN_USERNAME: ADMIN_PASSWORD},
    configure_templates=_configure,
    configure_app=_fresh_user_on_errors,
)
