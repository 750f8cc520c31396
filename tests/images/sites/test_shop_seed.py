"""The shop's seed: deterministic, big enough, and shaped as documented for task authors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from guigym.images.sites.kit import build_database, world_people
from guigym.images.sites.shop.site import SITE


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shop") / "a.db"
    build_database(SITE, path, seed=0)
    return path


@pytest.fixture(scope="module")
def db(seeded: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(seeded)
    yield conn
    conn.close()


def _one(db: sqlite3.Connection, query: str) -> object:
    return db.execute(query).fetchone()[0]


def test_same_seed_gives_an_identical_dump(seeded: Path, tmp_path: Path) -> None:
    # built in another process: object ids and hash seeds differ, the file must not
    again = tmp_path / "b.db"
    code = (
        "import sys\n"
        "from guigym.images.sites.kit import build_database\n"
        "from guigym.images.sites.shop.site import SITE\n"
        "build_database(SITE, sys.argv[1], seed=0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(again)], check=True, timeout=300)
    assert _dump(again) == _dump(seeded)
    assert again.read_bytes() == seeded.read_bytes()


def test_volume_minimums(db: sqlite3.Connection) -> None:
    assert _one(db, "SELECT count(*) FROM products") >= 300
    assert _one(db, "SELECT count(DISTINCT category) FROM products") >= 12
    assert _one(db, "SELECT count(*) FROM users WHERE is_admin = 0") >= 60
    assert _one(db, "SELECT count(DISTINCT user_id) FROM orders") >= 60
    assert _one(db, "SELECT count(*) FROM orders") >= 600
    assert _one(db, "SELECT count(*) FROM reviews") >= 1000
    assert _one(db, "SELECT count(*) FROM questions") >= 100
    assert _one(db, "SELECT count(*) FROM suppliers") >= 8
    assert _one(db, "SELECT count(*) FROM purchase_orders") >= 30
    assert _one(db, "SELECT count(*) FROM returns") >= 10
    assert _one(db, "SELECT count(*) FROM coupons") >= 5


def test_orders_spread_over_the_months_before_now_with_every_status(db: sqlite3.Connection) -> None:
    months = _one(db, "SELECT count(DISTINCT strftime('%Y-%m', created_at)) FROM orders")
    assert months >= 12
    assert _one(db, "SELECT max(created_at) FROM orders") < "2026-05-15 10:00:00"
    statuses = {r[0] for r in db.execute("SELECT DISTINCT status FROM orders")}
    assert {"pending", "processing", "shipped", "delivered", "cancelled", "refunded"} <= statuses
    # totals add up on every order
    bad = _one(
        db,
        "SELECT count(*) FROM orders WHERE total_cents != "
        "subtotal_cents - discount_cents + shipping_cents",
    )
    assert bad == 0
    bad = _one(
        db,
        "SELECT count(*) FROM orders o WHERE subtotal_cents != "
        "(SELECT sum(line_total_cents) FROM order_items i WHERE i.order_id = o.id)",
    )
    assert bad == 0


def test_identities_match_the_shared_world(db: sqlite3.Connection) -> None:
    people = world_people(0)
    customers = {p.username: p.email for p in people if p.role == "customer"}
    rows = dict(db.execute("SELECT username, email FROM users WHERE is_admin = 0"))
    assert rows == customers
    suppliers = {p.username: p.email for p in people if p.role == "supplier"}
    rows = dict(db.execute("SELECT contact_username, email FROM suppliers"))
    assert rows == suppliers
    assert all(e.endswith("@mail.test") for e in rows.values())
    assert _one(db, "SELECT is_admin FROM users WHERE username = 'admin'") == 1


def test_documented_formats(db: sqlite3.Connection) -> None:
    skus = [r[0] for r in db.execute("SELECT sku FROM products")]
    assert all(len(s) == 6 and s[2] == "-" for s in skus)
    assert "KB-104" in skus
    numbers = [r[0] for r in db.execute("SELECT number FROM orders ORDER BY id")]
    assert numbers[0] == "SO-10001" and all(n.startswith("SO-1") for n in numbers)
    po = _one(db, "SELECT po_number FROM purchase_orders ORDER BY id LIMIT 1")
    assert po == "PO-1001"
    # every product has a supplier carrying its brand, and real-looking specs
    orphan = _one(db, "SELECT count(*) FROM products WHERE supplier_id IS NULL")
    assert orphan == 0
    assert _one(db, "SELECT json_extract(specs, '$.Brand') FROM products WHERE sku = 'KB-104'")
