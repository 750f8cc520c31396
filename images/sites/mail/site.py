"""The mail site's SiteSpec: what the kit needs to run, seed and serve it."""

from __future__ import annotations

from guigym.images.sites.kit import SiteSpec

from .models import Base, User
from .routes import ROUTERS, configure_templates
from .seed import seed

__all__ = ["SITE"]

SITE = SiteSpec(
    name="mail",
    title="Mail",
    package="guigym.images.sites.mail",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={
        "customer": "becky.gill",
        "purchasing (staff)": "darius.young",
        "store manager (staff)": "amber.holden",
        "supplier": "erin.gray",
        "shop orders mailbox": "orders",
    },
    home="/folders/inbox",
    max_body_bytes=12 * 1024 * 1024,
    configure_templates=configure_templates,
)
