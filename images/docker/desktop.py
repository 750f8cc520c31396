"""The desktop in a container: ``start_desktop_container(...) -> DesktopContainer``.

Why it looks like :class:`~guigym.images.desktop.client.DesktopInstance`: the env talks to the
same control server through the same :class:`DesktopClient`; only the lifecycle differs. The
container joins its env instance's private network, where the site containers answer as
``<site>.test`` on port 80, so the desktop's Chromium reaches them by their stable names; the
control port is published on 127.0.0.1 only. Screenshots travel over HTTP (raw RGB).

Isolation (README "Isolation"): the server runs as root and starts every app as the image's
``agent`` user (uid 1000); the control token reaches the server through a root-only file written
before start (never the container's environment, which ``docker exec`` hands on); the container
gets ``no-new-privileges``; and before each launch Chromium's managed policy is given the
task's sites as its only allowed hosts (:meth:`DesktopContainer.allow_sites`).
"""

from __future__ import annotations

import io
import json
import re
import secrets
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from guigym.images.desktop.client import READY_PREFIX, DesktopClient
from guigym.images.docker.containers import (
    container_state,
    create_container,
    remove_container,
    start_container,
    wait_ready,
)
from guigym.images.docker.engine import DESKTOP_IMAGE
from guigym.images.docker.labels import owner_labels

from guigym.errors import ServiceError

__all__ = [
    "DesktopContainer",
    "start_desktop_container",
    "site_policy",
    "DESKTOP_PORT",
    "DESKTOP_WORKDIR",
    "TOKEN_FILE",
    "SITES_POLICY",
    "APP_UID",
]

#: The control server's port inside the container.
DESKTOP_PORT = 8000
#: The desktop's folder inside the container (``home/``, snapshots, logs).
DESKTOP_WORKDIR = "/srv/desktop"
#: Root-only file holding the control token (read by the image's entry script).
TOKEN_FILE = "/run/guigym/desktop-token"
#: Chromium's per-launch managed policy: the allowed site hosts (the image's own policy file
#: blocks every other URL).
SITES_POLICY = "/etc/chromium/policies/managed/guigym-sites.json"
#: The uid (and gid) the apps run as in the container: the image's ``agent`` user.
APP_UID = 1000
#: Hardening of the container itself: no set-uid way back to root, fewer root capabilities.
SECURITY_OPT = ("no-new-privileges:true",)
CAP_DROP = ("NET_RAW", "MKNOD", "SYS_CHROOT", "AUDIT_WRITE", "SETFCAP")

_SITE_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def site_policy(sites: Iterable[str]) -> dict[str, list[str]]:
    """Chromium's ``URLAllowlist`` for ``sites``: ``http://<site>.test`` only (names checked)."""
    names = sorted(set(sites))
    bad = [n for n in names if not _SITE_RE.match(str(n))]
    if bad:
        raise ServiceError(f"expected site names like 'shop', got {bad!r}")
    return {"URLAllowlist": [f"http://{name}.test" for name in names]}


def _tar(files: dict[str, tuple[bytes, int]], dirs: dict[str, int] | None = None) -> bytes:
    """A tar of root-owned ``files`` (path -> (data, mode)) and ``dirs`` (path -> mode)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, mode in (dirs or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.mode = tarfile.DIRTYPE, mode
            tar.addfile(info)
        for name, (data, mode) in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class DesktopContainer:
    """A running desktop container; ``.client`` talks to it, ``stop()`` removes it."""

    def __init__(
        self,
        client: Any,
        *,
        port: int,
        network: str,
        instance_id: str,
        size: tuple[int, int] = (1280, 720),
        image: str = DESKTOP_IMAGE,
    ) -> None:
        self.docker = client
        self.port = port
        self.network = network
        self.instance_id = instance_id
        self.size = size
        self.image = image
        self.token = secrets.token_urlsafe(24)
        self.url = f"http://127.0.0.1:{port}"
        self.client = DesktopClient(self.url, self.token)
        self.container_id: str | None = None
        self._policy: dict[str, list[str]] | None = None  # the site policy last written
        self.info: dict[str, Any] = {}
        self.startup_seconds = 0.0

    @property
    def name(self) -> str:
        """``guigym-<instance>-desktop``."""
        return f"guigym-{self.instance_id}-desktop"

    @property
    def home(self) -> Path:
        """The home folder inside the container (reach it through ``client``)."""
        return Path(self.info.get("home", f"{DESKTOP_WORKDIR}/home"))

    @property
    def display(self) -> str:
        """The X display inside the container."""
        return str(self.info.get("display", ""))

    @property
    def pid(self) -> int | None:
        """The control server's pid on this machine."""
        if self.container_id is None:
            return None
        return container_state(self.docker, self.container_id).get("Pid") or None

    def start(self, timeout: float = 120.0) -> DesktopContainer:
        """Create and start the container; return once its control server answers."""
        import time

        started = time.perf_counter()
        argv = [
            "python", "-m", "guigym.images.desktop.serve", "--workdir", DESKTOP_WORKDIR,
            "--host", "0.0.0.0", "--port", str(DESKTOP_PORT),
            "--width", str(self.size[0]), "--height", str(self.size[1]),
        ]  # fmt: skip
        self.container_id = create_container(
            self.docker,
            image=self.image,
            name=self.name,
            command=argv,
            environment={},  # the token goes in a root-only file (below), never here
            labels=owner_labels(self.instance_id, "desktop"),
            network=self.network,
            aliases=["desktop"],
            ports={DESKTOP_PORT: self.port},
            shm_size="512m",  # Chromium and LibreOffice use shared memory
            security_opt=SECURITY_OPT,
            cap_drop=CAP_DROP,
        )
        what = f"desktop container {self.name}"
        try:
            token = {TOKEN_FILE.removeprefix("/run/"): (self.token.encode(), 0o400)}
            self._put(_tar(token, {"guigym": 0o700}))
            self._policy = None
            self.allow_sites(())
            start_container(self.docker, self.container_id, what)
            wait_ready(self.docker, self.container_id, self._healthy, timeout=timeout, what=what)
            self.info = self._ready_info()
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.perf_counter() - started
        return self

    def _put(self, archive: bytes, where: str = "/run") -> None:
        from docker.errors import APIError

        try:
            self.docker.api.put_archive(self.container_id, where, archive)
        except APIError as exc:
            raise ServiceError(f"cannot write into {self.name}: {exc}") from exc

    def allow_sites(self, sites: Iterable[str]) -> None:
        """Let the container's Chromium reach ``<site>.test`` for ``sites`` and nothing else.

        Chromium reads its policy when it starts, so call this before launching it (a reset
        closes every app, so each task's browser starts with its own sites).
        """
        policy = site_policy(sites)
        if policy == self._policy:
            return  # written already (a put into the container costs ~0.2 s under load)
        data = (json.dumps(policy, indent=1) + "\n").encode()
        folder, name = SITES_POLICY.rsplit("/", 1)
        self._put(_tar({name: (data, 0o644)}), folder)
        self._policy = policy

    def _healthy(self) -> bool:
        try:
            return bool(self.client.health().get("ok", True))
        except ServiceError:
            return False

    def _ready_info(self) -> dict[str, Any]:
        raw = self.docker.api.logs(self.container_id, stdout=True, stderr=False)
        for line in raw.decode("utf-8", "replace").splitlines():
            if line.startswith(READY_PREFIX):
                return json.loads(line[len(READY_PREFIX) :])
        return {}

    def alive(self) -> bool:
        """True while the container runs (asks the engine)."""
        if self.container_id is None:
            return False
        return container_state(self.docker, self.container_id).get("Status") == "running"

    def stop(self) -> None:
        """Remove the container; safe to call twice."""
        self.client.close()
        cid, self.container_id = self.container_id, None
        if cid is not None:
            remove_container(self.docker, cid)

    def __enter__(self) -> DesktopContainer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_desktop_container(
    client: Any,
    *,
    port: int,
    network: str,
    instance_id: str,
    size: tuple[int, int] = (1280, 720),
    image: str = DESKTOP_IMAGE,
    timeout: float = 120.0,
) -> DesktopContainer:
    """Start a desktop container on ``network``, control API on ``127.0.0.1:port``."""
    desktop = DesktopContainer(
        client, port=port, network=network, instance_id=instance_id, size=size, image=image
    )
    return desktop.start(timeout)
