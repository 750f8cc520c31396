"""Helpers for task tests: write task folders into a temporary tasks root."""

from __future__ import annotations

import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from guigym.tasks import clear_cache

#: A small valid task used as the base of many tests (one fact, two params, four subtasks).
GOOD_YAML = """\
id: {id}
title: Restock the lowest-stock item
env: web
sites: [shop]
instruction: Find the lowest-stock product in {{{{ category }}}} and order {{{{ qty }}}} more.
params:
  category: {{choice: [Laptops, Monitors, Keyboards]}}
  qty: {{choice: [10, 20, 50]}}
  n: {{int: [1, 9]}}
facts: [expected_sku]
start:
  url: http://shop.test/admin
  login: {{site: shop, user: admin}}
setup:
  - sql: {{site: shop, statement: "UPDATE products SET stock = 3 WHERE sku = 'KB-104'"}}
  - call: setup.py:prepare
max_steps: 40
subtasks:
  - id: find-lowest
    instruction: Report the SKU of the lowest-stock product in {{{{ category }}}}.
    check: {{answer: {{equals: "{{{{ expected_sku }}}}", normalize: [case, space]}}}}
    oracle: ["answer('{{{{ expected_sku }}}}')"]
  - id: reorder
    weight: 2
    critical: true
    check:
      sql: {{site: shop, query: "SELECT qty FROM purchase_orders WHERE sku = :sku",
            params: {{sku: "{{{{ expected_sku }}}}"}}, expect: "{{{{ qty }}}}"}}
    oracle: {{call: solution.py:reorder}}
  - id: visit
    check: {{url: {{contains: /admin/orders}}}}
    oracle: ["goto('http://shop.test/admin/orders')"]
  - id: notify
    depends_on: [reorder]
    check: {{call: check.py:notified}}
    oracle: {{call: solution.py:notify}}
tags: [test]
"""

SETUP_PY = """
def prepare(ctx):
    return {"expected_sku": "KB-104"}
"""
CHECK_PY = """
def notified(ctx):
    return bool(ctx.sql("shop", "SELECT 1 FROM purchase_orders LIMIT 1"))
"""
SOLUTION_PY = """
def reorder(actor):
    pass

def notify(actor):
    pass
"""

WriteTask = Callable[..., Path]


@pytest.fixture
def good_yaml() -> str:
    """The text of the valid task shop.x (tests edit it to break one thing)."""
    return GOOD_YAML.format(id="shop.x")


@pytest.fixture
def tasks_root(tmp_path: Path) -> Path:
    """An empty tasks root (caches cleared so paths never collide between tests)."""
    clear_cache()
    root = tmp_path / "tasks"
    root.mkdir()
    return root


@pytest.fixture
def write_task(tasks_root: Path) -> WriteTask:
    """write_task("shop.x", yaml_text=None, files=None) -> folder; default: the GOOD task."""

    def write(
        task_id: str, yaml_text: str | None = None, files: dict[str, str] | None = None
    ) -> Path:
        suite, name = task_id.split(".", 1)
        folder = tasks_root / suite / name
        folder.mkdir(parents=True, exist_ok=True)
        text = GOOD_YAML.format(id=task_id) if yaml_text is None else textwrap.dedent(yaml_text)
        (folder / "task.yaml").write_text(text)
        default = {"setup.py": SETUP_PY, "check.py": CHECK_PY, "solution.py": SOLUTION_PY}
        for filename, content in {**default, **(files or {})}.items():
            (folder / filename).write_text(textwrap.dedent(content))
        return folder

    return write


class SqliteSite:
    """A site handle over a real sqlite3 file (the SiteHandle protocol's sql/exec/get)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def sql(self, query: str, params=None) -> list[dict]:  # noqa: ANN001
        with sqlite3.connect(self.path) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(query, params or {}).fetchall()]

    def exec(self, statement: str, params=None) -> int:  # noqa: ANN001
        with sqlite3.connect(self.path) as conn:
            return conn.execute(statement, params or {}).rowcount

    def get(self, path: str, user: str | None = None) -> None:
        raise NotImplementedError


@pytest.fixture
def shop_db(tmp_path: Path) -> SqliteSite:
    """A real SQLite shop with three products and an empty purchase_orders table."""
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE products (sku TEXT PRIMARY KEY, category TEXT, stock INTEGER);
            INSERT INTO products VALUES ('KB-101', 'Keyboards', 12), ('KB-104', 'Keyboards', 8),
                                        ('MO-200', 'Monitors', 7);
            CREATE TABLE purchase_orders (id INTEGER PRIMARY KEY, sku TEXT, qty INTEGER);
            """
        )
    return SqliteSite(path)
