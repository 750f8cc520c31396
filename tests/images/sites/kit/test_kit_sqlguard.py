"""The control API's SQL rules, enforced by SQLite (read-only connection, authorizer)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from guigym.images.sites.kit.sqlguard import SqlRefused, copy_database, run_dml, run_query


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);"
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO notes (title) VALUES ('a'), ('b');"
        "INSERT INTO users VALUES (1, 'ann');"
    )
    conn.commit()
    conn.close()
    return path


def _count(db: Path, table: str = "notes") -> int:
    return run_query(db, f"SELECT count(*) FROM {table}")[1][0][0]


def test_query_returns_columns_and_rows(db: Path) -> None:
    columns, rows = run_query(db, "SELECT id, title FROM notes WHERE id > ?", [1])
    assert columns == ["id", "title"] and rows == [[2, "b"]]
    assert run_query(db, "SELECT :x AS v", {"x": 3}) == (["v"], [[3]])


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM notes",
        "UPDATE notes SET title = 'x'",
        "INSERT INTO notes (title) VALUES ('x')",
        "DROP TABLE notes",
        "CREATE TABLE x (a)",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA journal_mode=WAL",
        "SELECT 1; DELETE FROM notes",
        "SELECT load_extension('x')",
        "WITH d AS (SELECT 1) DELETE FROM notes",
        "not sql at all",
    ],
)
def test_query_refuses_anything_but_reading(db: Path, query: str) -> None:
    with pytest.raises(SqlRefused):
        run_query(db, query)
    assert _count(db) == 2


def test_dml_runs_one_statement(db: Path) -> None:
    assert run_dml(db, "INSERT INTO notes (title) VALUES (?)", ["c"]) == 1
    assert run_dml(db, "UPDATE notes SET title = upper(title) WHERE id <= 2") == 2
    assert run_dml(db, "DELETE FROM notes WHERE title = :t", {"t": "c"}) == 1
    assert run_query(db, "SELECT title FROM notes ORDER BY id")[1] == [["A"], ["B"]]


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE notes",
        "CREATE TABLE x (a)",
        "ALTER TABLE notes ADD COLUMN b",
        "CREATE INDEX i ON notes (title)",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA foreign_keys=OFF",
        "SELECT * FROM notes",
        "DELETE FROM notes; DROP TABLE notes",
        "INSERT INTO notes (title) VALUES ('x'); INSERT INTO notes (title) VALUES ('y')",
        "VACUUM",
        "BEGIN",
        "UPDATE sqlite_master SET sql = ''",
    ],
)
def test_dml_refuses_ddl_attach_pragma_and_more(db: Path, statement: str) -> None:
    with pytest.raises(SqlRefused):
        run_dml(db, statement)
    assert _count(db) == 2


def test_dml_respects_the_table_whitelist(db: Path) -> None:
    assert run_dml(db, "INSERT INTO notes (title) VALUES ('c')", tables={"notes"}) == 1
    with pytest.raises(SqlRefused):
        run_dml(db, "DELETE FROM users", tables={"notes"})
    assert _count(db, "users") == 1


def test_copy_database_is_exact(db: Path, tmp_path: Path) -> None:
    snap = tmp_path / "snap.db"
    copy_database(db, snap)
    run_dml(db, "DELETE FROM notes")
    copy_database(snap, db)
    assert _count(db) == 2
