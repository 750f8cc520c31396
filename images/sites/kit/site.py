"""``SiteSpec`` (what a site declares) and ``create_app`` (the FastAPI app built from it).

No app, engine or settings exist at import time: ``serve_one`` calls ``create_app`` with the
instance's settings (database file, token, session secret, seed, "now").
"""

from __future__ import annotations

import importlib.util
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from guigym.images.sites.kit.auth import LoginRequired, session_cookie_name
from guigym.images.sites.kit.clock import Clock, use_clock
from guigym.images.sites.kit.db import make_engine, make_sessionmaker
from guigym.images.sites.kit.seeding import SeedContext
from guigym.images.sites.kit.web import render_error
from sqlalchemy import MetaData
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["SiteSpec", "SiteSettings", "create_app", "KIT_DIR"]

KIT_DIR = Path(__file__).resolve().parent


@dataclass
class SiteSpec:
    """Everything the kit needs to run a site; sites export one as ``SITE`` in ``site.py``."""

    name: str
    title: str
    package: str  # module path whose folder holds templates/ and static/
    metadata: MetaData
    user_model: type[Any]
    seed: Callable[[Session, SeedContext], None]
    routers: list[APIRouter] = field(default_factory=list)
    logins: dict[str, str] = field(default_factory=dict)  # role -> username (for `guigym serve`)
    exec_tables: set[str] | None = None  # tables /_env/exec may write (None: all)
    passwords: dict[str, str] = field(default_factory=dict)  # username -> password if not default
    home: str = "/"  # where login sends users without ?next=
    max_body_bytes: int = 10 * 1024 * 1024
    configure_templates: Callable[[jinja2.Environment], None] | None = None
    configure_app: Callable[[FastAPI], None] | None = None

    @property
    def folder(self) -> Path:
        """The site package's folder (holding templates/ and static/)."""
        found = importlib.util.find_spec(self.package)
        if found is None or not found.submodule_search_locations:
            raise ValueError(f"site {self.name!r}: package {self.package!r} not found")
        return Path(next(iter(found.submodule_search_locations)))


@dataclass
class SiteSettings:
    """One instance's settings (never global: each process serves one instance)."""

    db_path: Path
    seed_db_path: Path | None = None  # the seeded state /_env/reset returns to
    snapshot_dir: Path | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    seed: int = 0
    now: str | datetime | None = None


class _ClockMiddleware:
    """Makes the instance's clock the one ``kit.now()`` reads during each request."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app, self.clock = app, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = use_clock(self.clock)
        try:
            await self.app(scope, receive, send)
        finally:
            from guigym.images.sites.kit.clock import _current

            _current.reset(token)


class _BodyLimitMiddleware:
    """Refuses request bodies over ``limit`` bytes with a clean 413 page."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise StarletteHTTPException(status.HTTP_413_CONTENT_TOO_LARGE, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"The data you sent is too large (limit {self.limit // 1024} KB)."

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if scope["path"].startswith("/_env"):
            response: Response = JSONResponse({"detail": self._message()}, status_code=413)
        else:
            response = render_error(request, status.HTTP_413_CONTENT_TOO_LARGE, self._message())
        await response(scope, receive, send)


def _wants_json(request: Request) -> bool:
    return (
        request.url.path.startswith("/_env")
        or "application/json" in request.headers.get("accept", "").split(",")[0]
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        message = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and message == "Not Found":
            message = "We couldn't find the page you were looking for."
        return render_error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status.HTTP_422_UNPROCESSABLE_CONTENT)
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "input"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return render_error(
            request, status.HTTP_400_BAD_REQUEST, "Please check your input — " + "; ".join(parts)
        )

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        return RedirectResponse("/login?next=" + quote(exc.next_url, safe="/"), 303)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": f"internal error: {exc!r}"}, 500)
        return render_error(request, 500, "Something went wrong on our side. Please try again.")


def _templates(spec: SiteSpec) -> Jinja2Templates:
    loaders: list[jinja2.BaseLoader] = []
    site_templates = spec.folder / "templates"
    if site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(site_templates)))
    loaders.append(jinja2.FileSystemLoader(str(KIT_DIR / "templates")))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml", "jinja"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from guigym.images.sites.kit.filters import install_filters

    install_filters(env)
    if spec.configure_templates is not None:
        spec.configure_templates(env)
    return Jinja2Templates(env=env)


def create_app(spec: SiteSpec, settings: SiteSettings) -> FastAPI:
    """Build the site's FastAPI app for one instance (engine, sessions, routes, /_env)."""
    from guigym.images.sites.kit.control import make_control_router
    from guigym.images.sites.kit.routes import make_auth_router

    app = FastAPI(title=spec.title, docs_url=None, redoc_url=None, openapi_url=None)
    engine = make_engine(settings.db_path)
    clock = Clock(settings.now)
    app.state.spec = spec
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.clock = clock
    app.state.templates = _templates(spec)

    app.add_middleware(_BodyLimitMiddleware, limit=spec.max_body_bytes)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret,
        session_cookie=session_cookie_name(spec.name),
        same_site="lax",
        https_only=False,
    )
    app.add_middleware(_ClockMiddleware, clock=clock)
    _install_error_handlers(app)

    app.mount("/static/kit", StaticFiles(directory=str(KIT_DIR / "static")), name="kit-static")
    site_static = spec.folder / "static"
    if site_static.is_dir():
        app.mount("/static", StaticFiles(directory=str(site_static)), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def _favicon() -> Response:
        return Response(
            (KIT_DIR / "static" / "favicon.svg").read_bytes(), 200, media_type="image/svg+xml"
        )

    app.include_router(make_control_router())  # harness only, token-protected, apart from pages
    app.include_router(make_auth_router())
    for router in spec.routers:
        app.include_router(router)
    if spec.configure_app is not None:
        spec.configure_app(app)
    return app
