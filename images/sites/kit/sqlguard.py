"""The control API's SQL: read-only queries, single whitelisted DML statements, fast backups.

Both are enforced by SQLite itself (a read-only connection plus an authorizer), never by
parsing the text ourselves: a refused statement raises ``SqlRefused``. Both are bounded: a
statement that runs past ``TIME_LIMIT_S`` is stopped by SQLite's progress handler (an ``exec``
is rolled back, so the site stays writable), and a result past ``MAX_ROWS``/``MAX_BYTES`` is
refused rather than cut short. Why these values: real setup and check statements take well
under 10 ms on the seeded sites; 2 s is far above that and below the sites' own 5 s busy
timeout, so a site write that waits behind a runaway statement still succeeds.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "SqlRefused", "run_query", "run_dml", "copy_database", "MAX_ROWS", "MAX_BYTES",
    "TIME_LIMIT_S",
]  # fmt: skip

#: a query's rows; past this the query is refused (not truncated): add a LIMIT or aggregate
MAX_ROWS = 20_000
#: a query's result, counted as the text of its values; past this it is refused
MAX_BYTES = 8_000_000
#: wall time of one statement (query and fetch, or the DML) before SQLite stops it
TIME_LIMIT_S = 2.0
#: SQLite virtual-machine steps between two clock checks (~0.1 ms of work)
_PROGRESS_STEPS = 1_000
# Only DML: no caller needs SELECT, WITH, PRAGMA, ATTACH or DDL (every task setup and site
# user is an INSERT, UPDATE or DELETE; see README.md). WITH is refused because a WITH ... SELECT
# would run as a plain query while holding the write lock.
_DML_START = re.compile(
    r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*(insert|update|delete|replace)\b",
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


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str) else 8 if value is not None else 4


def _time_limit(conn: sqlite3.Connection, seconds: float) -> None:
    """Make SQLite abort the running statement once ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)


def _refusal(what: str, exc: BaseException) -> SqlRefused:
    if isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc):
        return SqlRefused(
            f"{what} stopped: it ran longer than the {TIME_LIMIT_S:g} s limit "
            "(narrow it with WHERE/LIMIT or use an index)"
        )
    return SqlRefused(f"{what} refused: {exc}")


def _read_authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _trigger: Any) -> int:
    if action in _READ_OK:
        if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() in _FORBIDDEN_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run_query(
    db_path: Path, query: str, params: Sequence[Any] | Mapping[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run one read-only SELECT; returns (columns, rows). Writes of any kind raise SqlRefused,
    so does a query past the time limit or a result past ``MAX_ROWS``/``MAX_BYTES``."""
    uri = f"file:{Path(db_path).as_posix()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only=1")
        conn.set_authorizer(_read_authorizer)
        _time_limit(conn, TIME_LIMIT_S)
        rows: list[list[Any]] = []
        size = 0
        try:
            cursor = conn.execute(query, _params(params))
            while batch := cursor.fetchmany(500):
                for row in batch:
                    values = [_jsonable(v) for v in row]
                    size += sum(_size(v) for v in values)
                    rows.append(values)
                if len(rows) > MAX_ROWS or size > MAX_BYTES:
                    raise SqlRefused(
                        f"query result too large: more than {MAX_ROWS} rows or "
                        f"{MAX_BYTES // 1_000_000} MB; add a LIMIT or aggregate"
                    )
        except (sqlite3.Error, sqlite3.Warning, ValueError) as exc:
            raise _refusal("query", exc) from exc
        columns = [d[0] for d in cursor.description or ()]
        return columns, rows
    finally:
        conn.close()


def run_dml(
    db_path: Path,
    statement: str,
    params: Sequence[Any] | Mapping[str, Any] | None = None,
    tables: set[str] | None = None,
) -> int:
    """Run ONE INSERT/UPDATE/DELETE/REPLACE (optionally only on ``tables``); returns the
    rowcount. Anything else, or a statement past the time limit, raises SqlRefused (rolled back).
    """
    if not _DML_START.match(statement or ""):
        start = (
            (statement or "").strip().split(None, 1)[0][:20] if (statement or "").strip() else ""
        )
        raise SqlRefused(
            "exec accepts one INSERT, UPDATE, DELETE or REPLACE statement, "
            f"got {start or 'nothing'!r}; read with /_env/sql"
        )
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
        _time_limit(conn, TIME_LIMIT_S)
        try:
            cursor = conn.execute(statement, _params(params))
            if cursor.description is not None:  # RETURNING rows: step them, so all are applied
                cursor.fetchall()
            rowcount = cursor.rowcount
        except (sqlite3.Error, sqlite3.Warning, ValueError) as exc:
            conn.set_progress_handler(None, 0)
            conn.set_authorizer(None)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _refusal("statement", exc) from exc
        conn.set_progress_handler(None, 0)
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
