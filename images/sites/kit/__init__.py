"""The site kit: what every guigym site shares (app factory, DB, auth, clock, control API).

A site is mostly models, a seed function, routers and templates; start reading at
``site.py`` (SiteSpec, create_app). May import: fastapi/starlette, sqlalchemy, jinja2,
itsdangerous, faker (lazily) and ``guigym.errors``; never envs, tasks or other sites.
"""

from __future__ import annotations

from guigym.images.sites.kit.auth import (
    CurrentUser,
    LoginRequired,
    RequireAdmin,
    RequireUser,
    UserMixin,
    get_current_user,
    log_in,
    log_out,
)
from guigym.images.sites.kit.clock import DEFAULT_NOW, Clock, now
from guigym.images.sites.kit.db import Base, DbSession, get_session, make_engine
from guigym.images.sites.kit.filters import format_date, format_datetime, format_money
from guigym.images.sites.kit.pagination import Page, paginate
from guigym.images.sites.kit.passwords import default_password, hash_password, verify_password
from guigym.images.sites.kit.people import Person, world_people
from guigym.images.sites.kit.seeding import SeedContext, build_database, make_faker
from guigym.images.sites.kit.site import SiteSettings, SiteSpec, create_app
from guigym.images.sites.kit.web import (
    csrf_protect,
    csrf_token,
    flash,
    redirect,
    render,
    render_error,
    safe_next,
    url_with,
)

__all__ = [
    "Base",
    "DbSession",
    "get_session",
    "make_engine",
    "SiteSpec",
    "SiteSettings",
    "create_app",
    "UserMixin",
    "hash_password",
    "verify_password",
    "default_password",
    "CurrentUser",
    "RequireUser",
    "RequireAdmin",
    "LoginRequired",
    "get_current_user",
    "log_in",
    "log_out",
    "render",
    "render_error",
    "flash",
    "redirect",
    "csrf_protect",
    "csrf_token",
    "safe_next",
    "url_with",
    "Page",
    "paginate",
    "now",
    "Clock",
    "DEFAULT_NOW",
    "SeedContext",
    "make_faker",
    "build_database",
    "Person",
    "world_people",
    "format_date",
    "format_datetime",
    "format_money",
]
