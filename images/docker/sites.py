"""A site in a container: ``start_site_container(...) -> SiteContainer``.

Why a subclass of :class:`~guigym.images.sites.instance.SiteInstance`: the control API client
(health, reset, snapshot, restore, sql, exec, login cookies) is the very same code as for a local
site; only the lifecycle differs. The container runs ``python -m
guigym.images.sites.serve_one`` bound to 0.0.0.0:80 inside its private network, where it is
reachable as ``<site>.test`` (for the desktop's Chromium), and is published on
``127.0.0.1:<port>`` for this process and the host's browser. The control token and session
secret travel as environment variables, never in argv.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from guigym.images.docker.containers import (
    container_state,
    create_container,
    log_tail,
    remove_container,
    start_container,
    wait_ready,
)
from guigym.images.docker.engine import SITES_IMAGE
from guigym.images.docker.labels import owner_labels
from guigym.images.docker.prebuild import template_path
from guigym.images.sites import SITES, check_site_name
from guigym.images.sites.instance import ControlError, SiteInstance, _transport
from guigym.images.sites.serve_one import READY_PREFIX

from guigym.errors import ServiceError

__all__ = ["SiteContainer", "start_site_container", "SITE_PORT", "SITE_WORKDIR"]

#: The port every site listens on inside its container (so ``http://shop.test/`` just works).
SITE_PORT = 80
#: The instance's folder inside the container (``site.db``, ``seed.db``, ``snapshots/``).
SITE_WORKDIR = Path("/srv/site")


class SiteContainer(SiteInstance):
    """A site instance living in a container; ``.url`` is its published 127.0.0.1 port."""

    def __init__(
        self,
        client: Any,
        name: str,
        entry: str,
        *,
        port: int,
        seed: int,
        now: str | None,
        network: str,
        instance_id: str,
        image: str = SITES_IMAGE,
    ) -> None:
        super().__init__(
            name,
            entry,
            port=port,
            workdir=SITE_WORKDIR,  # inside the container
            own_workdir=False,
            seed=seed,
            now=now,
            template=template_path(name, seed),
        )
        self.client = client
        self.network = network
        self.instance_id = instance_id
        self.image = image
        self.container_id: str | None = None
        self._gone = False

    @property
    def container_name(self) -> str:
        """``guigym-<instance>-<site>``."""
        return f"guigym-{self.instance_id}-{self.name}"

    @property
    def pid(self) -> int | None:
        """The site server's pid on this machine (None when stopped)."""
        if self.container_id is None:
            return None
        return container_state(self.client, self.container_id).get("Pid") or None

    def __repr__(self) -> str:
        return f"<SiteContainer {self.name} {self.container_name} {self.url}>"

    # ---- lifecycle ---------------------------------------------------------------------------
    def _command(self, fresh: bool) -> list[str]:
        argv = [
            "python", "-m", "guigym.images.sites.serve_one", "--site", self.name,
            "--entry", self.entry, "--host", "0.0.0.0", "--port", str(SITE_PORT),
            "--workdir", str(self.workdir), "--template", str(self.template),
            "--seed", str(self.seed),
        ]  # fmt: skip
        if self.now:
            argv += ["--now", self.now]
        if fresh:
            argv.append("--fresh")
        return argv

    def _launch(self, timeout: float, fresh: bool = False) -> None:
        if self.container_id is None:
            self.container_id = create_container(
                self.client,
                image=self.image,
                name=self.container_name,
                command=self._command(fresh),
                environment={"GUIGYM_SITE_TOKEN": self.token, "GUIGYM_SITE_SECRET": self._secret},
                labels=owner_labels(self.instance_id, f"site:{self.name}"),
                network=self.network,
                aliases=[self.host, self.name],
                ports={SITE_PORT: self.port},
                # The live DB, seed copy and snapshots in memory: resets are file copies.
                tmpfs={str(self.workdir): "rw,size=512m"},
            )
        what = f"site container {self.container_name}"
        try:
            start_container(self.client, self.container_id, what)
            self._control = httpx.Client(
                base_url=self.url,
                headers={"X-Guigym-Token": self.token},
                timeout=30,
                trust_env=False,
                transport=_transport(),
            )
            wait_ready(self.client, self.container_id, self._healthy, timeout=timeout, what=what)
            self._info = self._ready_info()
        except BaseException:
            self._remove()
            raise
        self._gone = False

    def _healthy(self) -> bool:
        try:
            response = self._control.get("/_env/health", timeout=2)
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json().get("ok"))

    def _ready_info(self) -> dict[str, Any]:
        raw = self.client.api.logs(self.container_id, stdout=True, stderr=False)
        for line in raw.decode("utf-8", "replace").splitlines():
            if line.startswith(READY_PREFIX):
                return json.loads(line[len(READY_PREFIX) :])
        return {}

    def running(self) -> bool:
        """The container's real state (asks the engine)."""
        if self.container_id is None:
            return False
        self._gone = container_state(self.client, self.container_id).get("Status") != "running"
        return not self._gone

    def alive(self) -> bool:
        """Cheap: started and not seen dead (control calls check this; ``running()`` asks)."""
        return self._control is not None and self.container_id is not None and not self._gone

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        try:
            return super()._call(method, path, body)
        except ControlError:
            raise
        except ServiceError as exc:
            if self.container_id is not None and not self.running():
                raise ServiceError(
                    f"site container {self.container_name} is not running "
                    f"({log_tail(self.client, self.container_id, 2)}); reset() restarts it"
                ) from exc
            raise

    def _close_control(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None

    def _remove(self) -> None:
        self._close_control()
        cid, self.container_id = self.container_id, None
        if cid is not None:
            remove_container(self.client, cid)

    def restart(self, timeout: float = 30.0) -> None:
        """Start the stopped container again: same port, same database, same token."""
        with self._lock:
            self._close_control()
            if (
                self.container_id is not None
                and container_state(self.client, self.container_id).get("Status") == "missing"
            ):
                self.container_id = None
            self._launch(timeout, fresh=self.container_id is None)

    def stop(self) -> None:
        """Remove the container (nothing of it is left)."""
        with self._lock:
            self._remove()


def start_site_container(
    client: Any,
    name: str,
    *,
    port: int,
    network: str,
    instance_id: str,
    seed: int = 0,
    now: str | None = None,
    image: str = SITES_IMAGE,
    timeout: float | None = None,
) -> SiteContainer:
    """Create and start site ``name``'s container; return once its control API answers."""
    entry = SITES[check_site_name(name)]
    site = SiteContainer(
        client,
        name,
        entry,
        port=port,
        seed=seed,
        now=now,
        network=network,
        instance_id=instance_id,
        image=image,
    )
    site._launch(timeout or (30.0 if seed == 0 else 300.0), fresh=True)
    return site
