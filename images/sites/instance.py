"""Start, control and stop one site instance: ``start_site(name) -> SiteInstance``.

Each instance is its own process (``serve_one``) on 127.0.0.1 with its own port, database
copy, session secret and control token, so two instances never share state. The seeded
database is built once per (site, seed, hash of the site's code) into the cache
(``$GUIGYM_CACHE`` or ``~/.cache/guigym``) and copied per instance. This module imports no web
framework: the env process stays light.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import secrets
import shutil
import socket
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import httpx
from guigym.images.sites import SITES, check_site_name
from guigym.images.sites.process import SiteProcess, free_port, port_free

from guigym.errors import ServiceError

__all__ = [
    "SiteInstance",
    "ControlError",
    "start_site",
    "prewarm",
    "cache_dir",
    "code_hash",
    "free_port",
]

_KIT_DIR = Path(__file__).resolve().parent / "kit"
_SKIP_PARTS = {"__pycache__", "templates", "static"}
_live: weakref.WeakSet[SiteInstance] = weakref.WeakSet()


def _transport() -> httpx.HTTPTransport:
    # TCP_NODELAY: without it a small POST waits ~40 ms for a delayed ACK (Nagle).
    # keepalive_expiry below uvicorn's 5 s keep-alive: with equal timers a request sent on a
    # connection idle for ~5 s raced the server closing it ("Server disconnected without
    # sending a response" from reset() in vector envs between episodes).
    return httpx.HTTPTransport(
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        limits=httpx.Limits(keepalive_expiry=2.0),
    )


class ControlError(ServiceError):
    """The control API answered with an error (``status`` 400: the request was refused)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def cache_dir() -> Path:
    """Where seeded template databases live: ``$GUIGYM_CACHE`` or ``~/.cache/guigym``."""
    root = os.environ.get("GUIGYM_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "guigym"


def _package_folder(entry: str) -> Path:
    module = entry.partition(":")[0]
    package = module.rpartition(".")[0] or module
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise ServiceError(f"cannot find the package of {entry!r}; is the site built?")
    return Path(next(iter(found.submodule_search_locations)))


def code_hash(entry: str) -> str:
    """Hash of the site's and the kit's source files (not templates/static) and of the versions
    of the libraries that shape the data (Faker, SQLAlchemy): the cache key."""
    digest = hashlib.sha256()
    for dist in ("faker", "sqlalchemy"):
        try:
            digest.update(f"{dist}={importlib.metadata.version(dist)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    for folder in (_package_folder(entry), _KIT_DIR):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if not path.is_file() or _SKIP_PARTS & set(rel.parts) or path.suffix == ".pyc":
                continue
            digest.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class SiteInstance:
    """A running site: URLs, control API client, and lifecycle (restart, stop)."""

    def __init__(
        self,
        name: str,
        entry: str,
        *,
        port: int,
        workdir: Path,
        own_workdir: bool,
        seed: int,
        now: str | None,
        template: Path,
    ) -> None:
        self.name = name
        self.entry = entry
        self.port = port
        self.workdir = workdir
        self.seed = seed
        self.now = now
        self.template = template
        self.token = secrets.token_urlsafe(24)
        self._secret = secrets.token_urlsafe(32)
        self._own_workdir = own_workdir
        self._process: SiteProcess | None = None
        self._info: dict[str, Any] = {}
        self._control: httpx.Client | None = None
        self._lock = threading.Lock()
        self.startup_seconds = 0.0

    # ---- addresses -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (what this process uses)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        """``shop.test``: the host the browser uses (mapped to the port by host-resolver rules)."""
        return f"{self.name}.test"

    @property
    def public_url(self) -> str:
        """``http://shop.test``: the URL agents see."""
        return f"http://{self.host}"

    @property
    def db_path(self) -> Path:
        """The instance's live SQLite file."""
        return self.workdir / "site.db"

    @property
    def logins(self) -> dict[str, str]:
        """Role -> username of the accounts to show people (from the SiteSpec)."""
        return dict(self._info.get("logins", {}))

    @property
    def passwords(self) -> dict[str, str]:
        """Username -> password for the accounts in ``logins``."""
        return dict(self._info.get("passwords", {}))

    @property
    def title(self) -> str:
        """The site's title."""
        return str(self._info.get("title", self.name))

    @property
    def pid(self) -> int | None:
        """The server process id (None when stopped)."""
        return self._process.pid if self._process else None

    def __repr__(self) -> str:
        state = "alive" if self.alive() else "stopped"
        return f"<SiteInstance {self.name} {self.url} {state}>"

    # ---- lifecycle --------------------------------------------------------------------------
    def _launch(self, timeout: float, fresh: bool = False) -> None:
        env = dict(os.environ)
        env.update(
            GUIGYM_SITE_TOKEN=self.token,
            GUIGYM_SITE_SECRET=self._secret,
            GUIGYM_PARENT_PID=str(os.getpid()),
            PYTHONUNBUFFERED="1",
        )
        argv = [
            "--site", self.name, "--entry", self.entry, "--port", str(self.port),
            "--workdir", str(self.workdir), "--template", str(self.template),
            "--seed", str(self.seed),
        ]  # fmt: skip
        if self.now:
            argv += ["--now", self.now]
        if fresh:  # a new instance starts from the seeded data; a restart keeps its DB
            argv.append("--fresh")
        self.workdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self._process = SiteProcess(argv, env, self.workdir / "server.log", f"site {self.name!r}")
        try:
            self._info = json.loads(self._process.wait_ready(timeout))
            self._control = httpx.Client(
                base_url=self.url,
                headers={"X-Guigym-Token": self.token},
                timeout=30,
                trust_env=False,
                transport=_transport(),
            )
            self.health()  # the first request waits for the server loop: ready for real
        except BaseException:
            self._kill()
            raise
        self.startup_seconds = time.perf_counter() - started

    def alive(self) -> bool:
        """True while the server process runs."""
        return self._process is not None and self._process.alive()

    def _kill(self, timeout: float = 5.0) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        process, self._process = self._process, None
        if process is not None:
            process.stop(timeout)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s) and delete a temporary workdir."""
        with self._lock:
            self._kill()
            _live.discard(self)
            if self._own_workdir:
                shutil.rmtree(self.workdir, ignore_errors=True)

    def restart(self, timeout: float = 30.0) -> None:
        """Restart on the same port with the same database, token and session secret."""
        with self._lock:
            self._kill()
            self._wait_port_free()
            self._launch(timeout)

    def _wait_port_free(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not port_free(self.port):
            if time.monotonic() > deadline:
                raise ServiceError(f"port {self.port} still busy after stopping {self.name!r}")
            threading.Event().wait(0.02)

    def __enter__(self) -> SiteInstance:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ---- control API -------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        if self._control is None or not self.alive():
            raise ServiceError(f"site {self.name!r} is not running")
        try:
            response = self._control.request(method, "/_env" + path, json=body)
        except httpx.HTTPError as exc:
            raise ServiceError(f"site {self.name!r}: {method} /_env{path} failed: {exc}") from exc
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail")
            except ValueError:
                detail = response.text[:300]
            raise ControlError(
                f"site {self.name!r}: /_env{path} answered {response.status_code}: {detail}",
                response.status_code,
            )
        return response.json()

    def health(self) -> dict[str, Any]:
        """``{"site", "ok", "now", "seed"}``."""
        return self._call("GET", "/health")

    def reset(self) -> dict[str, Any]:
        """Back to the seeded database (milliseconds)."""
        return self._call("POST", "/reset")

    def snapshot(self, name: str) -> dict[str, Any]:
        """Save the current database under ``name``."""
        return self._call("POST", f"/snapshot/{name}")

    def restore(self, name: str) -> dict[str, Any]:
        """Put back the database saved under ``name``."""
        return self._call("POST", f"/restore/{name}")

    def sql(self, query: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict]:
        """Run a read-only query; rows as dicts (ControlError status 400 if refused)."""
        data = self._call("POST", "/sql", {"query": query, "params": params})
        return [dict(zip(data["columns"], row, strict=False)) for row in data["rows"]]

    def exec(self, statement: str, params: list[Any] | dict[str, Any] | None = None) -> int:
        """Run one INSERT/UPDATE/DELETE; returns the row count."""
        return int(
            self._call("POST", "/exec", {"statement": statement, "params": params})["rowcount"]
        )

    def set_now(self, now: str) -> str:
        """Move the site's frozen clock; returns the new "now" (ISO)."""
        return self._call("POST", "/clock", {"now": now})["now"]

    def session_cookie(self, username: str) -> dict[str, str]:
        """``{"name", "value"}`` of a logged-in session cookie for ``username``."""
        return self._call("POST", "/login", {"username": username})["cookie"]

    def login_cookie(self, username: str) -> dict[str, Any]:
        """A Playwright cookie logging ``username`` in on ``http://<site>.test``."""
        cookie = self.session_cookie(username)
        return {
            "name": cookie["name"],
            "value": cookie["value"],
            "domain": self.host,
            "path": "/",
            "httpOnly": True,
            "secure": False,
            "sameSite": "Lax",
        }

    def get(self, path: str, user: str | None = None, **kwargs: Any) -> httpx.Response:
        """GET a page as the browser would (Host ``<site>.test``; logged in as ``user``)."""
        headers = {"Host": self.host, **kwargs.pop("headers", {})}
        if user is not None:
            cookie = self.session_cookie(user)
            headers["Cookie"] = f"{cookie['name']}={cookie['value']}"
        with httpx.Client(
            base_url=self.url, timeout=30, trust_env=False, transport=_transport()
        ) as client:
            return client.get(path, headers=headers, **kwargs)


def prewarm() -> None:
    """Start this process's site launcher now (it imports the web stack once, ~0.5-2 s), so the
    first ``start_site`` is as fast as the next ones. Optional; safe to call from a thread."""
    from guigym.images.sites.launcher import get_launcher, launcher_enabled

    if launcher_enabled():
        get_launcher()


def start_site(
    name: str,
    *,
    port: int | None = None,
    workdir: str | Path | None = None,
    seed: int = 0,
    now: str | None = None,
    entry: str | None = None,
    timeout: float | None = None,
) -> SiteInstance:
    """Start site ``name`` and return once it answers; ServiceError if it cannot.

    ``port`` None picks a free one; ``workdir`` None uses a temporary folder removed by
    ``stop()``; ``now`` sets the frozen clock (ISO); ``entry`` ("module:attr") starts a SiteSpec
    that is not in ``SITES`` (tests).
    """
    if entry is None:
        entry = SITES[check_site_name(name)]
    template = cache_dir() / "sites" / f"{name}-seed{seed}-{code_hash(entry)}.db"
    if timeout is None:
        timeout = 30.0 if template.exists() else 300.0
    own = workdir is None
    folder = Path(tempfile.mkdtemp(prefix=f"guigym-{name}-")) if own else Path(workdir)
    attempts = 3 if port is None else 1
    last: ServiceError | None = None
    for _ in range(attempts):
        instance = SiteInstance(
            name,
            entry,
            port=port if port is not None else free_port(),
            workdir=folder,
            own_workdir=own,
            seed=seed,
            now=now,
            template=template,
        )
        try:
            instance._launch(timeout, fresh=True)
        except ServiceError as exc:
            last = exc
            if "cannot bind" not in str(exc):
                break
            continue
        _live.add(instance)
        return instance
    if own:
        shutil.rmtree(folder, ignore_errors=True)
    assert last is not None
    raise last


@atexit.register
def _stop_all() -> None:
    for instance in list(_live):
        try:
            instance.stop()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass
