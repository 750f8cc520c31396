"""Differences between two revisions, side by side or unified (difflib, no HTML here)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

__all__ = ["Row", "side_by_side", "unified", "stats"]


@dataclass(frozen=True)
class Row:
    """One row of a side-by-side diff; ``kind`` is equal, replace, delete, insert or skip."""

    kind: str
    left_no: int | None
    left: str
    right_no: int | None
    right: str


def side_by_side(old: str, new: str, context: int = 3) -> list[Row]:
    """Rows pairing old and new lines; long unchanged stretches become one ``skip`` row."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[Row] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if rows:
            rows.append(Row("skip", None, "", None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(
                    Row("equal", i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k])
                    for k in range(i2 - i1)
                )
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                li, rj = i1 + k, j1 + k
                left_ok, right_ok = li < i2, rj < j2
                kind = (
                    tag
                    if tag != "replace"
                    else ("replace" if left_ok and right_ok else "delete" if left_ok else "insert")
                )
                rows.append(
                    Row(
                        kind,
                        li + 1 if left_ok else None,
                        a[li] if left_ok else "",
                        rj + 1 if right_ok else None,
                        b[rj] if right_ok else "",
                    )
                )
    return rows


def unified(
    old: str, new: str, old_name: str, new_name: str, context: int = 3
) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff; kind is head, hunk, add, del or ctx."""
    out = []
    for line in difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, n=context, lineterm=""
    ):
        if line.startswith(("---", "+++")):
            kind = "head"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        out.append((kind, line))
    return out


def stats(old: str, new: str) -> tuple[int, int]:
    """(lines added, lines removed)."""
    added = removed = 0
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("+ "):
            added += 1
        elif line.startswith("- "):
            removed += 1
    return added, removed
