"""Page helpers every route uses: render, flash, redirect, CSRF and query-string links."""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from guigym.images.sites.kit.clock import now
from markupsafe import Markup, escape

__all__ = [
    "render",
    "render_error",
    "flash",
    "redirect",
    "csrf_token",
    "csrf_protect",
    "url_with",
    "safe_next",
    "CSRF_FIELD",
]

#: Name of the hidden form field carrying the CSRF token.
CSRF_FIELD = "csrf_token"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _session(request: Request) -> dict[str, Any]:
    # Error pages for unhandled exceptions render outside the session middleware.
    return request.session if "session" in request.scope else {}


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    session = _session(request)
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        session["csrf"] = token
    return token


async def csrf_protect(request: Request) -> None:
    """Router dependency: refuse unsafe requests without this session's CSRF token (403)."""
    if request.method not in _UNSAFE:
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not expected or not hmac.compare_digest(str(sent), str(expected)):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "This form has expired or was not sent from this site. Reload the page and try again.",
        )


def flash(request: Request, message: str, category: str = "info") -> None:
    """Queue a message shown on the next rendered page (categories: info, success, warning,
    error)."""
    request.session.setdefault("_flashes", [])
    request.session["_flashes"] = [*request.session["_flashes"], [category, str(message)]]


def redirect(url: str, status_code: int = status.HTTP_303_SEE_OTHER) -> RedirectResponse:
    """Redirect after a POST (303 by default) to a relative ``url``."""
    return RedirectResponse(url, status_code=status_code)


def safe_next(url: str | None, default: str = "/") -> str:
    """``url`` if it is a local path (no scheme, no //host), else ``default``."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


def url_with(request: Request, **params: Any) -> str:
    """The current path with query parameters replaced (None removes one): relative link."""
    query = {k: v for k, v in request.query_params.multi_items()}
    for key, value in params.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return request.url.path + ("?" + urlencode(query) if query else "")


def _current_user(request: Request) -> Any | None:
    if "user" in request.state._state:
        return request.state.user
    uid = _session(request).get("uid")
    user = None
    if isinstance(uid, int):
        with request.app.state.sessionmaker() as session:
            user = session.get(request.app.state.spec.user_model, uid)
            if user is not None:
                session.expunge(user)
    request.state.user = user
    return user


def render(request: Request, template_name: str, **context: Any) -> HTMLResponse:
    """Render a template with the kit's context: user, flashes, csrf, now, site, url_with.

    Pass ``status_code=`` to answer e.g. 400 with a form that shows its errors.
    """
    status_code = int(context.pop("status_code", status.HTTP_200_OK))
    token = csrf_token(request)
    session = _session(request)
    flashes = session.pop("_flashes", []) if "_flashes" in session else []
    base = {
        "request": request,
        "site": request.app.state.spec,
        "user": _current_user(request),
        "flashes": flashes,
        "csrf_token": token,
        "csrf_field": lambda: Markup(
            f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">'
        ),
        "now": now(),
        "url_with": lambda **params: url_with(request, **params),
        "page_url": lambda number: url_with(request, page=number),
    }
    base.update(context)
    return request.app.state.templates.TemplateResponse(
        request, template_name, base, status_code=status_code
    )


_TITLES = {
    400: "Bad request",
    401: "Sign-in required",
    403: "Access denied",
    404: "Page not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Invalid input",
    500: "Something went wrong",
}


def _reload_user(request: Request) -> None:
    """Forget the request's cached user and load it again, detached, from a fresh session.

    When a route raises, ``get_session`` rolls back, which expires the user object cached
    on ``request.state`` and then closes its session: reading ``user.display_name`` on the
    error page would fail. A user that cannot be loaded (broken database) becomes None.
    """
    request.state._state.pop("user", None)
    try:
        _current_user(request)
    except Exception:  # the error page must render even when the database does not answer
        request.state.user = None


def render_error(request: Request, status_code: int, message: str | None = None) -> HTMLResponse:
    """The kit's error page (kit/error.html) with the right HTTP status.

    The signed-in user is reloaded first (see ``_reload_user``), so the page keeps the site's
    header with the user's name even after the route's session was rolled back.
    """
    title = _TITLES.get(status_code, "Error")
    _reload_user(request)
    try:
        return render(
            request,
            "kit/error.html",
            status_code=status_code,
            error_title=title,
            error_message=message or title,
            error_code=status_code,
        )
    except Exception:  # the error page itself must never fail
        body = f"<h1>{status_code} {escape(title)}</h1><p>{escape(message or '')}</p>"
        return HTMLResponse(body, status_code=status_code)
