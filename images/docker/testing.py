"""For test suites (ours and downstream): make a Docker engine and current images available.

``docker_ready(kinds)`` starts an engine when none answers (``ensure_dockerd.sh``: installs
docker.io and debootstrap if needed, starts dockerd) and builds every image in ``kinds`` that is
missing or was built from other source (its ``guigym.source`` label; with
``GUIGYM_DOCKER_IMAGES_AS_IS=1`` only missing ones), bootstrapping the base when needed; so a
fresh CI machine runs the Docker tests with no preparation. It returns a reason only when no
engine can be started at all (the caller skips with it); a failed build raises.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterable

from guigym.images.docker.engine import ENSURE_DOCKERD, docker_client, engine_available

__all__ = ["docker_ready", "prepare_images", "labelled_leftovers", "BUILDS", "SOURCES"]

#: ``GUIGYM_DOCKER_IMAGES_AS_IS=1``: use existing images even when built from other source (while
#: iterating in a checkout others edit too, where the source hash changes with every save).
AS_IS_ENV = "GUIGYM_DOCKER_IMAGES_AS_IS"
#: kind -> seconds of the build this process ran (0.0: the image was current already).
BUILDS: dict[str, float] = {}
#: kind -> the ``guigym.source`` label of the image the tests use.
SOURCES: dict[str, str] = {}
_engine_reason: list[str] = []


def _log(message: str) -> None:
    print(f"[docker tests] {message}", file=sys.stderr, flush=True)  # noqa: T201 - progress


def _ensure_engine() -> str | None:
    if _engine_reason:
        return _engine_reason[0] or None
    reason = ""
    if not engine_available():
        _log(f"no Docker engine answers: running {ENSURE_DOCKERD}")
        try:
            done = subprocess.run(
                ["bash", ENSURE_DOCKERD], capture_output=True, text=True, timeout=600, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = f"no Docker engine could be started: {exc}"
        else:
            if done.returncode != 0 or not engine_available():
                tail = " | ".join(done.stderr.strip().splitlines()[-3:])
                reason = f"no Docker engine could be started ({tail or 'ensure_dockerd failed'})"
    _engine_reason.append(reason)
    return reason or None


def _label(kind: str) -> str:
    from docker.errors import ImageNotFound
    from guigym.images.docker.build import IMAGES

    try:
        image = docker_client().images.get(IMAGES[kind].tag)
    except ImageNotFound:
        return ""
    return (image.labels or {}).get("guigym.source", "")


def _build_if_stale(kind: str) -> None:
    """Build ``kind`` unless current, under a file lock shared by every process.

    Why the lock: ``make test`` starts the image build in the background so it overlaps the
    other tests; the Docker tests then wait for that build here instead of starting a second one.
    """
    from guigym.images.docker.bootstrap import base_tarball
    from guigym.images.docker.build import build_images, source_hash

    lock_path = base_tarball().parent / f"build-{kind}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        label = _label(kind)
        if label == source_hash() or (label and os.environ.get(AS_IS_ENV) == "1"):
            BUILDS[kind] = 0.0
        else:
            _log(f"building the {kind} image (missing or built from other source)")
            started = time.monotonic()
            build_images(kind, progress=_log)
            BUILDS[kind] = round(time.monotonic() - started, 1)
    SOURCES[kind] = _label(kind)


def docker_ready(kinds: Iterable[str] = ("sites",)) -> str | None:
    """None when the engine answers and the images are current; else why Docker is unusable."""
    reason = _ensure_engine()
    if reason:
        return reason
    for kind in kinds:
        if kind not in BUILDS:
            _build_if_stale(kind)
    return None


def prepare_images(kinds: Iterable[str] = ("sites", "desktop")) -> int:
    """Start an engine and build stale images; exit code for ``make test``'s background job."""
    reason = docker_ready(kinds)
    if reason:
        _log(reason)
        return 1
    _log("images ready: " + ", ".join(f"{k} ({BUILDS[k]} s)" for k in kinds))
    return 0


def labelled_leftovers() -> dict[str, list[str]]:
    """Every container, network and volume with guigym's label (should be empty after tests)."""
    from guigym.images.docker.prune import leftovers

    return {kind: names for kind, names in leftovers().items() if names}


if __name__ == "__main__":
    sys.exit(prepare_images())
