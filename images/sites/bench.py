"""Benchmarks of the site instances: startup, reset, snapshot and restore (medians).

``guigym bench`` includes ``bench_sites()``; run alone with
``python -m guigym.images.sites.bench [shop mail]``. Numbers are measured from the harness's
side (HTTP round trip included), after the seeded template is cached.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Iterable
from typing import Any

from guigym.images.sites.instance import start_site

from guigym.errors import GuigymError

__all__ = ["bench_sites", "bench_site"]


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def bench_site(name: str, repeats: int = 5, entry: str | None = None) -> dict[str, Any]:
    """Medians for one site: ``startup_s``, ``reset_ms``, ``snapshot_ms``, ``restore_ms`` ..."""
    warm = start_site(name, entry=entry)  # builds the cached template if needed
    warm.stop()
    startups: list[float] = []
    stops: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        site = start_site(name, entry=entry)
        startups.append(time.perf_counter() - started)
        started = time.perf_counter()
        site.stop()
        stops.append(time.perf_counter() - started)
    resets, snaps, restores, sqls, pages = [], [], [], [], []
    server_resets, server_restores = [], []  # time spent inside the site (no HTTP)
    with start_site(name, entry=entry) as site:
        db_bytes = site.db_path.stat().st_size
        for i in range(repeats):
            started = time.perf_counter()
            server_resets.append(site.reset()["ms"])
            resets.append(_ms(started))
            started = time.perf_counter()
            site.snapshot(f"bench{i}")
            snaps.append(_ms(started))
            started = time.perf_counter()
            server_restores.append(site.restore(f"bench{i}")["ms"])
            restores.append(_ms(started))
            started = time.perf_counter()
            site.sql("SELECT 1")
            sqls.append(_ms(started))
            started = time.perf_counter()
            site.get("/")
            pages.append(_ms(started))
    return {
        "startup_s": round(statistics.median(startups), 3),
        "stop_s": round(statistics.median(stops), 3),
        "reset_ms": round(statistics.median(resets), 2),
        "snapshot_ms": round(statistics.median(snaps), 2),
        "restore_ms": round(statistics.median(restores), 2),
        "reset_server_ms": round(statistics.median(server_resets), 2),
        "restore_server_ms": round(statistics.median(server_restores), 2),
        "sql_ms": round(statistics.median(sqls), 2),
        "home_page_ms": round(statistics.median(pages), 2),
        "db_bytes": db_bytes,
        "repeats": repeats,
    }


def bench_sites(names: Iterable[str] = ("shop", "mail"), repeats: int = 5) -> dict[str, Any]:
    """``{site: {startup_s, reset_ms, snapshot_ms, restore_ms, ...}}``; a site that cannot
    start gets ``{"error": message}`` instead of failing the whole benchmark."""
    out: dict[str, Any] = {}
    for name in names:
        try:
            out[name] = bench_site(name, repeats)
        except GuigymError as exc:
            out[name] = {"error": str(exc).splitlines()[0]}
    return out


if __name__ == "__main__":
    result = bench_sites(sys.argv[1:] or ("shop", "mail"))
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
