"""The control server: FastAPI on 127.0.0.1 in front of one :class:`Desktop`.

Every call needs the header ``X-Guigym-Token`` (401 without it). Agent or task mistakes (a path
outside the home, an unknown app, a bad key) answer 400 with the reason; infrastructure faults
(an app that shows no window, a dead X server, a hung accessibility bus) answer 503. Handlers are
plain functions (run in a thread pool); each operation below has its own timeout.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from guigym.images.desktop.desktop import Desktop
from pydantic import BaseModel, Field

from guigym.errors import ActionError, ServiceError

__all__ = ["create_app", "TOKEN_HEADER"]

TOKEN_HEADER = "X-Guigym-Token"


class InputReq(BaseModel):
    op: str
    x: float | None = None
    y: float | None = None
    x2: float | None = None
    y2: float | None = None
    dx: float = 0
    dy: float = 0
    button: str = "left"
    clicks: int = Field(1, ge=1, le=10)
    keys: list[str] = Field(default_factory=list)
    key: str = ""
    down: bool = True
    text: str = Field("", max_length=100_000)


class ElementReq(BaseModel):
    element: str | dict[str, Any]
    do: str = "locate"
    text: str = Field("", max_length=100_000)


class LaunchReq(BaseModel):
    app: str
    args: list[str] = Field(default_factory=list)
    hosts: dict[str, int] = Field(default_factory=dict)
    timeout: float | None = Field(None, gt=0, le=120)


class ExecReq(BaseModel):
    command: str
    args: list[str] = Field(default_factory=list)
    timeout: float = Field(10.0, gt=0, le=60)


class WindowReq(BaseModel):
    window: int | str


def create_app(desktop: Desktop, token: str) -> FastAPI:
    """The control API of ``desktop``, guarded by ``token``."""

    def require_token(x_guigym_token: Annotated[str | None, Header()] = None) -> None:
        if not x_guigym_token or not hmac.compare_digest(x_guigym_token, token):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or wrong X-Guigym-Token")

    app = FastAPI(title="guigym desktop control", dependencies=[Depends(require_token)])

    @app.exception_handler(ActionError)
    def _bad(_: Request, exc: ActionError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_400_BAD_REQUEST)

    @app.exception_handler(ServiceError)
    def _fault(_: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)

    @app.get("/health")
    def health() -> dict:
        return {"ok": desktop.alive(), "display": desktop.display, "home": str(desktop.home),
                "size": list(desktop.size)}  # fmt: skip

    @app.get("/screenshot")
    def screenshot(format: str = "png") -> Response:  # noqa: A002
        if format == "raw":
            frame = desktop.screen.grab()
            h, w, _ = frame.shape
            return Response(frame.tobytes(), media_type="application/octet-stream",
                            headers={"X-Width": str(w), "X-Height": str(h)})  # fmt: skip
        if format != "png":
            raise ActionError(f"format must be png or raw, got {format!r}")
        return Response(desktop.screen.png(), media_type="image/png")

    @app.post("/settle")
    def settle(quiet_ms: float = 60, timeout_ms: float = 1500, change_ms: float = 0) -> dict:
        return {"ms": desktop.screen.settle(quiet_ms, min(timeout_ms, 10_000), change_ms)}

    @app.post("/input")
    def do_input(req: InputReq) -> dict:
        inp = desktop.input
        if req.op == "click":
            inp.click(req.x, req.y, req.button, req.clicks)
        elif req.op == "move":
            inp.move(req.x, req.y)
        elif req.op == "button":
            inp.button(req.down, req.x, req.y, req.button)
        elif req.op == "drag":
            inp.drag(req.x, req.y, req.x2, req.y2)
        elif req.op == "scroll":
            inp.scroll(req.dx, req.dy, req.x, req.y)
        elif req.op == "combo":
            inp.combo(req.keys)
        elif req.op == "key":
            inp.key(req.key, req.down)
        elif req.op == "type":
            inp.type_text(req.text)
        elif req.op == "release_all":
            inp.release_all()
        else:
            raise ActionError(f"unknown input op {req.op!r}")
        return {"ok": True, "pointer": list(inp.pointer())}

    @app.get("/axtree")
    def axtree(max_nodes: int = Query(3000, ge=1, le=20000)) -> dict:
        return desktop.ax.tree(max_nodes)

    @app.get("/browser/urls")
    def browser_urls() -> list:
        return desktop.ax.browser_urls()

    @app.post("/element")
    def element(req: ElementReq) -> dict:
        if req.do == "locate":
            x, y, box = desktop.element_center(req.element)
            return {**box, "cx": x, "cy": y}
        return desktop.ax.act(req.element, req.do, req.text)

    @app.get("/files")
    def get_file(path: str) -> Response:
        return Response(desktop.read_file(path), media_type="application/octet-stream")

    @app.put("/files")
    async def put_file(path: str, request: Request) -> dict:
        data = await request.body()  # the raw bytes (may be empty)
        return {"bytes": await run_in_threadpool(desktop.write_file, path, data)}

    @app.get("/files/list")
    def list_files(path: str = "~") -> list:
        return desktop.list_dir(path)

    @app.get("/files/exists")
    def file_exists(path: str) -> dict:
        real = desktop.path(path)
        return {"exists": real.exists(), "is_dir": real.is_dir()}

    @app.get("/windows")
    def windows() -> list:
        return [w.as_dict() for w in desktop.windows.list()]

    @app.post("/windows/focus")
    def focus(req: WindowReq) -> dict:
        return desktop.windows.focus(req.window).as_dict()

    @app.post("/windows/close")
    def close_window(req: WindowReq) -> dict:
        return desktop.windows.close_window(req.window).as_dict()

    @app.post("/apps/launch")
    def launch(req: LaunchReq) -> dict:
        return desktop.launch(req.app, req.args, req.hosts, req.timeout)

    @app.post("/apps/close")
    def close_apps() -> dict:
        return {"closed": desktop.close_apps()}

    @app.post("/exec")
    def run(req: ExecReq) -> dict:
        return desktop.exec(req.command, req.args, req.timeout)

    @app.post("/home/snapshot/{name}")
    def snapshot(name: str) -> dict:
        desktop.snapshot_home(name)
        return {"ok": True}

    @app.post("/home/restore/{name}")
    def restore(name: str) -> dict:
        return {"changed": desktop.restore_home(name)}

    @app.post("/reset")
    def reset(snapshot: str = "base") -> dict:
        return desktop.reset(snapshot)

    return app
