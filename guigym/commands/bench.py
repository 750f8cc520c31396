"""`guigym bench`: measure WebEnv and site speed on this machine; prints JSON to stdout."""

from __future__ import annotations

import json
from typing import Any

import typer

from guigym.commands._common import fail


def command(
    only: str = typer.Option(
        None,
        "--only",
        help="Measure only 'web' (WebEnv), 'sites' (site startup/reset) or 'desktop'.",
    ),
    repeats: int = typer.Option(20, "--repeats", min=1, help="Timed repetitions per figure."),
    task: str = typer.Option(
        "demo.product-price", "--task", help="Web task whose start page the env figures use."
    ),
    provider: str = typer.Option(
        None, "--provider", help="'docker': container start, reset and step next to local's."
    ),
) -> None:
    """Medians of warm reset, step, screenshot, axtree, memory and vector throughput (JSON)."""
    if only not in (None, "web", "sites", "desktop"):
        raise fail(f"--only must be 'web', 'sites' or 'desktop', got {only!r}")
    result: dict[str, Any] = {}
    if provider not in (None, "local", "docker"):
        raise fail(f"--provider must be 'local' or 'docker', got {provider!r}")
    if provider == "docker":
        from guigym.errors import GuigymError
        from guigym.images.docker.bench import bench_docker

        try:
            result["providers"] = bench_docker(repeats=max(1, min(repeats, 10)), task=task)
        except GuigymError as exc:
            raise fail(str(exc), code=1) from exc
        typer.echo(json.dumps(result, indent=2, default=str))
        return
    if only in (None, "sites"):
        try:
            from guigym.images.sites.bench import bench_sites
        except ImportError:
            result["sites"] = {"error": "guigym.images.sites.bench is not available"}
        else:
            result["sites"] = bench_sites(repeats=max(1, min(repeats, 10)))
    if only in (None, "web"):
        from guigym.envs.bench import bench_web

        result["web"] = bench_web(repeats=repeats, task=task)
    if only in (None, "desktop"):
        from guigym.envs.desktop.bench import bench_desktop

        result["desktop"] = bench_desktop(repeats=max(1, min(repeats, 10)))
    typer.echo(json.dumps(result, indent=2, default=str))
