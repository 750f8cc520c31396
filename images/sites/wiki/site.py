"""The wiki's SiteSpec: what the kit needs to build, seed and serve the knowledge base."""

from __future__ import annotations

from guigym.images.sites.kit import SiteSpec

from .models import Base, User
from .routes import ROUTERS, configure_templates
from .seed import ADMIN_PASSWORD, ADMIN_USERNAME, seed

__all__ = ["SITE"]

SITE = SiteSpec(
    name="wiki",
    title="Northwind Wiki",
    package="guigym.images.sites.wiki",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={
        "admin": ADMIN_USERNAME,
        "store manager (edits CS, HR)": "amber.holden",
        "purchasing (edits PUR)": "darius.young",
        "customer care (edits CS)": "christina.ponce",
        "customer (public spaces only)": "becky.gill",
    },
    passwords={ADMIN_USERNAME: ADMIN_PASSWORD},
    configure_templates=configure_templates,
    max_body_bytes=8 * 1024 * 1024,
)
