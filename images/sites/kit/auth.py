"""Users, login sessions and the dependencies that guard pages.

A session is Starlette's signed cookie (``<site>_session``) holding ``uid`` and ``csrf``;
the control API can mint the same cookie (``/_env/login``) so a task can start logged in.
"""

from __future__ import annotations

import secrets
from base64 import b64encode
from json import dumps
from typing import Annotated, Any
from urllib.parse import urlsplit

import itsdangerous
from fastapi import Depends, HTTPException, Request, status
from guigym.images.sites.kit.db import get_session
from guigym.images.sites.kit.passwords import hash_password, verify_password
from sqlalchemy import Boolean, Integer, String, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column

__all__ = [
    "UserMixin",
    "LoginRequired",
    "CurrentUser",
    "RequireUser",
    "RequireAdmin",
    "get_current_user",
    "require_user",
    "require_admin",
    "authenticate",
    "log_in",
    "log_out",
    "session_cookie_name",
    "make_session_cookie",
]


class UserMixin:
    """Columns every site's user model shares; mix into a mapped class with ``__tablename__``."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)

    def set_password(self, password: str) -> None:
        """Store a hash of ``password``."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True if ``password`` is this user's."""
        return verify_password(password, self.password_hash)


class LoginRequired(Exception):
    """Raised by RequireUser/RequireAdmin; the app answers with a 303 to /login?next=..."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def session_cookie_name(site_name: str) -> str:
    """Cookie name per site, so two sites on 127.0.0.1 (different ports) never clobber."""
    return f"{site_name}_session"


def make_session_cookie(secret: str, data: dict[str, Any]) -> str:
    """Sign ``data`` exactly as Starlette's SessionMiddleware does (value of the cookie)."""
    raw = b64encode(dumps(data).encode("utf-8"))
    return itsdangerous.TimestampSigner(str(secret)).sign(raw).decode("utf-8")


def _user_model(request: Request) -> type[Any]:
    return request.app.state.spec.user_model


def get_current_user(request: Request, session: Session = Depends(get_session)) -> Any | None:
    """The logged-in user or None (cached on ``request.state``)."""
    if "user" in request.state._state:
        return request.state.user
    user = None
    uid = request.session.get("uid")
    if isinstance(uid, int):
        user = session.get(_user_model(request), uid)
        if user is None:  # stale cookie (user deleted): forget it
            request.session.pop("uid", None)
    request.state.user = user
    return user


def _next_url(request: Request) -> str:
    if request.method != "GET":  # after login, go back to the page the form was on
        referer = urlsplit(request.headers.get("referer", ""))
        if referer.path.startswith("/") and not referer.path.startswith("//"):
            return referer.path + ("?" + referer.query if referer.query else "")
        return request.app.state.spec.home
    url = request.url.path
    if request.url.query:
        url += "?" + request.url.query
    return url


def require_user(request: Request, user: Any | None = Depends(get_current_user)) -> Any:
    """Dependency: the logged-in user, or a redirect to the login page."""
    if user is None:
        raise LoginRequired(_next_url(request))
    return user


def require_admin(request: Request, user: Any | None = Depends(get_current_user)) -> Any:
    """Dependency: a logged-in admin; others get the login page (anonymous) or 403."""
    if user is None:
        raise LoginRequired(_next_url(request))
    if not getattr(user, "is_admin", False):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This page is for administrators only.")
    return user


CurrentUser = Annotated[Any | None, Depends(get_current_user)]
RequireUser = Annotated[Any, Depends(require_user)]
RequireAdmin = Annotated[Any, Depends(require_admin)]


def authenticate(session: Session, model: type[Any], login: str, password: str) -> Any | None:
    """The user whose username (or email) and password match, else None."""
    login = login.strip()
    if not login:
        return None
    user = session.scalars(
        select(model).where(or_(model.username == login, model.email == login.lower())).limit(1)
    ).first()
    if user is None or not verify_password(password, user.password_hash):
        return None
    return user


def log_in(request: Request, user: Any) -> None:
    """Start a session for ``user`` (fresh CSRF token)."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(24)
    request.state.user = user


def log_out(request: Request) -> None:
    """End the session."""
    request.session.clear()
    request.state.user = None
