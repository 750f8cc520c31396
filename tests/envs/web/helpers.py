"""Small helpers for reading observations in tests."""

from __future__ import annotations

import re


def eid(axtree: str, role: str, name: str) -> str:
    """The element id of the first ``role "name"`` line in an axtree."""
    match = re.search(rf"\[(e\d+)\] {re.escape(role)} {re.escape(repr_name(name))}", axtree)
    if match is None:
        raise AssertionError(f"no {role} {name!r} in:\n{axtree}")
    return match.group(1)


def repr_name(name: str) -> str:
    import json

    return json.dumps(name)
