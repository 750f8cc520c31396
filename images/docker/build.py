"""``guigym images build``: the sites and desktop images through the Docker SDK.

Why a Python build instead of ``docker build .``: the context must be small and exact (only the
package folders, filtered by ``context.dockerignore``) and carry a requirements file pinned to the
versions installed here, so the code *and* the libraries that shape seeded data are the same
inside and outside containers. Each image installs guigym itself from that context. Progress is
the builder's own step lines; a failed step is a one-line error with the tail of its output.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import io
import re
import tarfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from guigym.images.docker.bootstrap import ensure_base
from guigym.images.docker.engine import BASE_IMAGE, DESKTOP_IMAGE, SITES_IMAGE, docker_client

from guigym.errors import ConfigError, ServiceError

__all__ = ["BuildResult", "IMAGES", "build_images", "build_image", "source_root", "source_hash"]

Progress = Callable[[str], None]

_HERE = Path(__file__).resolve().parent
#: Python distributions each image needs (pinned, with everything they require, to this
#: machine's versions). The sites need their web stack; the desktop adds its extra.
SITE_DEPS = (
    "fastapi", "uvicorn", "jinja2", "python-multipart", "itsdangerous", "sqlalchemy",
    "pydantic", "faker", "httpx", "markdown", "pyyaml",
)  # fmt: skip
DESKTOP_DEPS = (
    *SITE_DEPS, "numpy", "pillow", "mss", "python-xlib", "openpyxl", "python-docx", "odfpy",
)  # fmt: skip
_BUILD = ("setuptools", "wheel")  # pip install --no-build-isolation of guigym itself
#: CA certificates this machine's admin added (e.g. a TLS-inspecting proxy in front of PyPI):
#: the build trusts them too, or pip could not reach PyPI from inside the build.
_LOCAL_CAS = Path("/usr/local/share/ca-certificates")
_CA_README = "Local CA certificates of the building machine (public certificates only).\n"


@dataclass(frozen=True)
class ImageSpec:
    """One image: its tag, Dockerfile (relative to the repository root) and Python deps."""

    kind: str
    tag: str
    dockerfile: str
    deps: tuple[str, ...]


IMAGES: dict[str, ImageSpec] = {
    "sites": ImageSpec("sites", SITES_IMAGE, "images/sites/Dockerfile", SITE_DEPS),
    "desktop": ImageSpec("desktop", DESKTOP_IMAGE, "images/desktop/Dockerfile", DESKTOP_DEPS),
}


@dataclass(frozen=True)
class BuildResult:
    """What one build produced."""

    kind: str
    tag: str
    seconds: float
    size_mb: float
    image_id: str


def source_root() -> Path:
    """The repository root this guigym runs from (builds need the source tree)."""
    for folder in _HERE.parents:
        if (folder / "pyproject.toml").is_file() and (folder / "images" / "docker").is_dir():
            return folder
    raise ConfigError(
        "guigym images build needs guigym's source tree (a checkout installed with pip -e); "
        f"none found above {_HERE}"
    )


def _ignore_patterns() -> list[str]:
    lines = (_HERE / "context.dockerignore").read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def context_files(root: Path) -> list[str]:
    """Relative paths of the files that go into the build context, sorted."""
    from docker.utils.build import exclude_paths

    keep = exclude_paths(str(root), _ignore_patterns(), dockerfile="pyproject.toml")
    return sorted(p for p in keep if (root / p).is_file())


def source_hash(root: Path | None = None) -> str:
    """Hash of the context's files: the label that tells whether an image is current."""
    root = root or source_root()
    digest = hashlib.sha256()
    for rel in context_files(root):
        digest.update(rel.encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _requirement_names(dist: md.Distribution) -> list[str]:
    out = []
    for req in dist.requires or []:
        if ";" in req and "extra ==" in req.split(";", 1)[1]:
            continue  # optional extras are not installed by a plain requirement
        if ";" in req:
            from packaging.markers import Marker

            if not Marker(req.split(";", 1)[1]).evaluate():
                continue
        out.append(re.split(r"[\s\[<>=!~;(]", req.strip(), maxsplit=1)[0])
    return out


def pinned_requirements(names: Iterable[str]) -> str:
    """``name==version`` for ``names`` and everything they need, as installed here."""
    seen: dict[str, str] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError as exc:
            raise ConfigError(f"{name} is not installed here: install guigym's extras") from exc
        seen[key] = dist.version
        todo += _requirement_names(dist)
    return "".join(f"{name}=={version}\n" for name, version in sorted(seen.items()))


def build_context(spec: ImageSpec, root: Path) -> io.BytesIO:
    """The context tar: the filtered source tree plus ``.docker/requirements-<kind>.txt``."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for rel in context_files(root):
            try:
                data = (root / rel).read_bytes()
                mode = (root / rel).stat().st_mode & 0o777
            except FileNotFoundError:  # deleted while we walked the tree
                continue
            _add(tar, rel, data, mode)
        _add(tar, f".docker/requirements-{spec.kind}.txt", pinned_requirements(spec.deps + _BUILD))
        _add(tar, ".docker/ca-certificates/README", _CA_README)
        for cert in sorted(_LOCAL_CAS.glob("*.crt")):
            _add(tar, f".docker/ca-certificates/{cert.name}", cert.read_text())
    buf.seek(0)
    return buf


def _add(tar: tarfile.TarFile, name: str, data: str | bytes, mode: int = 0o644) -> None:
    """One file owned by root with mtime 0: contents alone decide the layer cache."""
    raw = data.encode() if isinstance(data, str) else data
    info = tarfile.TarInfo(name)
    info.size = len(raw)
    info.mode = mode
    tar.addfile(info, io.BytesIO(raw))


def build_image(
    kind: str,
    *,
    base: str = BASE_IMAGE,
    progress: Progress = print,
    verbose: bool = False,
    nocache: bool = False,
) -> BuildResult:
    """Build one image (``sites`` or ``desktop``); ServiceError with the failing step's tail."""
    spec = IMAGES[kind]
    root = source_root()
    if not (root / spec.dockerfile).is_file():
        raise ConfigError(f"{spec.dockerfile} does not exist yet: cannot build {spec.tag}")
    client = docker_client(timeout=3600)
    context = build_context(spec, root)
    size_kb = len(context.getbuffer()) // 1024
    progress(f"building {spec.tag} from {spec.dockerfile} (context {size_kb} KB, base {base})")
    started = time.monotonic()
    tail: list[str] = []
    image_id = ""
    stream = client.api.build(
        fileobj=context,
        custom_context=True,
        dockerfile=spec.dockerfile,
        tag=spec.tag,
        buildargs={"BASE_IMAGE": base},
        labels={"guigym.image": kind, "guigym.source": source_hash(root)},
        rm=True,
        forcerm=True,
        pull=False,
        nocache=nocache,
        decode=True,
    )
    for chunk in stream:
        if "error" in chunk:
            detail = " | ".join(t for t in tail[-4:] if t)
            raise ServiceError(
                f"building {spec.tag} failed: {chunk['error'].strip()[:300]} ({detail[-400:]})"
            )
        text = chunk.get("stream", "")
        if "aux" in chunk:
            image_id = chunk["aux"].get("ID", image_id)
        for line in text.splitlines():
            line = line.rstrip()
            if not line:
                continue
            tail = (tail + [line])[-20:]
            if verbose or line.startswith("Step "):
                progress(f"  {line}")
    seconds = time.monotonic() - started
    image = client.images.get(spec.tag)
    size_mb = image.attrs.get("Size", 0) / 1e6
    progress(f"built {spec.tag} in {seconds:.0f} s ({size_mb:.0f} MB)")
    return BuildResult(kind, spec.tag, round(seconds, 1), round(size_mb, 1), image_id or image.id)


def build_images(
    only: str | None = None,
    *,
    base: str | None = None,
    progress: Progress = print,
    verbose: bool = False,
    nocache: bool = False,
) -> list[BuildResult]:
    """Build the sites image, then the desktop image (or ``only`` one of them).

    The base image (default ``guigym/base:bookworm``) is bootstrapped with debootstrap when it
    is missing and no registry can provide it.
    """
    kinds = list(IMAGES) if only is None else [only]
    for kind in kinds:
        if kind not in IMAGES:
            raise ConfigError(f"--only expects one of {', '.join(IMAGES)}, got {kind!r}")
    base = ensure_base(base or BASE_IMAGE, progress)
    return [
        build_image(k, base=base, progress=progress, verbose=verbose, nocache=nocache)
        for k in kinds
    ]
