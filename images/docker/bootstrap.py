"""The base image without a registry: ``debootstrap`` Debian bookworm (minbase) -> tar ->
``docker import`` as ``guigym/base:bookworm``.

Why: no registry is reachable here, so ``FROM debian:bookworm-slim`` cannot be pulled; Debian's
archive is. The tarball is cached (``$GUIGYM_CACHE/docker/``), so a pruned engine re-imports it
in seconds instead of bootstrapping again. Like Debian's slim images, documentation, man pages
and locales are not installed (dpkg path excludes), which keeps every image built on it small.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from guigym.images.docker.engine import BASE_IMAGE, docker_client, image_exists

from guigym.errors import ServiceError

__all__ = ["ensure_base", "bootstrap_base", "base_tarball"]

Progress = Callable[[str], None]

SUITE = "bookworm"
MIRROR = os.environ.get("GUIGYM_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SECURITY = os.environ.get("GUIGYM_DEBIAN_SECURITY", "http://deb.debian.org/debian-security")

_NODOC = """\
# Like Debian's slim images: no documentation, man pages or translations.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
"""
_APT = """\
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Retries "3";
"""


def base_tarball() -> Path:
    """Where the bootstrapped root file system is cached."""
    root = os.environ.get("GUIGYM_CACHE")
    cache = Path(root) if root else Path.home() / ".cache" / "guigym"
    return cache / "docker" / f"base-{SUITE}-minbase.tar.gz"


def ensure_base(tag: str = BASE_IMAGE, progress: Progress = print) -> str:
    """Make sure image ``tag`` exists: use it, pull it, import the cached tarball, or bootstrap.

    Returns ``tag``. Only guigym's own base (``guigym/base:...``) is bootstrapped; another missing
    base image is pulled, and a failed pull is a one-line error.
    """
    if image_exists(tag):
        return tag
    if not tag.startswith("guigym/base:"):
        progress(f"pulling base image {tag}")
        try:
            docker_client().images.pull(tag)
        except Exception as exc:  # noqa: BLE001 - docker.errors.APIError and friends
            raise ServiceError(
                f"cannot pull base image {tag} ({str(exc).splitlines()[0][:160]}); "
                "omit --base to bootstrap guigym's own Debian base"
            ) from exc
        return tag
    tarball = base_tarball()
    tarball.parent.mkdir(parents=True, exist_ok=True)
    # One bootstrap at a time per machine (two builds or test sessions may start together).
    with open(tarball.with_name(tarball.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if image_exists(tag):
            return tag
        if not tarball.exists():
            progress(
                f"no base image {tag} and no registry to pull one from: bootstrapping Debian "
                f"{SUITE} with debootstrap (once; a few minutes)"
            )
            bootstrap_base(tarball, progress)
        else:
            progress(f"importing the cached base file system {tarball}")
        _import(tarball, tag)
    progress(f"base image {tag} ready")
    return tag


def bootstrap_base(tarball: Path, progress: Progress = print) -> Path:
    """debootstrap a minimal bookworm into a temporary folder and pack it as ``tarball``."""
    if shutil.which("debootstrap") is None:
        raise ServiceError(
            "debootstrap is not installed: apt-get install debootstrap "
            "(or run images/docker/ensure_dockerd.sh), or pass --base IMAGE"
        )
    if os.geteuid() != 0:
        raise ServiceError("bootstrapping the base image needs root (debootstrap); or --base IMAGE")
    tarball.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="guigym-rootfs-", dir=tarball.parent) as tmp:
        root = Path(tmp) / "rootfs"
        dpkg_cfg = root / "etc" / "dpkg" / "dpkg.cfg.d"
        dpkg_cfg.mkdir(parents=True)
        (dpkg_cfg / "01-guigym-nodoc").write_text(_NODOC)  # in force during debootstrap too
        log = Path(tmp) / "debootstrap.log"
        progress(f"debootstrap --variant=minbase {SUITE} ({MIRROR})")
        with open(log, "wb") as out:
            done = subprocess.run(
                ["debootstrap", "--variant=minbase", SUITE, str(root), MIRROR],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise ServiceError(f"debootstrap failed: {' | '.join(tail)}")
        _finish_rootfs(root)
        progress(f"packing the root file system into {tarball}")
        partial = tarball.with_name(f"{tarball.name}.{os.getpid()}.partial")
        subprocess.run(
            ["tar", "-C", str(root), "--numeric-owner", "-czf", str(partial), "."],
            check=True,
        )
        os.replace(partial, tarball)
    return tarball


def _finish_rootfs(root: Path) -> None:
    """Apt sources with updates and security, no recommends, and no caches in the image."""
    (root / "etc/apt/sources.list").write_text(
        f"deb {MIRROR} {SUITE} main\n"
        f"deb {MIRROR} {SUITE}-updates main\n"
        f"deb {SECURITY} {SUITE}-security main\n"
    )
    (root / "etc/apt/apt.conf.d/01-guigym").write_text(_APT)
    for folder in ("var/lib/apt/lists", "var/cache/apt/archives", "var/log"):
        for entry in (root / folder).glob("*"):
            if entry.is_file() and entry.name != "lock":
                entry.unlink()
    for doc in ("usr/share/man", "usr/share/info"):
        shutil.rmtree(root / doc, ignore_errors=True)
    # debootstrap unpacks its first packages before dpkg reads our excludes: apply them now.
    for entry in (root / "usr/share/locale").glob("*"):
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
    for entry in (root / "usr/share/doc").glob("*/*"):
        if entry.name != "copyright":
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink()
    for cache in (root / "var/cache/apt").glob("*.bin"):
        cache.unlink()


def _import(tarball: Path, tag: str) -> None:
    repository, _, version = tag.rpartition(":")
    if not repository:
        repository, version = tag, "latest"
    changes = ["ENV LANG=C.UTF-8", 'CMD ["/bin/bash"]']
    try:
        docker_client().api.import_image_from_file(
            str(tarball), repository=repository, tag=version, changes=changes
        )
    except Exception as exc:  # noqa: BLE001
        raise ServiceError(f"docker import of {tarball} failed: {exc}") from exc
    if not image_exists(tag):
        raise ServiceError(f"docker import of {tarball} did not create {tag}")
