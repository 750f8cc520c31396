"""The player's page: FastAPI on 127.0.0.1, every call checked against the session token.

Routes: ``GET /`` (the page; token in the URL), ``GET /api/state?after=N`` (long poll: the state
once it is newer than version N), ``GET /api/screenshot`` (JPEG), ``POST /api/action``
(``{"action": "click(10, 20)"}`` -> parsed first, 400 with the parser's message when it does not
parse, 409 while a step is running; else it waits for the step and returns the new state),
``POST /api/quit``. Static files (``static/``) need no token; they hold no state.
"""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from guigym.agents.human.session import BusyError, PlaySession

from guigym.errors import ActionError, ServiceError

__all__ = ["create_app", "PlayServer"]

HERE = Path(__file__).resolve().parent
_LONG_POLL = 20.0
_STEP_WAIT = 120.0


def create_app(session: PlaySession, token: str) -> FastAPI:
    """The page and its API for one session."""
    app = FastAPI(title="guigym play", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    page = (HERE / "templates" / "play.html").read_text(encoding="utf-8")

    def check(request: Request) -> None:
        given = request.headers.get("x-guigym-token") or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or wrong token")

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        check(request)
        return HTMLResponse(page.replace("{{TOKEN}}", token))

    @app.get("/api/state")
    def state(request: Request, after: int = -1) -> JSONResponse:
        check(request)
        return JSONResponse(session.wait(after, _LONG_POLL if after >= 0 else 0))

    @app.get("/api/screenshot")
    def screenshot(request: Request) -> Response:
        check(request)
        return Response(session.screenshot(), media_type="image/jpeg")

    @app.post("/api/action")
    async def action(request: Request) -> JSONResponse:
        check(request)
        try:
            body: Any = await request.json()
        except ValueError:
            body = None
        text = body.get("action") if isinstance(body, dict) else None
        if not isinstance(text, str):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, 'expected {"action": "..."}')
        try:
            version = session.submit(text)
        except BusyError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
        except ActionError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
        from starlette.concurrency import run_in_threadpool

        new = await run_in_threadpool(session.wait_settled, version, _STEP_WAIT)
        return JSONResponse(new)

    @app.post("/api/quit")
    def quit_episode(request: Request) -> JSONResponse:
        check(request)
        session.quit()
        return JSONResponse({"ok": True})

    return app


class PlayServer:
    """uvicorn in a daemon thread (the env keeps the main thread, where Playwright lives)."""

    def __init__(self, session: PlaySession, *, host: str = "127.0.0.1", port: int = 0) -> None:
        import socket

        import uvicorn

        self.session = session
        self.token = secrets.token_urlsafe(16)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._sock.bind((host, int(port)))
        except OSError as exc:
            self._sock.close()
            raise ServiceError(f"cannot serve the play page on {host}:{port}: {exc}") from None
        self.host, self.port = host, self._sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(session, self.token),
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=3,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="play-http", daemon=True
        )

    @property
    def url(self) -> str:
        """The page's address, token included."""
        return f"http://{self.host}:{self.port}/?token={self.token}"

    def start(self, timeout: float = 10.0) -> None:
        """Serve, and return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise ServiceError(f"the play page did not start on {self.host}:{self.port}")
            self._thread.join(0.01)

    def stop(self) -> None:
        """Finish in-flight requests, then stop."""
        self.session.close()
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(10)
        self._sock.close()
