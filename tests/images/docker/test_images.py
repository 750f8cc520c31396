"""The images: built from a small, exact context; labelled; each serves what it should."""

from __future__ import annotations

import importlib.metadata as md
import os
import subprocess
import sys

import pytest
from guigym.images.docker import DESKTOP_IMAGE, SITES_IMAGE, docker_client
from guigym.images.docker.build import (
    IMAGES,
    build_context,
    context_files,
    source_root,
)
from guigym.images.docker.testing import SOURCES

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(3600)]


def test_context_holds_the_packages_and_nothing_else() -> None:
    root = source_root()
    files = context_files(root)
    tops = {f.split("/", 1)[0] for f in files}
    assert tops <= {"pyproject.toml", "setup.py", "README.md", "guigym", "envs", "agents",
                    "evaluators", "images", "tasks"}  # fmt: skip
    assert "images/sites/serve_one.py" in files and "pyproject.toml" in files
    assert not any("__pycache__" in f or f.endswith(".pyc") for f in files)
    tar = build_context(IMAGES["sites"], root)
    assert len(tar.getbuffer()) < 20 * 1024 * 1024  # megabytes, never the venv or .git


def test_requirements_are_pinned_to_this_machine() -> None:
    import tarfile

    tar = tarfile.open(fileobj=build_context(IMAGES["sites"], source_root()))
    text = tar.extractfile(".docker/requirements-sites.txt").read().decode()
    pins = dict(line.split("==") for line in text.split())
    for dist in ("faker", "sqlalchemy", "fastapi", "uvicorn"):
        assert pins[dist] == md.version(dist)  # same data, same code inside and outside
    assert "playwright" not in pins and "gymnasium" not in pins  # the sites image stays lean


def test_sites_image_is_current_and_seeded(docker_sites: None) -> None:
    image = docker_client().images.get(SITES_IMAGE)
    assert image.labels["guigym.image"] == "sites"
    assert image.labels["guigym.source"] == SOURCES["sites"]  # the fixture built or checked it
    out = (
        docker_client()
        .containers.run(
            SITES_IMAGE,
            [
                "sh",
                "-c",
                "ls /opt/guigym/templates; python -c 'import guigym.images.sites.shop.site'",
            ],
            remove=True,
        )
        .decode()
    )
    assert "shop-seed0-image.db" in out and "mail-seed0-image.db" in out
    size_mb = image.attrs["Size"] / 1e6
    print(f"{SITES_IMAGE}: {size_mb:.0f} MB")
    assert size_mb < 600


def test_desktop_image_has_the_apps(docker_desktop: None) -> None:
    image = docker_client().images.get(DESKTOP_IMAGE)
    assert image.labels["guigym.source"] == SOURCES["desktop"]
    script = (
        "for b in Xvfb xfwm4 xfce4-panel mousepad pcmanfm libreoffice dbus-daemon; do "
        "command -v $b; done; ls /usr/lib/chromium/chromium; "
        "python -c 'import mss, Xlib, fastapi, guigym.images.desktop.server; print(\"py ok\")'; "
        '/usr/bin/python3 -c \'import gi; gi.require_version("Atspi", "2.0"); '
        'print("atspi ok")\''
    )
    out = docker_client().containers.run(DESKTOP_IMAGE, ["sh", "-c", script], remove=True).decode()
    for binary in ("Xvfb", "xfwm4", "mousepad", "pcmanfm", "libreoffice", "chromium", "py ok",
                   "atspi ok"):  # fmt: skip
        assert binary in out, out
    print(f"{DESKTOP_IMAGE}: {image.attrs['Size'] / 1e6:.0f} MB")


def test_cli_without_an_engine_says_what_to_do() -> None:
    env = {"DOCKER_HOST": "unix:///nonexistent/docker.sock", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "images", "prune"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and "start dockerd" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_base_or_kind_is_a_one_line_error() -> None:
    env = dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "images", "build", "--only", "everything"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "--only expects sites or desktop" in done.stderr


def test_a_base_that_cannot_be_pulled_says_so(docker_sites: None) -> None:
    from guigym.images.docker.bootstrap import ensure_base

    from guigym.errors import ServiceError

    with pytest.raises(ServiceError, match=r"cannot pull base image nosuch/base:0.*omit --base"):
        ensure_base("nosuch/base:0", progress=lambda _line: None)
