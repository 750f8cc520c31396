"""The embedded provider: site processes on this machine, one set per env instance.

Why ports are reserved up front: the browser maps ``<site>.test`` to ports with
``--host-resolver-rules`` when it launches, so each known site gets its port when the provider is
created; a site that dies is restarted on the same port, and the browser never has to relaunch.
"""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from guigym.errors import ServiceError

__all__ = ["LocalProvider", "free_port", "hold_port", "known_sites"]

#: start_site(name, *, port, workdir, seed, now) -> SiteInstance (guigym.images.sites.instance)
Starter = Callable[..., Any]


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hold_port() -> socket.socket:
    """A socket bound (not listening) to a free port, with SO_REUSEPORT.

    Why: sites start lazily, minutes after their port was chosen; while this socket is open no
    outgoing connection or other server can take the port, yet the site's own server (which
    binds with SO_REUSEPORT too) can.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def known_sites() -> list[str]:
    """Names of the registered sites (empty if the sites layer is not installed)."""
    try:
        from guigym.images.sites import SITES
    except ImportError:
        return []
    return sorted(SITES)


def _default_starter() -> Starter:
    try:
        from guigym.images.sites.instance import start_site
    except ImportError as exc:
        raise ServiceError(f"the sites layer is not available: {exc}") from exc
    return start_site


class LocalProvider:
    """Starts, resets, snapshots and recovers this env's site instances."""

    def __init__(
        self,
        sites: Iterable[str] = (),
        *,
        starter: Starter | None = None,
        site_seed: int = 0,
        workdir: str | Path | None = None,
    ) -> None:
        self._starter = starter
        self.site_seed = site_seed
        self._tmp = None
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="guigym-env-")
            workdir = self._tmp.name
        self.workdir = Path(workdir)
        self.ports: dict[str, int] = {}
        self._holds: dict[str, socket.socket] = {}
        self.instances: dict[str, Any] = {}
        self.snapshots: set[tuple[str, str]] = set()
        for name in [*known_sites(), *sites]:
            self.reserve(name)

    def reserve(self, name: str) -> int:
        """The port of site ``name`` (chosen on first use, then fixed for this provider)."""
        if name not in self.ports:
            self._holds[name] = hold_port()
            self.ports[name] = self._holds[name].getsockname()[1]
        return self.ports[name]

    def ensure(self, names: Iterable[str], now: datetime | None = None) -> dict[str, Any]:
        """Start sites that are not running and restart dead ones, each on its own port."""
        out = {}
        for name in names:
            inst = self.instances.get(name)
            if inst is not None and not inst.alive():
                try:
                    inst.restart()
                except Exception as exc:  # noqa: BLE001 - fall back to a clean start
                    self._drop(name)
                    inst = None
                    if not isinstance(exc, ServiceError):
                        pass
            if inst is None:
                starter = self._starter or _default_starter()
                try:
                    inst = starter(
                        name,
                        port=self.reserve(name),
                        workdir=self.workdir / name,
                        seed=self.site_seed,
                        now=now,
                    )
                except ServiceError:
                    raise
                except Exception as exc:  # noqa: BLE001
                    raise ServiceError(f"could not start site {name!r}: {exc}") from exc
                self.instances[name] = inst
            out[name] = inst
        return out

    def reset(self, names: Iterable[str], snapshot: str | None = None) -> None:
        """Back to the seeded state (or to a named snapshot) in milliseconds."""
        for name in names:
            inst = self.instances[name]
            try:
                if snapshot is None:
                    inst.reset()
                else:
                    inst.restore(snapshot)
            except Exception as exc:  # noqa: BLE001
                raise ServiceError(f"could not reset site {name!r}: {exc}") from exc

    def snapshot(self, names: Iterable[str], key: str) -> None:
        """Save every named site's state under ``key`` (for cached mid-chain starts)."""
        for name in names:
            try:
                self.instances[name].snapshot(key)
            except Exception as exc:  # noqa: BLE001
                raise ServiceError(f"could not snapshot site {name!r}: {exc}") from exc
            self.snapshots.add((name, key))

    def has_snapshot(self, names: Iterable[str], key: str) -> bool:
        """True when every named site has a snapshot ``key`` taken by this provider."""
        return all((name, key) in self.snapshots for name in names)

    def dead(self, names: Iterable[str]) -> list[str]:
        """Names of started sites whose process is gone."""
        return [n for n in names if n in self.instances and not self.instances[n].alive()]

    def pids(self) -> list[int]:
        """PIDs of the site processes (for memory accounting)."""
        out = []
        for inst in self.instances.values():
            pid = getattr(inst, "pid", None)
            proc = getattr(inst, "process", None) or getattr(inst, "proc", None)
            if pid is None and proc is not None:
                pid = getattr(proc, "pid", None)
            if isinstance(pid, int):
                out.append(pid)
        return out

    def handles(self, names: Iterable[str]) -> Mapping[str, Any]:
        """The instances of ``names`` (objects with ``.sql``, ``.get``, ``.exec``) for checks."""
        return {n: self.instances[n] for n in names}

    def _drop(self, name: str) -> None:
        inst = self.instances.pop(name, None)
        if inst is not None:
            try:
                inst.stop()
            except Exception:  # noqa: BLE001
                pass
        self.snapshots = {s for s in self.snapshots if s[0] != name}

    def close(self) -> None:
        """Stop every site this provider started and remove its working folder."""
        for name in list(self.instances):
            self._drop(name)
        for sock in self._holds.values():
            sock.close()
        self._holds.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
