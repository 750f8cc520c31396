"""The mail site's seed: deterministic, big enough, and coherent with the shared world."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from guigym.images.sites.kit import build_database, world_people
from guigym.images.sites.mail.site import SITE


def _build(folder: Path, seed: int) -> Path:
    path = folder / f"mail-{seed}.db"
    build_database(SITE, path, seed=seed)
    return path


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("mail-seed"), 0)


@pytest.fixture(scope="module")
def db(seeded: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(seeded)
    yield conn
    conn.close()


def _one(db: sqlite3.Connection, query: str, *params: object) -> object:
    return db.execute(query, params).fetchone()[0]


@pytest.mark.slow
def test_same_seed_gives_an_identical_dump(seeded: Path, tmp_path: Path) -> None:
    # Another process (another hash seed), as the instance cache builds it.
    again = tmp_path / "again.db"
    code = (
        "import sys; from guigym.images.sites.kit import build_database; "
        "from guigym.images.sites.mail.site import SITE; build_database(SITE, sys.argv[1], seed=0)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(again)], check=True, env=env, timeout=300)
    assert _dump(again) == _dump(seeded)


@pytest.mark.slow
def test_another_seed_gives_other_mail(seeded: Path, tmp_path: Path) -> None:
    other = _build(tmp_path, 1)
    with sqlite3.connect(other) as conn:
        subjects = {r[0] for r in conn.execute("SELECT subject FROM messages")}
    with sqlite3.connect(seeded) as conn:
        assert subjects != {r[0] for r in conn.execute("SELECT subject FROM messages")}


def test_volume_minimums(db: sqlite3.Connection) -> None:
    assert _one(db, "SELECT count(*) FROM users") >= 40
    assert _one(db, "SELECT count(*) FROM messages WHERE is_draft = 0") >= 400
    assert _one(db, "SELECT count(*) FROM messages WHERE is_draft = 1") >= 10
    assert _one(db, "SELECT count(DISTINCT message_id) FROM attachments") >= 50
    assert _one(db, "SELECT count(*) FROM contacts") >= 200
    assert _one(db, "SELECT count(*) FROM filters") >= 20
    assert _one(db, "SELECT count(*) FROM folders WHERE kind = 'custom'") >= 30
    assert _one(db, "SELECT count(*) FROM item_labels") >= 50
    # Threads: many conversations have replies.
    assert (
        _one(
            db,
            "SELECT count(*) FROM "
            "(SELECT thread_id FROM messages GROUP BY thread_id HAVING count(*) >= 3)",
        )
        >= 40
    )
    # Read/unread and stars both occur.
    assert _one(db, "SELECT count(*) FROM mailbox_items WHERE is_read = 0") >= 50
    assert _one(db, "SELECT count(*) FROM mailbox_items WHERE is_starred = 1") >= 30
    for kind in ("inbox", "sent", "drafts", "archive", "trash"):
        n = _one(
            db,
            "SELECT count(*) FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
            "WHERE f.kind = ?",
            kind,
        )
        assert n >= 10, kind


def test_every_person_has_a_mailbox_with_the_documented_address(db: sqlite3.Connection) -> None:
    people = world_people(0)
    rows = dict(db.execute("SELECT username, email FROM users").fetchall())
    for person in people:
        assert rows[person.username] == f"{person.username}@mail.test"
    for account in ("store", "orders", "support", "newsletter"):
        assert rows[account] == f"{account}@mail.test"
    # Every mailbox has its five system folders.
    assert _one(db, "SELECT count(*) FROM users") * 5 == _one(
        db, "SELECT count(*) FROM folders WHERE kind != 'custom'"
    )


def test_attachments_are_real_files(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT filename, content_type, size, data FROM attachments").fetchall()
    kinds = {ct for _f, ct, _s, _d in rows}
    assert {"application/pdf", "text/csv", "text/plain", "image/png"} <= kinds
    for filename, content_type, size, data in rows:
        assert size == len(data) > 0, filename
        if content_type == "application/pdf":
            assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
        if content_type == "image/png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")


def test_supplier_threads_talk_about_purchase_orders(db: sqlite3.Connection) -> None:
    from guigym.images.sites.kit.world import world_purchase_orders

    rows = db.execute(
        "SELECT m.subject, m.body, u.role FROM messages m JOIN users u ON u.id = m.sender_id "
        "WHERE m.subject LIKE 'Purchase order PO-%'"
    ).fetchall()
    known = {po.po_number for po in world_purchase_orders(0)}
    assert len(rows) >= 20
    assert all(role == "staff" and "Order total" in body for _s, body, role in rows)
    assert {subject.split()[2] for subject, _b, _r in rows} <= known


def test_seeded_filters_acted_on_seeded_mail(db: sqlite3.Connection) -> None:
    # Customers with the "Receipts" filter find the shop's mail there, not in the inbox.
    misplaced = _one(
        db,
        "SELECT count(*) FROM mailbox_items i JOIN messages m ON m.id = i.message_id "
        "JOIN folders f ON f.id = i.folder_id JOIN filters r ON r.owner_id = i.owner_id "
        "WHERE r.value = 'orders@mail.test' AND m.sender = 'orders@mail.test' AND f.kind = 'inbox'",
    )
    filed = _one(
        db,
        "SELECT count(*) FROM mailbox_items i JOIN messages m ON m.id = i.message_id "
        "JOIN folders f ON f.id = i.folder_id "
        "WHERE f.name = 'Receipts' AND m.sender = 'orders@mail.test'",
    )
    assert misplaced == 0 and filed >= 20


def test_products_in_mail_are_the_worlds_products() -> None:
    from guigym.images.sites.kit.world import build_world
    from guigym.images.sites.mail.seeding.world import supplier_products

    world = build_world(0)
    for supplier in world.suppliers:
        products = supplier_products(world, supplier.company)
        assert products, supplier.company
        for product in products:
            assert world.product(product.sku).brand in supplier.brands
            assert world.product(product.sku).price_cents == round(product.retail * 100)


def test_shop_name_matches_the_shop_site() -> None:
    from guigym.images.sites.mail.seeding.world import SHOP_NAME
    from guigym.images.sites.shop.site import SITE as SHOP

    assert SHOP.title == SHOP_NAME
