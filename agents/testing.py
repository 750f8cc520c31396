"""Agents for testing the runner's fault handling with real faults (not for evaluation).

``ChaosAgent`` plays like the oracle but, on chosen episodes, breaks the env for real: it
SIGKILLs the worker's Chromium or a site server (found among this process's descendants), raises,
or hangs. Run it as ``--agent guigym.agents.testing:ChaosAgent --agent-arg faults=0:browser``.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from guigym.agents.base import Action, TaskInfo
from guigym.agents.oracle import OracleAgent

from guigym.errors import ConfigError

__all__ = ["ChaosAgent", "kill_descendants"]

_MARKERS = {"browser": ("chromium", "chrome"), "site": ("serve_one",)}


def _descendants(pid: int) -> list[int]:
    """Live descendants of ``pid`` from /proc (agents may not import the runner)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    out, stack = [], list(children.get(pid, []))
    while stack:
        child = stack.pop()
        out.append(child)
        stack.extend(children.get(child, []))
    return out


def kill_descendants(kind: str) -> int:
    """SIGKILL this process's descendants whose command line names ``kind``; returns how many."""
    killed = 0
    for pid in _descendants(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if any(marker in cmdline for marker in _MARKERS[kind]):
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed


class ChaosAgent:
    """The oracle, except that chosen episodes meet a real fault at ``at_step``.

    ``faults`` maps episode seeds to faults, e.g. ``"0:browser,1:raise"``. Faults: ``browser`` /
    ``site`` (kill the process), ``raise`` (the agent raises), ``hang`` (the agent never
    answers, until the runner kills the worker).
    """

    privileged = True

    def __init__(self, faults: str = "0:browser", at_step: int = 1) -> None:
        self.faults: dict[int, str] = {}
        for item in str(faults).split(","):
            seed, _, fault = item.strip().partition(":")
            if fault not in ("browser", "site", "raise", "hang") or not seed.isdigit():
                raise ConfigError(
                    f"faults expects seed:fault pairs (browser, site, raise, hang), got {item!r}"
                )
            self.faults[int(seed)] = fault
        self.at_step = int(at_step)
        self.oracle = OracleAgent()
        self._fault: str | None = None
        self._step = 0

    def reset(self, task_info: TaskInfo) -> None:
        """Arm this episode's fault, if its seed has one."""
        self.oracle.reset(task_info)
        self._fault = self.faults.get(int(task_info.get("seed") or 0))
        self._step = 0

    def act(self, observation: Mapping[str, Any]) -> Action:
        """Break things at the chosen step, else play like the oracle."""
        self._step += 1
        if self._fault is not None and self._step == self.at_step:
            if self._fault in ("browser", "site"):
                kill_descendants(self._fault)
            elif self._fault == "raise":
                raise RuntimeError("chaos agent: deliberate failure")
            else:
                threading.Event().wait()  # hang until the runner kills this worker
        return self.oracle.act(observation)

    def close(self) -> None:
        """Stop the oracle's helper thread, if any."""
        self.oracle.close()
