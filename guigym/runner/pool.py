"""Local backend: N worker processes started with ``spawn`` (never fork a Playwright driver).

Each worker talks to the parent over its own pipe, so killing one stuck worker (timeout) can
never corrupt another's channel. The parent kills the whole process tree of a worker (Chromium,
site servers) and starts a fresh one in its slot.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.connection import wait
from typing import Any

from guigym.runner._proc import kill_tree
from guigym.runner.plan import EpisodeSpec
from guigym.runner.worker import worker_main

__all__ = ["LocalBackend", "Event"]

#: ("ready" | "stepping", slot, _) | ("done", slot, outcome) | ("died" | "fatal", slot, why)
Event = tuple[str, int, Any]


class _Slot:
    def __init__(self, index: int) -> None:
        self.index = index
        self.process: Any = None
        self.conn: Any = None
        self.ready = False
        self.busy = False
        self.early_deaths = 0


class LocalBackend:
    """Worker processes on this machine."""

    name = "local"

    def __init__(
        self, jobs: int, agent: str, agent_args: dict[str, Any], options: dict[str, Any]
    ) -> None:
        self._ctx = mp.get_context("spawn")
        self._args = (agent, dict(agent_args), dict(options))
        self._slots = [_Slot(i) for i in range(jobs)]

    def start(self) -> None:
        """Spawn every worker (they report ``ready`` once their agent is built)."""
        for slot in self._slots:
            self._spawn(slot)

    def _spawn(self, slot: _Slot) -> None:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main,
            args=(slot.index, *self._args, child),
            name=f"guigym-worker-{slot.index}",
            daemon=False,
        )
        process.start()
        child.close()
        slot.process, slot.conn, slot.ready, slot.busy = process, parent, False, False

    def idle_slots(self) -> list[int]:
        """Slots whose worker is ready and not running an episode."""
        return [s.index for s in self._slots if s.ready and not s.busy]

    def submit(self, slot: int, spec: EpisodeSpec, ep_dir: str, timeout: float | None) -> None:
        """Send one attempt to an idle worker."""
        s = self._slots[slot]
        s.busy = True
        s.conn.send((spec.to_dict(), ep_dir, timeout))

    def poll(self, timeout: float) -> list[Event]:
        """Wait up to ``timeout`` s for messages or worker deaths; returns the events."""
        events: list[Event] = []
        waitables: dict[Any, _Slot] = {}
        for s in self._slots:
            if s.process is None:
                continue
            waitables[s.conn] = s
            waitables[s.process.sentinel] = s
        for ready in wait(list(waitables), timeout):
            s = waitables[ready]
            if ready is s.conn:
                try:
                    while s.conn.poll():
                        kind, _, payload = s.conn.recv()
                        if kind == "ready":
                            s.ready = True
                        elif kind == "done":
                            s.busy = False
                        events.append((kind, s.index, payload))
                except (EOFError, OSError):
                    pass
        for s in self._slots:  # deaths after draining, so a last "done" is never lost
            if s.process is not None and not s.process.is_alive():
                code = s.process.exitcode
                was_busy, was_ready = s.busy, s.ready
                self._reap(s)
                if was_busy:
                    events.append(("died", s.index, f"worker process died (exit code {code})"))
                if not was_ready:
                    s.early_deaths += 1
                    if s.early_deaths >= 3:
                        events.append(("fatal", s.index, f"worker exits at start (code {code})"))
                        continue
                self._spawn(s)
        return events

    def _reap(self, s: _Slot) -> None:
        try:
            s.conn.close()
        except OSError:
            pass
        s.process.join(timeout=5)
        s.process = None

    def kill(self, slot: int, respawn: bool = True) -> None:
        """Kill a worker and everything it started, then (if asked) start a fresh one."""
        s = self._slots[slot]
        if s.process is not None:
            kill_tree(s.process.pid)
            self._reap(s)
        if respawn:
            self._spawn(s)
        else:
            s.ready = s.busy = False

    def close(self, force: bool = False) -> None:
        """Ask workers to stop (they close their envs), then make sure they are gone.

        ``force`` (an interrupted run) kills them at once with everything they started.
        """
        for s in self._slots:
            if s.process is not None and not force:
                try:
                    s.conn.send(None)
                except OSError:
                    pass
        for s in self._slots:
            if s.process is not None:
                s.process.join(timeout=0 if force else 20)
                if s.process.is_alive():
                    kill_tree(s.process.pid)
                self._reap(s)
