"""Container plumbing shared by site and desktop containers: create with labels and a network
alias, start, wait until a health probe answers, read logs, remove.

Why no sleeps: readiness is the service answering its health route; between probes we look at the
container's state, so a container that exits at start fails at once with the tail of its log
(and is removed: nothing leaks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from guigym.errors import ServiceError

__all__ = ["create_container", "start_container", "wait_ready", "log_tail", "remove_container"]


def create_container(
    client: Any,
    *,
    image: str,
    name: str,
    command: Sequence[str],
    environment: Mapping[str, str],
    labels: Mapping[str, str],
    network: str,
    aliases: Sequence[str],
    ports: Mapping[int, int],
    shm_size: str | None = None,
    tmpfs: Mapping[str, str] | None = None,
    security_opt: Sequence[str] = (),
    cap_drop: Sequence[str] = (),
) -> str:
    """Create (not start) a container on ``network`` reachable as ``aliases``; returns its id.

    ``ports`` maps a container port to a host port published on 127.0.0.1 only;
    ``security_opt`` / ``cap_drop`` harden it (e.g. ``no-new-privileges``).
    """
    from docker.errors import APIError, ImageNotFound

    api = client.api
    host_config = api.create_host_config(
        port_bindings={f"{c}/tcp": ("127.0.0.1", h) for c, h in ports.items()},
        init=True,  # signals reach the service; zombies are reaped
        network_mode=network,
        shm_size=shm_size,
        tmpfs=dict(tmpfs) if tmpfs else None,
        security_opt=list(security_opt) or None,
        cap_drop=list(cap_drop) or None,
    )
    networking = api.create_networking_config(
        {network: api.create_endpoint_config(aliases=list(aliases))}
    )
    try:
        created = api.create_container(
            image,
            command=list(command),
            name=name,
            environment=dict(environment),
            labels=dict(labels),
            host_config=host_config,
            networking_config=networking,
            ports=[int(c) for c in ports],
            detach=True,
        )
    except ImageNotFound as exc:
        raise ServiceError(f"Docker image {image} is missing: run `guigym images build`") from exc
    except APIError as exc:
        raise ServiceError(f"cannot create container {name}: {_explain(exc)}") from exc
    return created["Id"]


def start_container(client: Any, container_id: str, what: str) -> None:
    """Start a created or stopped container; a port clash is a one-line error."""
    from docker.errors import APIError

    try:
        client.api.start(container_id)
    except APIError as exc:
        raise ServiceError(f"cannot start {what}: {_explain(exc)}") from exc


def wait_ready(
    client: Any,
    container_id: str,
    probe: Callable[[], bool],
    *,
    timeout: float,
    what: str,
) -> None:
    """Return once ``probe()`` is true; ServiceError if the container stops or time runs out."""
    deadline = time.monotonic() + timeout
    interval = 0.01
    while True:
        if probe():
            return
        state = container_state(client, container_id)
        if state.get("Status") not in ("created", "running", "restarting"):
            raise ServiceError(
                f"{what} exited at start (exit code {state.get('ExitCode')}): "
                f"{log_tail(client, container_id)}"
            )
        if time.monotonic() > deadline:
            tail = log_tail(client, container_id)
            raise ServiceError(f"{what} did not become ready within {timeout:g} s: {tail}")
        # Between probes: the service is importing its stack; look again shortly.
        threading.Event().wait(interval)
        interval = min(interval * 1.5, 0.2)


def container_state(client: Any, container_id: str) -> dict:
    """The ``State`` of a container (``{"Status": "missing"}`` if it no longer exists)."""
    from docker.errors import NotFound

    try:
        return client.api.inspect_container(container_id)["State"]
    except NotFound:
        return {"Status": "missing"}


def log_tail(client: Any, container_id: str, lines: int = 4) -> str:
    """The last lines a container printed, joined on one line."""
    try:
        raw = client.api.logs(container_id, stdout=True, stderr=True, tail=lines)
    except Exception:  # noqa: BLE001 - gone or unreadable
        return "no log"
    text = raw.decode("utf-8", "replace").strip() if isinstance(raw, bytes) else str(raw)
    return " | ".join(text.splitlines())[-600:] or "empty log"


def remove_container(client: Any, container_id: str) -> None:
    """Kill and remove a container with its anonymous volumes; a missing one is fine."""
    from docker.errors import APIError, NotFound

    try:
        client.api.remove_container(container_id, force=True, v=True)
    except NotFound:
        pass
    except APIError as exc:
        if "already in progress" not in str(exc):
            raise ServiceError(f"cannot remove container {container_id[:12]}: {exc}") from exc


def _explain(exc: Exception) -> str:
    text = getattr(exc, "explanation", None) or str(exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = str(text).strip()
    if "port is already allocated" in text or "address already in use" in text:
        return f"a host port is already in use ({text[:200]}); free it or let guigym pick another"
    return text[:300]
