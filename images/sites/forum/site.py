"""The forum's SiteSpec: what the kit needs to build, seed and serve Threadline."""

from __future__ import annotations

import re

import jinja2
from guigym.images.sites.kit import SiteSpec
from markupsafe import Markup, escape

from .models import Base, User
from .routes import ROUTERS
from .seed import ADMIN_PASSWORD, ADMIN_USERNAME, seed

__all__ = ["SITE"]

_LINK = re.compile(r"(https?://[^\s<]+[^\s<.,;:!?)\]'\"])")


def _paragraphs(text: str | None) -> Markup:
    """Plain text as escaped paragraphs with clickable web addresses (rel=nofollow)."""
    if not text:
        return Markup("")
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        html = str(escape(block)).replace("\n", "<br>")
        html = _LINK.sub(r'<a href="\1" rel="nofollow noopener">\1</a>', html)
        out.append(f"<p>{html}</p>")
    return Markup("".join(out))


def _points(n: int) -> str:
    return f"{n:,} point{'' if abs(n) == 1 else 's'}"


def _compact(n: int) -> str:
    return f"{n / 1000:.1f}k" if abs(n) >= 10_000 else f"{n:,}"


def _domain(url: str | None) -> str:
    match = re.match(r"^https?://([^/:?#]+)", url or "")
    return match.group(1).removeprefix("www.") if match else ""


def _configure(env: jinja2.Environment) -> None:
    env.filters.update(paragraphs=_paragraphs, points=_points, compact=_compact, domain=_domain)


SITE = SiteSpec(
    name="forum",
    title="Threadline",
    package="guigym.images.sites.forum",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=ROUTERS,
    logins={
        "member": "becky.gill",
        "moderator (c/northwind)": "amber.holden",
        "engineering (c/northwind_dev)": "matthew.armstrong",
        "admin": ADMIN_USERNAME,
    },
    passwords={ADMIN_USERNAME: ADMIN_PASSWORD},
    configure_templates=_configure,
)
