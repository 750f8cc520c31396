"""The run loop: dispatch episodes to a backend, retry errors, record every episode once.

Backends (local processes in pool.py, Ray actors in ray_backend.py) only run attempts; this loop
owns the policy: an attempt that ends in an env, check, agent or timeout error is retried up to
``retries`` times, then recorded as an error (never as a failure, never dropped). A ``task``
error (the task itself is broken, e.g. a mid-chain precondition fails) is recorded at once. A
worker that overruns the episode timeout by a grace period is killed with everything it started.
"""

from __future__ import annotations

import inspect
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from guigym.errors import GuigymError
from guigym.evaluators.results import EpisodeResult
from guigym.runner.plan import EpisodeSpec, RunConfig
from guigym.runner.progress import RunProgress
from guigym.runner.store import RunStore
from guigym.runner.summary import build_summary

__all__ = ["Backend", "execute", "RunOutcome", "make_backend", "finalize"]


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced: where, how many, and how fast."""

    out: Path
    summary: dict[str, Any]
    report: Path
    recorded: int  # episodes in results.jsonl for this configuration
    ran_now: int  # episodes this invocation ran (not counting a resumed run's earlier ones)
    seconds: float


class Backend(Protocol):
    """What the loop drives: slots that each run one attempt at a time.

    Events from ``poll``: ``("ready", slot, _)``, ``("stepping", slot, _)`` (the reset is done),
    ``("done", slot, outcome)``, ``("died", slot, why)``, ``("fatal", slot, why)``.
    """

    def start(self) -> None: ...

    def idle_slots(self) -> list[int]: ...

    def submit(self, slot: int, spec: EpisodeSpec, ep_dir: str, timeout: float | None) -> None: ...

    def poll(self, timeout: float) -> list[tuple[str, int, Any]]: ...

    def kill(self, slot: int, respawn: bool = True) -> None: ...

    def close(self, force: bool = False) -> None: ...


def _kill(backend: Any, slot: int, respawn: bool) -> None:
    """``kill`` with ``respawn`` when the backend takes it (simple backends may not)."""
    if "respawn" in inspect.signature(backend.kill).parameters:
        backend.kill(slot, respawn=respawn)
    else:
        backend.kill(slot)


def make_backend(config: RunConfig) -> Any:
    """The backend the config asks for (Ray is imported only when chosen)."""
    options = {
        "obs": tuple(config.obs),
        "provider": config.provider,
        "max_steps": config.max_steps,
    }
    if config.backend == "ray":
        from guigym.runner.ray_backend import RayBackend

        return RayBackend(config.jobs, config.agent, config.agent_args, options, config.address)
    from guigym.runner.pool import LocalBackend

    return LocalBackend(config.jobs, config.agent, config.agent_args, options)


#: How long a reset (cold start of sites and browser, a mid-chain prefix) may take.
RESET_LIMIT = 300.0


def _grace(timeout: float) -> float:
    return min(60.0, max(5.0, timeout * 0.25))


def _overdue(entry: list[Any], now: float, timeout: float) -> bool:
    """Past the reset limit (before stepping) or the step budget plus grace (after)."""
    _, submitted, stepping = entry
    budget = timeout + _grace(timeout)
    if stepping is None:  # backends without "stepping" events get both budgets at once
        return now - submitted > RESET_LIMIT + budget
    return now - stepping > budget


def _record(
    config: RunConfig,
    spec: EpisodeSpec,
    store: RunStore,
    outcome: dict[str, Any],
    attempt_errors: list[dict[str, Any]],
) -> dict[str, Any]:
    if outcome.get("ok"):
        result = dict(outcome["result"])
        error_kind = None
    else:
        result = EpisodeResult(
            task_id=spec.task_id,
            seed=spec.seed,
            start_subtask=spec.start_subtask,
            error=outcome.get("error") or "error",
        ).to_dict()
        error_kind = outcome.get("error_kind") or "env"
    return {
        "key": spec.key,
        "suite": spec.suite,
        **result,
        "task_id": spec.task_id,
        "seed": spec.seed,
        "start_subtask": spec.start_subtask,
        "agent": config.agent,
        "error_kind": error_kind,
        "attempts": len(attempt_errors) + (1 if outcome.get("ok") else 0),
        "attempt_errors": attempt_errors,
        "wall_time": outcome.get("wall_time"),
        "trajectory": str(store.episode_dir(spec).relative_to(store.root)),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def execute(
    config: RunConfig,
    specs: Sequence[EpisodeSpec],
    store: RunStore,
    *,
    progress: RunProgress | None = None,
    backend: Any = None,
) -> int:
    """Run every spec not yet in the store; returns how many episodes were recorded now."""
    done = store.done_keys()
    pending = deque(s for s in specs if s.key not in done)
    if not pending:
        return 0
    backend = backend or make_backend(config)
    errors: dict[str, list[dict[str, Any]]] = {}
    running: dict[int, list[Any]] = {}  # slot -> [spec, submitted, stepping since]
    recorded = 0
    backend.start()
    force = True
    try:
        while pending or running:
            for slot in backend.idle_slots():
                if not pending or slot in running:
                    continue
                spec = pending.popleft()
                backend.submit(slot, spec, str(store.episode_dir(spec)), config.timeout)
                running[slot] = [spec, time.monotonic(), None]
            if progress:
                progress.running(len(running))
            events = list(backend.poll(0.25))
            now = time.monotonic()
            for kind, slot, _ in events:
                if kind == "stepping" and slot in running:
                    running[slot][2] = now
            for slot, entry in list(running.items()):
                if _overdue(entry, now, config.timeout) and all(e[1] != slot for e in events):
                    retry = len(errors.get(entry[0].key, [])) < config.retries
                    _kill(backend, slot, respawn=bool(pending) or retry)
                    phase = "its reset" if entry[2] is None else "its steps"
                    events.append(
                        ("timeout", slot, f"{phase} overran the time budget; worker killed")
                    )
            for kind, slot, payload in events:
                if kind == "fatal":
                    raise GuigymError(f"worker {slot} could not start: {payload}")
                if kind not in ("done", "died", "timeout") or slot not in running:
                    continue
                spec, started, _ = running.pop(slot)
                if kind == "done":
                    outcome = payload
                else:
                    outcome = {
                        "ok": False,
                        "error_kind": "timeout" if kind == "timeout" else "env",
                        "error": payload,
                        "wall_time": round(now - started, 3),
                    }
                if not outcome.get("ok"):
                    errs = errors.setdefault(spec.key, [])
                    errs.append(
                        {"kind": outcome.get("error_kind"), "message": outcome.get("error")}
                    )
                    if len(errs) <= config.retries and outcome.get("retry", True):
                        pending.appendleft(spec)
                        if progress:
                            progress.retried()
                        continue
                record = _record(config, spec, store, outcome, errors.pop(spec.key, []))
                store.append(record)
                recorded += 1
                if progress:
                    progress.finished(record)
        force = False
    finally:
        backend.close(force=force)
    return recorded


def finalize(
    config: RunConfig,
    specs: Sequence[EpisodeSpec],
    store: RunStore,
    *,
    started: float,
    ran_now: int = 0,
) -> RunOutcome:
    """Write summary.json and report.html from everything recorded so far."""
    from guigym.runner.report import write_report

    keys = {s.key for s in specs}
    records = [r for r in store.results() if r["key"] in keys]
    seconds = time.time() - started
    run = {
        "out": str(store.root),
        "agent": config.agent,
        "agent_args": config.agent_args,
        "fingerprint": store.config().get("fingerprint"),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "wall_time": round(seconds, 2),
        "episodes_run_now": ran_now,
        "episodes_per_min": round(ran_now * 60 / seconds, 2) if seconds > 0 else None,
        "jobs": config.jobs,
        "backend": config.backend,
    }
    summary = build_summary(records, run=run, total=len(specs))
    store.write_json("summary.json", summary)
    report = write_report(store.root, summary, records)
    return RunOutcome(store.root, summary, report, len(records), ran_now, seconds)
