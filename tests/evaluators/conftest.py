"""A real SQLite database behind a small handle implementing the SiteHandle protocol."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from guigym.evaluators import CheckContext


class SqliteSite:
    """A site handle over a real sqlite3 file (read-only queries, DML through exec)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.queries = 0

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path)
        conn.row_factory = sqlite3.Row
        return conn

    def sql(
        self, query: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> list[dict[str, Any]]:
        self.queries += 1
        with self._connect() as conn:
            conn.execute("PRAGMA query_only = ON")
            return [dict(r) for r in conn.execute(query, params or {}).fetchall()]

    def exec(self, statement: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> int:
        with self._connect() as conn:
            return conn.execute(statement, params or {}).rowcount

    def get(self, path: str, user: str | None = None) -> Any:
        raise NotImplementedError("no HTTP in this handle")


@pytest.fixture
def shop(tmp_path: Path) -> SqliteSite:
    """A tiny shop database: products and purchase orders."""
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT, category TEXT, stock INTEGER,
                                   price REAL);
            INSERT INTO products VALUES
              ('KB-101', 'Clicky keyboard', 'Keyboards', 12, 49.9),
              ('KB-104', 'Quiet keyboard', 'Keyboards', 3, 1234.5),
              ('MO-200', 'Wide monitor', 'Monitors', 7, 299.0);
            CREATE TABLE purchase_orders (id INTEGER PRIMARY KEY, sku TEXT, qty INTEGER);
            INSERT INTO purchase_orders (sku, qty) VALUES ('KB-104', 10);
            """
        )
    return SqliteSite(path)


@pytest.fixture
def ctx(shop: SqliteSite) -> CheckContext:
    """A context with the shop site and nothing else."""
    return CheckContext(sites={"shop": shop})
