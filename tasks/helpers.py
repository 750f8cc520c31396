"""Helpers for task scripts (solution.py oracles): find an element id in the axtree text.

The web observation's ``axtree`` has one element per line, ``[e12] button "Add to cart" ...``;
element actions take that id (``click("e12")``). Oracles look ids up by role and name each time
instead of hard-coding them, so a page change moves ids without breaking the oracle.
"""

from __future__ import annotations

import json
import re

from guigym.errors import TaskError

__all__ = ["find_element", "elements"]

_LINE = re.compile(r'^\s*\[(?P<id>[^\]]+)\]\s+(?P<role>\S+)(?:\s+(?P<name>"(?:[^"\\]|\\.)*"))?')


def elements(axtree: str) -> list[tuple[str, str, str]]:
    """``(id, role, name)`` of every element line in an axtree text."""
    found = []
    for line in axtree.splitlines():
        m = _LINE.match(line)
        if m:
            name = json.loads(m.group("name")) if m.group("name") else ""
            found.append((m.group("id"), m.group("role"), name))
    return found


def find_element(axtree: str, name: str, role: str | None = None, *, exact: bool = False) -> str:
    """The id of the first element whose name contains ``name`` (case-insensitive; ``exact``
    for equality), optionally with that ``role``; TaskError listing close candidates otherwise."""
    want = name.casefold()
    for el_id, el_role, el_name in elements(axtree):
        if role is not None and el_role != role:
            continue
        have = el_name.casefold()
        if (have == want) if exact else (want in have):
            return el_id
    sample = [f"{r} {n!r}" for _, r, n in elements(axtree) if role is None or r == role][:8]
    raise TaskError(
        f"no {role or 'element'} named {name!r} on the page (some there: {', '.join(sample)})"
    )
