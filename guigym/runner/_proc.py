"""Process-tree helpers: find and kill every descendant of a process (Linux /proc).

A worker owns a Playwright driver, Chromium and site servers; when it has to die (timeout,
runner killed) all of them must die with it, whatever session or group they put themselves in.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

__all__ = ["descendants", "kill_tree", "exit_when_orphaned"]


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may contain spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (children first discovered first)."""
    tree = _children_map()
    out: list[int] = []
    stack = list(tree.get(pid, []))
    while stack:
        child = stack.pop()
        out.append(child)
        stack.extend(tree.get(child, []))
    return out


def kill_tree(pid: int, *, include_self: bool = True) -> None:
    """SIGKILL ``pid``'s descendants (and ``pid`` itself unless told not to)."""
    targets = descendants(pid)
    if include_self:
        targets.insert(0, pid)
    for target in targets:
        try:
            os.kill(target, signal.SIGSTOP)  # freeze first so nobody respawns or reparents
        except OSError:
            pass
    for target in targets:
        try:
            os.kill(target, signal.SIGKILL)
        except OSError:
            pass


def exit_when_orphaned(interval: float = 0.5) -> threading.Thread:
    """Start a daemon thread that kills this process's tree when its parent goes away.

    A ``kill -9`` of the runner cannot run any cleanup, so each worker watches for it itself.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                kill_tree(os.getpid(), include_self=False)
                os._exit(3)

    thread = threading.Thread(target=watch, name="orphan-watch", daemon=True)
    thread.start()
    return thread
