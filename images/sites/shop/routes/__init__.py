"""The shop's routers, one per resource; ``ROUTERS`` is what the SiteSpec mounts."""

from __future__ import annotations

from guigym.images.sites.shop.routes import (
    account,
    admin_catalog,
    admin_orders,
    admin_people,
    admin_reports,
    cart,
    catalog,
    checkout,
    orders,
)

__all__ = ["ROUTERS"]

ROUTERS = [
    catalog.router,
    cart.router,
    checkout.router,
    account.router,
    orders.router,
    admin_orders.router,
    admin_catalog.router,
    admin_people.router,
    admin_reports.router,
]
