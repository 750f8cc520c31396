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
import importlib.util
import json
import os
import secrets
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import httpx
from guigym.images.sites import SITES, check_site_name
from guigym.images.sites.launcher import BOOT, get_launcher, launcher_enabled

from guigym.errors import ServiceError

__all__ = ["SiteInstance", "ControlError", "start_site", "cache_dir", "code_hash", "free_port"]

READY_PREFIX = "GUIGYM_READY "

_BOOT = BOOT + "from guigym.images.sites.serve_one import main; sys.exit(main(sys.argv[1:]))"
_KIT_DIR = Path(__file__).resolve().parent / "kit"
_SKIP_PARTS = {"__pycache__", "templates", "static"}
_live: weakref.WeakSet[SiteInstance] = weakref.WeakSet()


def _transport() -> httpx.HTTPTransport:
    # TCP_NODELAY: without it a small POST waits ~40 ms for a delayed ACK (Nagle).
    return httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


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
    """Hash of the site's and the kit's source files (not templates/static): the cache key."""
    digest = hashlib.sha256()
    for folder in (_package_folder(entry), _KIT_DIR):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if not path.is_file() or _SKIP_PARTS & set(rel.parts) or path.suffix == ".pyc":
                continue
            digest.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


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
        self._proc: subprocess.Popen[bytes] | None = None
        self._pid: int | None = None
        self._life: int | None = None  # read end of the ready/life pipe
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
        return self._pid

    def __repr__(self) -> str:
        state = "alive" if self.alive() else "stopped"
        return f"<SiteInstance {self.name} {self.url} {state}>"

    # ---- lifecycle --------------------------------------------------------------------------
    def _launch(self, timeout: float) -> None:
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
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.workdir / "server.log"
        started = time.perf_counter()
        # The ready/life pipe: the site writes its READY line into it and keeps it open; EOF on
        # our end means the process is gone (no polling of pids, no zombies to reap).
        read_end, write_end = os.pipe()
        try:
            if launcher_enabled():
                self._pid = get_launcher().spawn(argv, env, os.getcwd(), str(log), write_end)
            else:
                with open(log, "ab") as log_file:
                    self._proc = subprocess.Popen(
                        [sys.executable, "-c", _BOOT, *argv, "--ready-fd", str(write_end)],
                        stdin=subprocess.DEVNULL,
                        stdout=log_file,
                        stderr=log_file,
                        env=env,
                        pass_fds=[write_end],
                        start_new_session=True,  # Ctrl-C in a terminal reaches us, not them
                    )
                self._pid = self._proc.pid
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        self._life = read_end
        try:
            line = self._read_ready(timeout)
            self._info = json.loads(line[len(READY_PREFIX) :])
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

    def _read_ready(self, timeout: float) -> str:
        assert self._life is not None
        deadline = time.monotonic() + timeout
        buf = b""
        with selectors.DefaultSelector() as sel:
            sel.register(self._life, selectors.EVENT_READ)
            while b"\n" not in buf:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ServiceError(
                        f"site {self.name!r} did not start within {timeout:.0f} s{self._log_tail()}"
                    )
                if not sel.select(left):
                    continue
                chunk = os.read(self._life, 65536)
                if not chunk:
                    raise ServiceError(
                        f"site {self.name!r} exited during startup{self._log_tail()}"
                    )
                buf += chunk
        line = buf.split(b"\n", 1)[0].decode("utf-8", "replace")
        if not line.startswith(READY_PREFIX):
            raise ServiceError(f"site {self.name!r} failed to start: {line}{self._log_tail()}")
        return line

    def _log_tail(self, lines: int = 15) -> str:
        try:
            text = (self.workdir / "server.log").read_text(errors="replace").strip()
        except OSError:
            return ""
        return ("\n" + "\n".join(text.splitlines()[-lines:])) if text else ""

    def alive(self) -> bool:
        """True while the server process runs."""
        if self._life is None:
            return False
        readable, _, _ = select.select([self._life], [], [], 0)
        return not readable or bool(os.read(self._life, 65536)) or False

    def _wait_gone(self, timeout: float) -> bool:
        assert self._life is not None
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self._life], [], [], left)
            if readable and not os.read(self._life, 65536):
                return True

    def _kill(self, timeout: float = 5.0) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        pid, life, proc = self._pid, self._life, self._proc
        self._pid = self._life = self._proc = None
        if life is None:
            return
        self._life = life
        try:
            if pid is not None:
                _signal(pid, signal.SIGTERM)
                if not self._wait_gone(timeout):
                    _signal(pid, signal.SIGKILL)
                    self._wait_gone(5.0)
        finally:
            self._life = None
            os.close(life)
            if proc is not None:
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()

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
        while not _port_free(self.port):
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
            instance._launch(timeout)
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
