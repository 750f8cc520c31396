"""The docker provider: the same services as ``local``, from guigym's images, through the SDK.

Per env instance: one private bridge network ``guigym-<id>``; one container per site, reachable on
that network as ``<site>.test`` (the desktop's Chromium) and published on ``127.0.0.1:<port>``
(this process and the host's Chromium, whose host-resolver rules map ``<site>.test`` there, as
with local sites). Ports are chosen when the provider is created and kept for its life, so a site
container that died is started again on the same port and the browser never relaunches. Reset and
snapshots go through each site's control API (no container is recreated). Everything carries
owner labels: ``close()`` removes it, and a crashed owner's leftovers are removed by the next
provider that starts (or ``guigym images prune``).
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from guigym.envs.providers.local import LocalProvider

from guigym.errors import ServiceError

__all__ = ["DockerProvider"]


class DockerProvider(LocalProvider):
    """Site containers on a private network; the interface of :class:`LocalProvider`."""

    def __init__(
        self,
        sites: Iterable[str] = (),
        *,
        site_seed: int = 0,
        image: str | None = None,
        client: Any = None,
    ) -> None:
        from guigym.images.docker import SITES_IMAGE, docker_client, new_instance_id, prune

        self.client = client or docker_client()
        prune(client=self.client)  # leftovers of owners that died
        self.image = image or SITES_IMAGE
        self.instance_id = new_instance_id()
        self.network: str | None = None
        self._checked_image = False
        super().__init__(sites, site_seed=site_seed)

    # -- network ---------------------------------------------------------------------------
    @property
    def network_name(self) -> str:
        """``guigym-<instance id>``: this env instance's private network."""
        return f"guigym-{self.instance_id}"

    def ensure_network(self) -> str:
        """Create the private network on first use; returns its name."""
        if self.network is None:
            from docker.errors import APIError
            from guigym.images.docker import owner_labels

            try:
                self.client.api.create_network(
                    self.network_name,
                    driver="bridge",
                    labels=owner_labels(self.instance_id, "network"),
                    check_duplicate=True,
                )
            except APIError as exc:
                raise ServiceError(
                    f"cannot create Docker network {self.network_name}: {exc.explanation or exc}"
                ) from exc
            self.network = self.network_name
        return self.network

    # -- sites -----------------------------------------------------------------------------
    def ensure(self, names: Iterable[str], now: datetime | None = None) -> dict[str, Any]:
        """Start missing site containers (in parallel) and start dead ones again."""
        from guigym.images.docker import require_image

        names = list(dict.fromkeys(names))
        if not self._checked_image and names:
            require_image(self.image)
            self._checked_image = True
        for name in names:
            inst = self.instances.get(name)
            if inst is not None and not inst.running():
                self.snapshots = {s for s in self.snapshots if s[0] != name}  # lived in memory
                try:
                    inst.restart()
                except ServiceError:
                    self._drop(name)  # removes the container; a clean one follows
        missing = [n for n in names if n not in self.instances]
        if missing:
            stamp = now.isoformat() if isinstance(now, datetime) else now
            network = self.ensure_network()
            # Each container spends its start importing the web stack: start them together.
            with ThreadPoolExecutor(max_workers=len(missing)) as pool:
                futures = {n: pool.submit(self._start, n, network, stamp) for n in missing}
            errors = []
            for name, future in futures.items():
                try:
                    self.instances[name] = future.result()
                except ServiceError as exc:
                    errors.append(exc)
            if errors:
                raise errors[0]
        return {n: self.instances[n] for n in names}

    def reserve(self, name: str) -> int:
        """The host port of site ``name``, released for the engine to bind.

        Why: the local provider keeps reserved ports bound with SO_REUSEPORT so its own servers
        can share them; Docker's userland proxy binds without that option and would find the
        port "already in use". The container holds the port from its start on.
        """
        port = super().reserve(name)
        hold = self._holds.pop(name, None)
        if hold is not None:
            hold.close()
        return port

    def _start(self, name: str, network: str, now: str | None) -> Any:
        from guigym.images.docker import start_site_container

        return start_site_container(
            self.client,
            name,
            port=self.reserve(name),
            network=network,
            instance_id=self.instance_id,
            seed=self.site_seed,
            now=now,
            image=self.image,
        )

    def dead(self, names: Iterable[str]) -> list[str]:
        """Names of started sites whose container is not running (asks the engine)."""
        return [n for n in names if n in self.instances and not self.instances[n].running()]

    def close(self) -> None:
        """Remove this instance's containers and network (and anything else it labelled)."""
        from guigym.images.docker import prune

        try:
            super().close()
        finally:
            try:
                prune(client=self.client, instance=self.instance_id)
            except Exception:  # noqa: BLE001 - the engine went away: the next start prunes
                pass
            self.network = None
