"""Direct read-only SQLite reads for sites running on this machine (verification speed).

A query through a site's control API costs a few milliseconds (HTTP round trip); the same query
on the site's database file costs a fraction of one. :func:`local_reads` wraps a site handle whose
``db_path`` is a local file so ``sql`` opens that file read-only (``mode=ro`` and
``PRAGMA query_only``) for each query; ``exec``, ``get`` and every other attribute go to the
handle. A handle without a local file (Docker) is returned unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["LocalReads", "local_reads"]


class LocalReads:
    """A site handle whose reads go straight to its local SQLite file."""

    def __init__(self, handle: Any, db_path: str | Path) -> None:
        self.handle = handle
        self.db_path = Path(db_path)
        self._uri = f"file:{self.db_path}?mode=ro"

    def sql(
        self, query: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> list[dict[str, Any]]:
        """Run a read-only query on the database file (a new connection each time, so a
        restored snapshot is always seen)."""
        conn = sqlite3.connect(self._uri, uri=True, timeout=5.0)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
            return [dict(row) for row in conn.execute(query, params or {}).fetchall()]
        finally:
            conn.close()

    def exec(self, statement: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> int:
        """Writes still go through the control API (its whitelist applies)."""
        return self.handle.exec(statement, params)

    def get(self, path: str, user: str | None = None) -> Any:
        """HTTP through the handle."""
        return self.handle.get(path, user=user)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def local_reads(handle: Any) -> Any:
    """``LocalReads(handle)`` when the handle's ``db_path`` is a file here, else the handle."""
    path = getattr(handle, "db_path", None)
    if path and Path(path).is_file():
        return LocalReads(handle, path)
    return handle
