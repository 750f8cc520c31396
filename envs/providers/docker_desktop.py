"""The docker desktop provider: a desktop container plus site containers on one private network.

Why it mirrors :class:`DesktopProvider`: DesktopEnv drives both the same way (ensure, reset,
copy files, start apps, snapshots). What differs: the desktop lives in a container whose control
API is published on 127.0.0.1, task files are written through that API (the home is not on this
machine), and the desktop's Chromium reaches the sites by their stable names on the network
(``shop.test`` -> the site container's port 80) instead of host-resolver rules to local ports;
before the browser starts, the container's Chromium policy is set to allow exactly the task's
``<site>.test`` hosts (every other URL, ``file:``/``data:``/``chrome:`` and IP literals refused).
The apps run as the image's unprivileged ``agent`` user (see images/docker/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from guigym.envs.providers.desktop_local import DesktopProvider
from guigym.envs.providers.docker import DockerProvider
from guigym.envs.providers.local import free_port

from guigym.errors import ServiceError

__all__ = ["DockerDesktopProvider"]


class DockerDesktopProvider(DesktopProvider):
    """Owns one desktop container and a :class:`DockerProvider` for the sites."""

    def __init__(
        self,
        size: tuple[int, int] = (1280, 720),
        sites: Iterable[str] = (),
        *,
        image: str | None = None,
        client: Any = None,
    ) -> None:
        self.size = size
        self.sites = DockerProvider(sites, client=client)
        self.image = image
        self.instance: Any = None
        self.home_snapshots: set[str] = set()
        self.port = free_port()

    def ensure_desktop(self) -> Any:
        """The running desktop container (started, or started anew after a crash)."""
        from guigym.images.docker import DESKTOP_IMAGE, require_image
        from guigym.images.docker.desktop import start_desktop_container

        inst = self.instance
        if inst is not None and inst.alive():
            try:
                if inst.client.health().get("ok"):
                    return inst
            except ServiceError:
                pass
        if inst is not None:
            inst.stop()
            self.instance = None
        self.home_snapshots.clear()
        image = self.image or DESKTOP_IMAGE
        require_image(image)
        self.instance = start_desktop_container(
            self.sites.client,
            port=self.port,
            network=self.sites.ensure_network(),
            instance_id=self.sites.instance_id,
            size=self.size,
            image=image,
        )
        return self.instance

    def copy_files(self, root: Path | None) -> int:
        """Write a task's ``files/`` tree into the container's home (paths mirror the home)."""
        if root is None:
            return 0
        n = 0
        for dirpath, _dirs, files in os.walk(root):
            rel = Path(dirpath).relative_to(root)
            for name in files:
                self.client.write_file(
                    f"~/{(rel / name).as_posix()}", (Path(dirpath) / name).read_bytes()
                )
                n += 1
        return n

    def start_apps(
        self, apps: Sequence[str], open_files: Sequence[str], start_url: str, sites: Sequence[str]
    ) -> list[dict]:
        """Launch the task's apps; the browser may reach the task's sites and nothing else.

        The policy is set at every reset, browser or not: a Chromium the agent opens from the
        panel menu later must not reach a previous task's sites.
        """
        if self.instance is not None:
            self.instance.allow_sites(sites)
        return super().start_apps(apps, open_files, start_url, sites)

    def browser_hosts(self, sites: Sequence[str]) -> dict[str, int]:
        """None to map: on the private network ``<site>.test`` resolves to the site container."""
        return {}

    def close(self) -> None:
        """Remove the desktop container, the site containers and the network."""
        try:
            if self.instance is not None:
                self.instance.stop()
                self.instance = None
        finally:
            self.sites.close()
