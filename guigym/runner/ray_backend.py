"""Ray backend (``--backend ray``): each slot is a Ray actor owning its env and agent.

Ray is an optional extra, imported only here and only when chosen. The actors wrap the same
:class:`~guigym.runner.worker.EpisodeRunner` the local workers use, so results are the same; the
trajectory files are written where the actor runs and, when that is another machine, shipped back
to the driver with the outcome. ``--address`` joins an existing cluster; without it a local Ray
instance is started for the run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from guigym.errors import ConfigError
from guigym.runner.plan import EpisodeSpec

__all__ = ["RayBackend", "require_ray"]


def require_ray() -> Any:
    """Import ray or raise ConfigError telling how to install it."""
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--backend ray needs Ray, which is not installed: pip install 'guigym[ray]'"
        ) from None
    return ray


class _Actor:
    """Runs attempts inside a Ray worker process (methods called by the driver)."""

    def __init__(self, agent: str, agent_args: dict[str, Any], options: dict[str, Any]) -> None:
        from guigym.runner.worker import EpisodeRunner

        self.runner = EpisodeRunner(agent, agent_args, **options)
        self.host = os.uname().nodename

    def pid(self) -> int:
        return os.getpid()

    def run(self, spec_dict: dict[str, Any], ep_dir: str, timeout: float | None, host: str) -> dict:
        spec = EpisodeSpec.from_dict(spec_dict)
        if host == self.host:
            return self.runner.run(spec, Path(ep_dir), timeout=timeout)
        with tempfile.TemporaryDirectory(prefix="guigym-ep-") as tmp:  # another machine
            outcome = self.runner.run(spec, Path(tmp) / "ep", timeout=timeout)
            files = {}
            for path in (Path(tmp) / "ep").rglob("*"):
                if path.is_file():
                    files[str(path.relative_to(Path(tmp) / "ep"))] = path.read_bytes()
            outcome["files"] = files
            return outcome

    def close(self) -> None:
        self.runner.close()


class RayBackend:
    """Slots backed by Ray actors, with the same interface as LocalBackend."""

    name = "ray"

    def __init__(
        self,
        jobs: int,
        agent: str,
        agent_args: dict[str, Any],
        options: dict[str, Any],
        address: str | None = None,
    ) -> None:
        self._ray = require_ray()
        self._args = (agent, dict(agent_args), dict(options))
        self._address = address
        self._jobs = jobs
        self._actors: list[Any] = [None] * jobs
        self._calls: dict[Any, tuple[int, str]] = {}  # object ref -> (slot, kind)
        self._ready = [False] * jobs
        self._busy = [False] * jobs
        self._ep_dirs: dict[int, str] = {}
        self._host = os.uname().nodename
        self._started_ray = False

    def start(self) -> None:
        """Connect to (or start) Ray and create the actors."""
        ray = self._ray
        if not ray.is_initialized():
            ray.init(
                address=self._address,
                include_dashboard=False,
                logging_level="ERROR",
                log_to_driver=False,
                ignore_reinit_error=True,
            )
            self._started_ray = True
        # On a cluster each actor (a browser and its sites) takes a CPU so Ray spreads them; on
        # the local instance this run started, -j decides, as with the local backend.
        cpus = 1 if self._address else 0
        self._remote = ray.remote(num_cpus=cpus, max_restarts=0)(_Actor)
        for slot in range(self._jobs):
            self._spawn(slot)

    def _spawn(self, slot: int) -> None:
        actor = self._remote.remote(*self._args)
        self._actors[slot] = actor
        self._ready[slot] = False
        self._busy[slot] = False
        self._calls[actor.pid.remote()] = (slot, "ready")

    def idle_slots(self) -> list[int]:
        """Actors that are built and not running an episode."""
        return [i for i in range(self._jobs) if self._ready[i] and not self._busy[i]]

    def submit(self, slot: int, spec: EpisodeSpec, ep_dir: str, timeout: float | None) -> None:
        """Start one attempt on an idle actor."""
        self._busy[slot] = True
        self._ep_dirs[slot] = ep_dir
        ref = self._actors[slot].run.remote(spec.to_dict(), ep_dir, timeout, self._host)
        self._calls[ref] = (slot, "done")

    def poll(self, timeout: float) -> list[tuple[str, int, Any]]:
        """Collect finished calls; a dead actor becomes a "died" event and is replaced."""
        ray = self._ray
        if not self._calls:
            return []
        ready, _ = ray.wait(list(self._calls), num_returns=len(self._calls), timeout=timeout)
        events: list[tuple[str, int, Any]] = []
        for ref in ready:
            slot, kind = self._calls.pop(ref)
            try:
                value = ray.get(ref)
            except Exception as exc:  # noqa: BLE001 - actor died or raised
                if kind == "ready":
                    events.append(("fatal", slot, str(exc).splitlines()[0]))
                    continue
                events.append(("died", slot, f"ray actor died: {type(exc).__name__}"))
                self._busy[slot] = False
                self._kill_actor(slot)
                self._spawn(slot)
                continue
            if kind == "ready":
                self._ready[slot] = True
                events.append(("ready", slot, value))
            else:
                self._busy[slot] = False
                self._unpack(slot, value)
                events.append(("done", slot, value))
        return events

    def _unpack(self, slot: int, outcome: dict[str, Any]) -> None:
        files = outcome.pop("files", None)
        if not files:
            return
        root = Path(self._ep_dirs[slot])
        root.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)

    def _kill_actor(self, slot: int) -> None:
        actor = self._actors[slot]
        if actor is not None:
            try:
                self._ray.kill(actor, no_restart=True)
            except Exception:  # noqa: BLE001
                pass
        for ref, (s, _) in list(self._calls.items()):
            if s == slot:
                self._calls.pop(ref)

    def kill(self, slot: int, respawn: bool = True) -> None:
        """Kill a stuck actor (its process tree goes with it) and start a fresh one."""
        self._kill_actor(slot)
        self._busy[slot] = False
        if respawn:
            self._spawn(slot)
        else:
            self._actors[slot] = None
            self._ready[slot] = False

    def close(self, force: bool = False) -> None:
        """Close the actors' envs, kill them, and stop Ray if this run started it."""
        ray = self._ray
        closing = []
        for slot, actor in enumerate(self._actors):
            if actor is not None and not self._busy[slot] and not force:
                closing.append(actor.close.remote())
        if closing:
            try:
                ray.wait(closing, num_returns=len(closing), timeout=30)
            except Exception:  # noqa: BLE001
                pass
        for slot in range(self._jobs):
            self._kill_actor(slot)
        if self._started_ray:
            ray.shutdown()
