"""The harness-only control API at ``/_env`` (token in ``X-Guigym-Token``; 401 without).

Kept apart from the user routes: no templates, no sessions, JSON only. The agent's browser
never sees the token.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from guigym.images.sites.kit.auth import make_session_cookie, session_cookie_name
from guigym.images.sites.kit.sqlguard import SqlRefused, copy_database, run_dml, run_query
from pydantic import BaseModel, Field
from sqlalchemy import select

__all__ = ["make_control_router", "TOKEN_HEADER"]

TOKEN_HEADER = "X-Guigym-Token"
_SNAPSHOT_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _require_token(request: Request, token: str | None = Header(None, alias=TOKEN_HEADER)) -> None:
    expected = request.app.state.settings.token
    if not token or not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, f"missing or wrong {TOKEN_HEADER}")


class SqlIn(BaseModel):
    """Body of /_env/sql."""

    query: str = Field(max_length=100_000)
    params: list[Any] | dict[str, Any] | None = None


class ExecIn(BaseModel):
    """Body of /_env/exec."""

    statement: str = Field(max_length=100_000)
    params: list[Any] | dict[str, Any] | None = None


class LoginIn(BaseModel):
    """Body of /_env/login."""

    username: str = Field(max_length=254)


class ClockIn(BaseModel):
    """Body of /_env/clock."""

    now: str = Field(max_length=64)


def _snapshot_path(request: Request, name: str) -> Path:
    if not _SNAPSHOT_NAME.match(name) or name.startswith("."):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"bad snapshot name {name!r}")
    settings = request.app.state.settings
    folder = settings.snapshot_dir or Path(settings.db_path).parent / "snapshots"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(folder) / f"{name}.db"


def _timed(started: float, **payload: Any) -> dict[str, Any]:
    return {"ok": True, **payload, "ms": round((time.perf_counter() - started) * 1000, 3)}


def make_control_router() -> APIRouter:
    """The /_env router (one per app)."""
    router = APIRouter(prefix="/_env", dependencies=[Depends(_require_token)], tags=["control"])

    @router.get("/health")
    def health(request: Request) -> dict[str, Any]:
        state = request.app.state
        return {
            "site": state.spec.name,
            "ok": True,
            "now": state.clock.now().isoformat(),
            "seed": state.settings.seed,
        }

    @router.post("/reset")
    def reset(request: Request) -> dict[str, Any]:
        started = time.perf_counter()
        settings = request.app.state.settings
        if settings.seed_db_path is None or not Path(settings.seed_db_path).exists():
            raise HTTPException(status.HTTP_409_CONFLICT, "this instance has no seeded state")
        copy_database(Path(settings.seed_db_path), Path(settings.db_path))
        return _timed(started)

    @router.post("/snapshot/{name}")
    def snapshot(request: Request, name: str) -> dict[str, Any]:
        started = time.perf_counter()
        path = _snapshot_path(request, name)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        copy_database(Path(request.app.state.settings.db_path), tmp)
        tmp.replace(path)
        return _timed(started, name=name)

    @router.post("/restore/{name}")
    def restore(request: Request, name: str) -> dict[str, Any]:
        started = time.perf_counter()
        path = _snapshot_path(request, name)
        if not path.exists():
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no snapshot named {name!r}")
        copy_database(path, Path(request.app.state.settings.db_path))
        return _timed(started, name=name)

    @router.post("/sql")
    def sql(request: Request, body: SqlIn) -> dict[str, Any]:
        try:
            columns, rows = run_query(request.app.state.settings.db_path, body.query, body.params)
        except SqlRefused as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        return {"columns": columns, "rows": rows}

    @router.post("/exec")
    def exec_(request: Request, body: ExecIn) -> dict[str, Any]:
        state = request.app.state
        try:
            count = run_dml(
                state.settings.db_path, body.statement, body.params, state.spec.exec_tables
            )
        except SqlRefused as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        return {"rowcount": count}

    @router.post("/login")
    def login(request: Request, body: LoginIn) -> dict[str, Any]:
        state = request.app.state
        model = state.spec.user_model
        with state.sessionmaker() as session:
            user = session.scalars(select(model).where(model.username == body.username)).first()
            if user is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, f"no user {body.username!r}")
            data = {"uid": user.id, "csrf": secrets.token_urlsafe(24)}
        value = make_session_cookie(state.settings.secret, data)
        return {"cookie": {"name": session_cookie_name(state.spec.name), "value": value}}

    @router.get("/clock")
    def get_clock(request: Request) -> dict[str, Any]:
        return {"now": request.app.state.clock.now().isoformat()}

    @router.post("/clock")
    def set_clock(request: Request, body: ClockIn) -> dict[str, Any]:
        try:
            value = request.app.state.clock.set(body.now)
        except ValueError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        return {"now": value.isoformat()}

    return router
