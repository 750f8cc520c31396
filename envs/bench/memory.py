"""Proportional set size (PSS) of process trees, from ``/proc/<pid>/smaps_rollup``.

PSS splits shared pages between the processes sharing them, so summing it over an env's browser
tree and site processes gives a fair "memory of this env" that adds up across envs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = ["pss_kb", "tree_pids"]


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def tree_pids(roots: Iterable[int]) -> list[int]:
    """The roots and all their descendants."""
    children = _children()
    seen: list[int] = []
    todo = list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.append(pid)
        todo.extend(children.get(pid, []))
    return seen


def pss_kb(pids: Iterable[int]) -> int:
    """Sum of PSS in kB over ``pids`` (processes that vanished count 0)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total
