"""The connection to the Docker engine, with one-line errors that say what to do.

Why a module of its own: every entry point (``guigym images``, the docker provider, the bench,
the tests) needs the same client and the same answers to "no engine" and "no image".
"""

from __future__ import annotations

import os
from typing import Any

from guigym.errors import NotAvailableError, ServiceError

__all__ = [
    "SITES_IMAGE",
    "DESKTOP_IMAGE",
    "BASE_IMAGE",
    "ENSURE_DOCKERD",
    "docker_client",
    "engine_available",
    "require_image",
    "image_exists",
]

#: Image names (override with environment variables, e.g. for a registry mirror).
SITES_IMAGE = os.environ.get("GUIGYM_SITES_IMAGE", "guigym/sites:latest")
DESKTOP_IMAGE = os.environ.get("GUIGYM_DESKTOP_IMAGE", "guigym/desktop:latest")
BASE_IMAGE = os.environ.get("GUIGYM_BASE_IMAGE", "guigym/base:bookworm")
#: The script that installs docker.io and starts dockerd (see README.md).
ENSURE_DOCKERD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ensure_dockerd.sh")

_clients: dict[int, Any] = {}


def docker_client(timeout: int = 120) -> Any:
    """A ``docker.DockerClient`` for this process (cached per pid: never shared across fork).

    Raises NotAvailableError when the SDK is missing and ServiceError when no engine answers.
    """
    pid = os.getpid()
    client = _clients.get(pid)
    if client is not None:
        return client
    try:
        import docker
        from docker.errors import DockerException
    except ImportError as exc:
        raise NotAvailableError(
            "the Docker SDK is not installed: pip install docker (the 'docker' extra)"
        ) from exc
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except DockerException as exc:
        raise ServiceError(
            "no Docker engine answers: start dockerd (e.g. `bash "
            f"{ENSURE_DOCKERD}`) or set DOCKER_HOST ({_short(exc)})"
        ) from exc
    _clients.clear()
    _clients[pid] = client
    return client


def engine_available() -> bool:
    """True when a Docker engine answers (never raises)."""
    try:
        docker_client()
    except Exception:  # noqa: BLE001 - any failure means "no"
        return False
    return True


def image_exists(name: str) -> bool:
    """True when the engine has image ``name`` locally."""
    from docker.errors import ImageNotFound

    try:
        docker_client().images.get(name)
    except ImageNotFound:
        return False
    return True


def require_image(name: str) -> None:
    """ServiceError with the command to run when image ``name`` is missing."""
    if not image_exists(name):
        which = (
            " --only desktop"
            if name == DESKTOP_IMAGE
            else (" --only sites" if name == SITES_IMAGE else "")
        )
        raise ServiceError(f"Docker image {name} is missing: run `guigym images build{which}`")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
