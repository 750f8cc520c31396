"""The code site's SiteSpec: what the kit needs to run, seed and serve it."""

from __future__ import annotations

from guigym.images.sites.kit import SiteSpec

from .models import Base, User
from .routes import ROUTERS, configure_templates
from .seed import ADMIN_PASSWORD, ADMIN_USERNAME, seed

__all__ = ["SITE"]

SITE = SiteSpec(
    name="code",
    title="Code",
    package="guigym.images.sites.code",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={
        "engineering manager (owner everywhere)": "amber.holden",
        "backend lead (maintainer)": "darius.young",
        "frontend engineer": "nicholas.robinson",
        "customer (no membership)": "becky.gill",
        "admin": ADMIN_USERNAME,
    },
    passwords={ADMIN_USERNAME: ADMIN_PASSWORD},
    home="/",
    configure_templates=configure_templates,
)
