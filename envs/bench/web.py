"""WebEnv benchmarks: warm reset, step, observation parts, memory, vector throughput, ceiling.

Everything runs on a real task (``demo.product-price`` on the shop by default) with real
Chromium; medians over ``repeats``. The bare Playwright loop (click + JPEG screenshot + aria
snapshot on the same site) runs in the same process and run, as the ceiling to compare with.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["bench_web"]

DEFAULT_TASK = "demo.product-price"
_NAV = "link"  # the step clicks a navigation link present on every page


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)  # noqa: T201 - progress on stderr


def _median_ms(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def _link_id(axtree: str) -> str:
    """Id of a navigation link that exists on every shop page (a category in the nav)."""
    for pattern in (r'\[(e\d+)\] link "Laptops"', r"\[(e\d+)\] link "):
        match = re.search(pattern, axtree)
        if match:
            return match.group(1)
    raise RuntimeError("no link to click on the start page")


def _make_env(task: str, obs: tuple[str, ...] = ("screenshot", "axtree")):
    from guigym.envs.web import WebEnv

    return WebEnv(task=task, obs=obs)


def _vector_fn(task: str) -> Callable[[], Any]:
    import functools

    return functools.partial(_make_env, task)


def _env_pss_kb(env: Any) -> int:
    from guigym.envs.bench.memory import pss_kb, tree_pids

    roots = [p for p in [env.browser.pid() if env.browser else None] if p]
    roots += env.provider.pids()
    return pss_kb(tree_pids(roots))


def _single_env(task: str, repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    env = _make_env(task)
    try:
        start = time.perf_counter()
        obs, _ = env.reset(seed=0)
        out["cold_reset_ms"] = round((time.perf_counter() - start) * 1000, 1)
        out["warm_reset_ms"] = _median_ms(lambda: env.reset(seed=0), repeats)
        _log(f"warm reset {out['warm_reset_ms']} ms")

        obs, _ = env.reset(seed=0)
        link = _link_id(obs["axtree"])
        phases: list[dict] = []

        def step() -> None:
            *_, info = env.step(f"click('{link}')")
            phases.append(dict(info["timings"]))

        out["step_ms"] = _median_ms(step, repeats)
        out["step_phases_ms"] = {
            k: round(statistics.median(p[k] for p in phases if k in p), 1) for k in phases[-1]
        }
        _log(f"step (click link + settle + screenshot + axtree + verify) {out['step_ms']} ms")

        env.reset(seed=0)
        box = re.search(r'\[(e\d+)\] (?:searchbox|textbox) "[^"]*[Ss]earch', obs["axtree"])
        if box:
            texts = iter(range(10**6))
            out["step_inpage_ms"] = _median_ms(
                lambda: env.step(f"fill('{box.group(1)}', 'q{next(texts)}')"), repeats
            )
            _log(f"in-page step (fill) {out['step_inpage_ms']} ms")

        page = env.tabs.page
        out["screenshot_ms"] = _median_ms(lambda: env.observer.screenshot(page), repeats)
        out["axtree_ms"] = _median_ms(lambda: env.observer.axtree(page), repeats)
        out["dom_ms"] = _median_ms(lambda: env.observer.dom(page), repeats)
        out["axtree_chars"] = len(env.observer.axtree(page))

        mid = _mid_chain(env, repeats)
        if mid:
            out.update(mid)
        out["pss_env1_mb"] = round(_env_pss_kb(env) / 1024, 1)
        env2 = _make_env(task)
        try:
            env2.reset(seed=0)
            env2.step(f"click('{link}')")
            out["memory_per_extra_env_mb"] = round(_env_pss_kb(env2) / 1024, 1)
        finally:
            env2.close()
        _log(f"memory per extra env {out['memory_per_extra_env_mb']} MB (PSS)")
    finally:
        env.close()
    return out


def _mid_chain(env: Any, repeats: int) -> dict[str, Any]:
    n = len(env.task.subtasks) if env.task else 0
    if n < 2:
        return {}
    try:
        start = time.perf_counter()
        env.reset(seed=0, options={"start_subtask": n - 1})
        first = round((time.perf_counter() - start) * 1000, 1)
        cached = _median_ms(lambda: env.reset(seed=0, options={"start_subtask": n - 1}), repeats)
    except Exception as exc:  # noqa: BLE001 - a task whose prefix cannot run: report, go on
        return {"mid_chain_error": str(exc)}
    _log(f"mid-chain start: first {first} ms, cached {cached} ms")
    return {"mid_chain_first_ms": first, "mid_chain_cached_ms": cached}


def _vector(task: str, n: int, steps: int) -> float:
    from gymnasium.vector import AsyncVectorEnv

    envs = AsyncVectorEnv([_vector_fn(task) for _ in range(n)], shared_memory=False)
    try:
        obs, _ = envs.reset(seed=0)
        links = [_link_id(tree) for tree in obs["axtree"]]
        actions = [f"click('{link}')" for link in links]
        envs.step(actions)  # warm-up
        start = time.perf_counter()
        for _ in range(steps):
            envs.step(actions)
        elapsed = time.perf_counter() - start
    finally:
        envs.close()
    return round(n * steps / elapsed, 2)


def _bare_loop(steps: int) -> float:
    """Bare Playwright on a shop instance: click + JPEG screenshot + aria snapshot."""
    from guigym.envs.web.browser import CHROMIUM, CHROMIUM_ARGS, playwright
    from guigym.images.sites.instance import start_site

    site = start_site("shop")
    browser = playwright().chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP shop.test 127.0.0.1:{site.port}"],
    )
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto("http://shop.test/")
        link = page.get_by_role("link", name="Laptops").first

        def one() -> None:
            link.click()
            page.screenshot(type="jpeg")
            page.locator("body").aria_snapshot()

        one()
        start = time.perf_counter()
        for _ in range(steps):
            one()
        return round(steps / (time.perf_counter() - start), 2)
    finally:
        browser.close()
        site.stop()


def bench_web(repeats: int = 20, task: str = DEFAULT_TASK, vector_steps: int = 20) -> dict:
    """All WebEnv figures as one JSON-able dict (medians in ms, throughput in steps/s)."""
    import os

    out: dict[str, Any] = {"task": task, "repeats": repeats, "cpus": os.cpu_count()}
    out["load_avg_before"] = [round(x, 2) for x in os.getloadavg()]
    out.update(_single_env(task, repeats))
    out["bare_playwright_steps_per_s"] = _bare_loop(vector_steps * 2)
    _log(f"bare Playwright loop {out['bare_playwright_steps_per_s']} steps/s")
    for n in (1, 2, 4):
        out[f"vector{n}_steps_per_s"] = _vector(task, n, vector_steps)
        _log(f"AsyncVectorEnv x{n}: {out[f'vector{n}_steps_per_s']} steps/s")
    out["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    bare = out["bare_playwright_steps_per_s"]
    out["vector4_vs_bare"] = round(out["vector4_steps_per_s"] / bare, 2) if bare else None
    out["targets"] = {
        "warm_reset_ms": 100,
        "step_ms": 80,
        "mid_chain_cached_ms": 150,
        "memory_per_extra_env_mb": 150,
        "vector4_vs_bare": 0.9,
    }
    return out
