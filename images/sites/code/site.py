"""The code site's SiteSpec: what the kit needs to run, seed and serve it."""

from __future__ import annotations

from guigym.images.sites.kit import SeedContext, SiteSpec
from sqlalchemy.orm import Session

from .models import Base, User
from .routes import ROUTERS, configure_templates

__all__ = ["SITE", "ADMIN_USERNAME", "ADMIN_PASSWORD"]

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-pass"


def seed(session: Session, ctx: SeedContext) -> None:
    """Build the seeded database (imported lazily: a serving process never needs it)."""
    from .seed import seed as build

    build(session, ctx)


SITE = SiteSpec(
    name="code",
    title="Code",
    package="guigym.images.sites.code",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={
        "store manager (owner everywhere)": "amber.holden",
        "purchasing lead (maintainer)": "darius.young",
        "customer care lead (web-shop maintainer)": "nicholas.robinson",
        "customer (no membership)": "becky.gill",
        "admin": ADMIN_USERNAME,
    },
    passwords={ADMIN_USERNAME: ADMIN_PASSWORD},
    home="/",
    configure_templates=configure_templates,
)
