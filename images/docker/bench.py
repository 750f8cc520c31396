"""``bench_docker()``: the docker provider's figures next to the local provider's, same run.

Measured per provider (medians): a site's start (``ensure`` on a fresh provider: for docker a
container from the image until its control API answers), a site reset through the control API,
and WebEnv's warm reset and step (click a nav link + settle + screenshot + axtree + verify) on a
real task. Optionally the desktop container's start. Progress goes to stderr.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["bench_docker"]

DEFAULT_TASK = "demo.product-price"


def _log(message: str) -> None:
    print(f"[bench docker] {message}", file=sys.stderr, flush=True)  # noqa: T201 - progress


def _median_ms(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def _site_figures(provider_name: str, starts: int, repeats: int) -> dict[str, float]:
    from guigym.envs.providers import make_provider

    times = []
    for _ in range(starts):
        provider = make_provider(provider_name)
        try:
            begin = time.perf_counter()
            provider.ensure(["shop"])
            times.append((time.perf_counter() - begin) * 1000)
            if len(times) == starts:
                site = provider.instances["shop"]
                reset_ms = _median_ms(site.reset, repeats)
                sql_ms = _median_ms(lambda s=site: s.sql("SELECT count(*) FROM users"), repeats)
        finally:
            provider.close()
    return {
        "site_start_ms": round(statistics.median(times), 1),
        "site_reset_ms": reset_ms,
        "control_sql_ms": sql_ms,
    }


def _env_figures(provider_name: str, task: str, repeats: int) -> dict[str, Any]:
    from guigym.envs.web import WebEnv

    env = WebEnv(task=task, obs=("screenshot", "axtree"), provider=provider_name)
    try:
        begin = time.perf_counter()
        obs, _ = env.reset(seed=0)
        cold = round((time.perf_counter() - begin) * 1000, 1)
        warm = _median_ms(lambda: env.reset(seed=0), repeats)
        obs, _ = env.reset(seed=0)
        match = re.search(r'\[(e\d+)\] link "Laptops"', obs["axtree"]) or re.search(
            r"\[(e\d+)\] link ", obs["axtree"]
        )
        if match is None:
            raise RuntimeError("no link to click on the start page")
        link = match.group(1)
        step = _median_ms(lambda: env.step(f"click('{link}')"), repeats)
    finally:
        env.close()
    return {"env_cold_reset_ms": cold, "env_warm_reset_ms": warm, "env_step_ms": step}


def _desktop_start(starts: int) -> dict[str, float]:
    from guigym.envs.providers.docker_desktop import DockerDesktopProvider

    times = []
    for _ in range(starts):
        provider = DockerDesktopProvider()
        try:
            begin = time.perf_counter()
            provider.ensure_desktop()
            times.append((time.perf_counter() - begin) * 1000)
            shot = _median_ms(provider.client.screenshot, 5)
        finally:
            provider.close()
    return {"desktop_start_ms": round(statistics.median(times), 1), "desktop_screenshot_ms": shot}


def bench_docker(
    repeats: int = 10, task: str = DEFAULT_TASK, starts: int = 3, desktop: bool = True
) -> dict[str, Any]:
    """Docker and local figures side by side: ``{"docker": {...}, "local": {...}}``."""
    from guigym.images.docker import DESKTOP_IMAGE, docker_client, image_exists

    docker_client()  # a one-line error now if there is no engine
    out: dict[str, Any] = {}
    for name in ("local", "docker"):
        _log(f"{name}: site start x{starts}, reset and control sql x{repeats}")
        figures: dict[str, Any] = _site_figures(name, starts, repeats)
        _log(f"{name}: WebEnv on {task}, reset and step x{repeats}")
        figures.update(_env_figures(name, task, repeats))
        out[name] = figures
        _log(f"{name}: {figures}")
    if desktop and image_exists(DESKTOP_IMAGE):
        _log("docker: desktop container start")
        out["docker"].update(_desktop_start(max(1, starts // 2)))
    return out
