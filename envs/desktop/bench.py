"""``bench_desktop()``: DesktopEnv figures for ``guigym bench`` (medians, milliseconds).

What is measured (DESIGN.md §8): desktop start (cold, once), warm reset to a task's start
(close apps, restore home, start apps, settle), a screenshot (in-process mss and over the
control API), the AT-SPI tree with the task's apps open, and a step (type one character:
execute + settle + screenshot + axtree + verify), with its phases.

The cost of isolation is measured like with like, in the same run: the top-level figures are
the default sandbox (``bwrap``), and ``sandbox`` holds the reset and step medians of the same
task with ``GUIGYM_DESKTOP_SANDBOX=bwrap`` and ``=none`` (no sandbox, the "before" figure),
measured alternately so both see the same machine load.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["bench_desktop"]


def _median_ms(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _phase_medians(infos: list[dict]) -> dict[str, float]:
    keys = {k for info in infos for k in info["timings"]}
    return {
        k: round(statistics.median(info["timings"].get(k, 0.0) for info in infos), 2)
        for k in sorted(keys)
    }


def bench_desktop(repeats: int = 10, task: str = "desktop.meeting-notes") -> dict[str, Any]:
    """Measure a DesktopEnv on ``task``; returns a JSON-ready dict of medians, with the
    sandbox-on/off comparison under ``sandbox``."""
    out = _with_mode("bwrap", lambda: _bench(repeats, task))
    out["sandbox"] = _compare_modes(repeats, task)
    return out


def _with_mode(mode: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` with ``$GUIGYM_DESKTOP_SANDBOX`` = ``mode`` (read when a desktop starts)."""
    from guigym.images.desktop.sandbox import ENV_VAR

    saved = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = mode
    try:
        return fn()
    finally:
        if saved is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = saved


def _compare_modes(repeats: int, task: str) -> dict[str, Any]:
    """Reset and step medians with and without the sandbox: two envs on the same task, their
    resets and steps interleaved, so a change in machine load hits both alike."""
    from guigym.envs.desktop import DesktopEnv

    modes = ("bwrap", "none")
    envs: dict[str, Any] = {}
    figures: dict[str, dict[str, list[float]]] = {m: {"reset": [], "step": []} for m in modes}
    out: dict[str, Any] = {"modes": list(modes), "task": task, "repeats": repeats}
    try:
        for mode in modes:
            envs[mode] = DesktopEnv(task=task, obs=("screenshot", "axtree", "windows"))
            start = time.perf_counter()
            _with_mode(mode, lambda e=envs[mode]: e.reset(seed=0))
            out[f"{mode}_first_reset_ms"] = round((time.perf_counter() - start) * 1000, 1)
        for i in range(repeats):
            for mode in modes:
                env = envs[mode]
                start = time.perf_counter()
                env.reset(seed=0)
                figures[mode]["reset"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                env.step(f'type("{"abcdefghij"[i % 10]}")')
                figures[mode]["step"].append((time.perf_counter() - start) * 1000)
    finally:
        for env in envs.values():
            env.close()
    for mode in modes:
        for kind in ("reset", "step"):
            out[f"{mode}_{kind}_ms"] = round(statistics.median(figures[mode][kind]), 1)
    out["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _bench(repeats: int, task: str) -> dict[str, Any]:
    from guigym.envs.bench.memory import pss_kb, tree_pids
    from guigym.envs.desktop import DesktopEnv
    from guigym.images.desktop.client import DesktopClient

    out: dict[str, Any] = {"task": task, "repeats": repeats, "cpus": os.cpu_count()}
    out["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    env = DesktopEnv(task=task, obs=("screenshot", "axtree", "windows"))
    try:
        start = time.perf_counter()
        env.reset(seed=0)
        out["first_reset_with_desktop_start_ms"] = round((time.perf_counter() - start) * 1000, 1)
        resets = []
        for _ in range(repeats):
            start = time.perf_counter()
            _obs, info = env.reset(seed=0)
            resets.append(((time.perf_counter() - start) * 1000, info))
        out["reset_ms"] = round(statistics.median(r[0] for r in resets), 1)
        out["reset_phases_ms"] = _phase_medians([r[1] for r in resets])
        client = env.provider.client
        out["screenshot_ms"] = _median_ms(client.screenshot, repeats * 5)
        remote = DesktopClient(client.url, client.token)
        try:
            out["screenshot_http_raw_ms"] = _median_ms(remote.screenshot, repeats)
            out["control_call_ms"] = _median_ms(remote.health, repeats * 5)
        finally:
            remote.close()
        out["axtree_ms"] = _median_ms(lambda: client.axtree(), repeats)
        out["axtree_nodes"] = client.axtree()["count"]
        steps = []
        for i in range(repeats):
            start = time.perf_counter()
            _obs, _r, _t, _tr, info = env.step(f'type("{"abcdefghij"[i % 10]}")')
            steps.append(((time.perf_counter() - start) * 1000, info))
        out["step_ms"] = round(statistics.median(s[0] for s in steps), 1)
        out["step_phases_ms"] = _phase_medians([s[1] for s in steps])
        inst = env.provider.instance
        out["desktop_pss_mb"] = round(pss_kb(tree_pids([inst.pid])) / 1024, 1)
    finally:
        env.close()
    return out
