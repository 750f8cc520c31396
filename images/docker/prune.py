"""Remove what guigym left in Docker: containers, networks and volumes whose owner process is
gone (``guigym images prune``; also run by every docker provider when it starts).

Why labels and not names: a crashed harness cannot clean up after itself, so every object says who
owns it (``labels.py``); anything whose owner no longer runs is a leftover, whatever its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guigym.images.docker.engine import docker_client
from guigym.images.docker.labels import INSTANCE, LABEL, owner_alive

__all__ = ["PruneReport", "prune", "leftovers"]


@dataclass
class PruneReport:
    """What one prune removed (names), and what it could not remove."""

    containers: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many objects were removed."""
        return len(self.containers) + len(self.networks) + len(self.volumes) + len(self.images)


def _mine(labels: dict | None, everything: bool, instance: str | None) -> bool:
    labels = labels or {}
    if instance is not None:
        return labels.get(INSTANCE) == instance
    return everything or not owner_alive(labels)


def leftovers(client: Any = None) -> dict[str, list[str]]:
    """Names of every labelled container, network and volume (dead owners or not)."""
    client = client or docker_client()
    flt = {"label": f"{LABEL}=1"}
    containers = client.api.containers(all=True, filters=flt)
    return {
        "containers": [c["Names"][0].lstrip("/") for c in containers],
        "networks": [n["Name"] for n in client.api.networks(filters=flt)],
        "volumes": [v["Name"] for v in (client.api.volumes(filters=flt).get("Volumes") or [])],
    }


def prune(
    *,
    everything: bool = False,
    instance: str | None = None,
    images: bool = False,
    client: Any = None,
) -> PruneReport:
    """Remove leftovers of dead owners (``everything``: of live ones too; ``instance``: only that
    env instance's). ``images`` also removes guigym's dangling (superseded) images."""
    from docker.errors import APIError, NotFound

    client = client or docker_client()
    api = client.api
    report = PruneReport()
    flt = {"label": f"{LABEL}=1"}
    for c in api.containers(all=True, filters=flt):
        if _mine(c.get("Labels"), everything, instance):
            name = c["Names"][0].lstrip("/")
            try:
                api.remove_container(c["Id"], force=True, v=True)
                report.containers.append(name)
            except NotFound:
                pass
            except APIError as exc:
                report.failed.append(f"container {name}: {exc.explanation or exc}")
    for n in api.networks(filters=flt):
        if _mine(n.get("Labels"), everything, instance):
            try:
                api.remove_network(n["Id"])
                report.networks.append(n["Name"])
            except NotFound:
                pass
            except APIError as exc:
                report.failed.append(f"network {n['Name']}: {exc.explanation or exc}")
    for v in api.volumes(filters=flt).get("Volumes") or []:
        if _mine(v.get("Labels"), everything, instance):
            try:
                api.remove_volume(v["Name"], force=True)
                report.volumes.append(v["Name"])
            except NotFound:
                pass
            except APIError as exc:
                report.failed.append(f"volume {v['Name']}: {exc.explanation or exc}")
    if images:
        for img in api.images(filters={"dangling": True, "label": "guigym.image"}):
            try:
                api.remove_image(img["Id"])
                report.images.append(img["Id"][7:19])
            except APIError as exc:  # still used by a container, or already gone
                report.failed.append(f"image {img['Id'][7:19]}: {exc.explanation or exc}")
    return report
