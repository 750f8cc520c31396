"""`guigym images build|prune`: guigym's Docker images (see images/docker/README.md)."""

from __future__ import annotations

import typer

from guigym.commands._common import fail
from guigym.errors import GuigymError

app = typer.Typer(no_args_is_help=True)


@app.command("build")
def build_command(
    base: str = typer.Option(
        None,
        "--base",
        help="Base image (Debian bookworm-like). Default guigym/base:bookworm, bootstrapped "
        "with debootstrap when missing.",
    ),
    only: str = typer.Option(None, "--only", help="Build only 'sites' or 'desktop'."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show every build output line."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Rebuild every layer."),
) -> None:
    """Build the sites image and the desktop image (the base is bootstrapped when needed)."""
    if only not in (None, "sites", "desktop"):
        raise fail(f"--only expects sites or desktop, got {only!r}")
    try:
        from guigym.images.docker.build import build_images

        results = build_images(
            only, base=base, progress=typer.echo, verbose=verbose, nocache=no_cache
        )
    except GuigymError as exc:
        raise fail(str(exc), code=1) from exc
    for r in results:
        typer.echo(f"{r.tag}: {r.size_mb:.0f} MB, built in {r.seconds:.0f} s")


@app.command("prune")
def prune_command(
    all_: bool = typer.Option(
        False, "--all", help="Also remove containers of processes that still run."
    ),
) -> None:
    """Remove guigym's leftover containers, networks and volumes (and superseded images)."""
    try:
        from guigym.images.docker import prune

        report = prune(everything=all_, images=True)
    except GuigymError as exc:
        raise fail(str(exc), code=1) from exc
    for kind in ("containers", "networks", "volumes", "images"):
        names = getattr(report, kind)
        if names:
            typer.echo(f"removed {len(names)} {kind}: {', '.join(names)}")
    for problem in report.failed:
        typer.echo(f"could not remove {problem}", err=True)
    if not report.total and not report.failed:
        typer.echo("nothing to prune")
