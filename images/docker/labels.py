"""Labels on everything guigym creates in Docker, and who owns it.

Why: containers and networks must be cleaned up even when the process that started them crashed.
Each object carries ``guigym=1``, ``guigym.owner=<pid>``, ``guigym.owner.start=<start time of that
pid>`` (so a reused pid is not mistaken for the owner) and ``guigym.instance=<id>``; an object
whose owner is gone is a leftover that ``prune`` removes.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

__all__ = [
    "LABEL",
    "OWNER",
    "OWNER_START",
    "INSTANCE",
    "ROLE",
    "new_instance_id",
    "owner_labels",
    "process_start",
    "owner_alive",
]

LABEL = "guigym"
OWNER = "guigym.owner"
OWNER_START = "guigym.owner.start"
INSTANCE = "guigym.instance"
ROLE = "guigym.role"


def new_instance_id() -> str:
    """A short random id naming one env instance's network and containers."""
    return secrets.token_hex(4)


def process_start(pid: int) -> str:
    """The start time of ``pid`` in clock ticks since boot ("" if the process does not exist)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return ""
    # Field 22 (starttime); the command name (field 2) may contain spaces, so split after ')'.
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def owner_labels(instance: str, role: str, pid: int | None = None) -> dict[str, str]:
    """The labels for an object of env instance ``instance`` owned by ``pid`` (default: us)."""
    pid = os.getpid() if pid is None else pid
    return {
        LABEL: "1",
        OWNER: str(pid),
        OWNER_START: process_start(pid),
        INSTANCE: instance,
        ROLE: role,
    }


def owner_alive(labels: Mapping[str, str]) -> bool:
    """True while the process named by an object's labels still runs (same pid, same start)."""
    pid = labels.get(OWNER, "")
    if not pid.isdigit():
        return False
    start = process_start(int(pid))
    return bool(start) and start == labels.get(OWNER_START, start)
