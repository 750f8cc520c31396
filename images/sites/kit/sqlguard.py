"""The control API's SQL: read-only queries, single whitelisted DML statements, fast backups.

Both are enforced by SQLite itself (a read-only connection plus an authorizer), never by
parsing the text ourselves: a refused statement raises ``SqlRefused``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["SqlRefused", "run_query", "run_dml", "copy_database", "MAX_ROWS"]

MAX_ROWS = 100_000
_DML_START = re.compile(
    r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*(insert|update|delete|replace|with)\b",
    re.IGNORECASE | re.DOTALL,
)

_READ_OK = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}
_WRITE = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
_FORBIDDEN_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}


class SqlRefused(ValueError):
    """The statement is not allowed (or is not valid SQL); the API answers 400."""


def _params(params: Sequence[Any] | Mapping[str, Any] | None) -> Sequence[Any] | Mapping[str, Any]:
    if params is None:
        return ()
    if isinstance(params, (list, tuple, Mapping)):
        return params
    raise SqlRefused(f"params must be a list or an object, got {type(params).__name__}")


def _jsonable(value: Any) -> Any:
    return value.hex() if isinstance(value, (bytes, memoryview)) else value


def _read_authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _trigger: Any) -> int:
    if action in _READ_OK:
        if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() in _FORBIDDEN_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run_query(
    db_path: Path, query: str, params: Sequence[Any] | Mapping[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run one read-only SELECT; returns (columns, rows). Writes of any kind raise SqlRefused."""
    uri = f"file:{Path(db_path).as_posix()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only=1")
        conn.set_authorizer(_read_authorizer)
        try:
            cursor = conn.execute(query, _params(params))
            rows = cursor.fetchmany(MAX_ROWS)
        except (sqlite3.Error, sqlite3.Warning, ValueError) as exc:
            raise SqlRefused(f"query refused: {exc}") from exc
        columns = [d[0] for d in cursor.description or ()]
        return columns, [[_jsonable(v) for v in row] for row in rows]
    finally:
        conn.close()


def run_dml(
    db_path: Path,
    statement: str,
    params: Sequence[Any] | Mapping[str, Any] | None = None,
    tables: set[str] | None = None,
) -> int:
    """Run ONE INSERT/UPDATE/DELETE (optionally only on ``tables``); returns the rowcount."""
    if not _DML_START.match(statement or ""):
        raise SqlRefused("exec accepts one INSERT, UPDATE or DELETE statement")
    allowed_tables = None if tables is None else {t.lower() for t in tables} | {"sqlite_sequence"}

    def authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _trigger: Any) -> int:
        if action in _READ_OK:
            return _read_authorizer(action, arg1, arg2, _db, _trigger)
        if action in _WRITE:
            if allowed_tables is not None and str(arg1).lower() not in allowed_tables:
                return sqlite3.SQLITE_DENY
            if str(arg1).lower().startswith("sqlite_") and str(arg1).lower() != "sqlite_sequence":
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY  # DDL, ATTACH, PRAGMA, transactions, ...

    conn = sqlite3.connect(str(db_path), timeout=5, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN IMMEDIATE")
        conn.set_authorizer(authorizer)
        try:
            cursor = conn.execute(statement, _params(params))
            rowcount = cursor.rowcount
        except (sqlite3.Error, sqlite3.Warning, ValueError) as exc:
            conn.set_authorizer(None)
            conn.execute("ROLLBACK")
            raise SqlRefused(f"statement refused: {exc}") from exc
        conn.set_authorizer(None)
        conn.execute("COMMIT")
        return rowcount
    finally:
        conn.close()


def copy_database(src: Path, dst: Path) -> None:
    """Copy ``src`` onto ``dst`` with SQLite's online backup API (safe while the site runs)."""
    source = sqlite3.connect(str(src), timeout=5)
    target = sqlite3.connect(str(dst), timeout=5)
    try:
        target.execute("PRAGMA synchronous=OFF")
        # No rollback journal for the copy: twice as fast; a crash mid-copy is undone by reset.
        target.execute("PRAGMA journal_mode=OFF")
        source.backup(target)
    finally:
        target.close()
        source.close()
