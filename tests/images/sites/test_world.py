"""The shared world: the shop's rows and the mail site's mail tell the same facts.

Both databases are built for seed 0 and compared through SQL: order mails name real shop
orders (number, customer, items, totals, tracking), supplier mail goes to the contact the shop
lists for the product's brand, POs in mail are the shop's POs, newsletter coupons exist.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from guigym.images.sites.kit import build_database
from guigym.images.sites.kit.world import (
    build_world,
    world_catalog,
    world_orders,
    world_purchase_orders,
    world_suppliers,
)
from guigym.images.sites.mail.site import SITE as MAIL
from guigym.images.sites.shop.site import SITE as SHOP

LINE = re.compile(r"^  (\d+) x (.+) \(([A-Z]{2}-\d{3})\)  \$([\d,]+\.\d\d)$", re.M)


def _cents(text: str) -> int:
    return int(text.replace(",", "").replace(".", ""))


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[sqlite3.Connection, ...]]:
    folder = tmp_path_factory.mktemp("world")
    conns = []
    for spec in (SHOP, MAIL):
        path = Path(folder) / f"{spec.name}.db"
        build_database(spec, path, seed=0)
        conn = sqlite3.connect(path)
        conn.row_factory = sqlite3.Row
        conns.append(conn)
    yield tuple(conns)
    for conn in conns:
        conn.close()


@pytest.fixture(scope="module")
def shop(dbs: tuple[sqlite3.Connection, ...]) -> sqlite3.Connection:
    return dbs[0]


@pytest.fixture(scope="module")
def mail(dbs: tuple[sqlite3.Connection, ...]) -> sqlite3.Connection:
    return dbs[1]


def _order_mails(mail: sqlite3.Connection, subject_like: str) -> list[sqlite3.Row]:
    return mail.execute(
        "SELECT m.subject, m.body, m.sent_at, r.address FROM messages m "
        "JOIN recipients r ON r.message_id = m.id "
        "WHERE m.sender = 'orders@mail.test' AND m.subject LIKE ? AND m.is_draft = 0",
        (subject_like,),
    ).fetchall()


def test_the_world_is_deterministic_and_cached() -> None:
    assert build_world(0) is build_world(0)
    assert world_orders(0)[0].number == "SO-10001" and len(world_orders(0)) == 810
    assert [p.sku for p in world_catalog()] == [p.sku for p in build_world(0).products]
    assert build_world(1).orders != build_world(0).orders


def test_shop_rows_are_the_worlds_orders(shop: sqlite3.Connection) -> None:
    rows = {r["number"]: r for r in shop.execute("SELECT * FROM orders")}
    orders = world_orders(0)
    assert len(rows) == len(orders)
    for o in orders:
        row = rows[o.number]
        assert (row["customer"], row["total_cents"], row["status"]) == (
            o.customer,
            o.total_cents,
            o.status,
        )
        assert row["tracking_number"] == o.tracking_number
    events = shop.execute(
        "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id"
    ).fetchone()[0]
    assert events == sum(len(o.events) for o in orders)


def test_order_confirmations_are_real_shop_orders(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    mails = _order_mails(mail, "Order confirmation - order %")
    assert len(mails) >= 150
    for m in mails:
        number = m["subject"].rsplit(" ", 1)[1]
        order = shop.execute("SELECT * FROM orders WHERE number = ?", (number,)).fetchone()
        assert order is not None, number
        assert m["address"] == f"{order['customer']}@mail.test"
        total = re.search(r"^  Total +\$([\d,]+\.\d\d)$", m["body"], re.M)
        assert total and _cents(total.group(1)) == order["total_cents"], number
        items = shop.execute(
            "SELECT sku, name, qty, line_total_cents FROM order_items WHERE order_id = ? "
            "ORDER BY id",
            (order["id"],),
        ).fetchall()
        found = [(s, n, int(q), _cents(c)) for q, n, s, c in LINE.findall(m["body"])]
        assert found == [tuple(r) for r in items], number
        assert m["sent_at"][:10] == order["created_at"][:10]


def test_every_recent_shop_order_has_its_mail(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    now = build_world(0).now
    since = (now - timedelta(days=60)).isoformat(sep=" ")
    recent = {
        r[0]
        for r in shop.execute(
            "SELECT number FROM orders WHERE created_at >= ? AND created_at < ?",
            (since, (now - timedelta(minutes=1)).isoformat(sep=" ")),
        )
    }
    subjects = {m["subject"].rsplit(" ", 1)[1] for m in _order_mails(mail, "Order confirmation%")}
    assert recent and recent <= subjects
    # The orders@ mailbox keeps every notice it sent.
    sent = mail.execute(
        "SELECT count(*) FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "JOIN users u ON u.id = i.owner_id WHERE u.username = 'orders' AND f.kind = 'sent'"
    ).fetchone()[0]
    assert (
        sent
        == mail.execute(
            "SELECT count(*) FROM messages WHERE sender = 'orders@mail.test'"
        ).fetchone()[0]
    )


def test_shipping_notices_match_the_shops_timeline(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    shipped = _order_mails(mail, "Your order % has shipped")
    assert len(shipped) >= 100
    for m in shipped:
        number = m["subject"].split()[2]
        row = shop.execute(
            "SELECT o.tracking_number, e.created_at FROM orders o JOIN order_events e "
            "ON e.order_id = o.id AND e.status = 'shipped' WHERE o.number = ?",
            (number,),
        ).fetchone()
        assert row is not None, number
        assert f"Tracking number: {row['tracking_number']}" in m["body"]
        assert m["sent_at"] >= row["created_at"]
    for m in _order_mails(mail, "Delivered: order %"):
        number = m["subject"].rsplit(" ", 1)[1]
        status = shop.execute(
            "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id "
            "WHERE o.number = ? AND e.status = 'delivered'",
            (number,),
        ).fetchone()[0]
        assert status == 1, number


def test_support_threads_name_the_customers_own_orders(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    rows = mail.execute(
        "SELECT m.subject, m.sender FROM messages m WHERE m.subject LIKE '%order SO-%' "
        "AND m.sender NOT IN ('orders@mail.test', 'support@mail.test')"
    ).fetchall()
    assert len(rows) >= 10
    for r in rows:
        number = re.search(r"SO-\d+", r["subject"]).group(0)
        customer = shop.execute(
            "SELECT customer FROM orders WHERE number = ?", (number,)
        ).fetchone()[0]
        assert r["sender"] == f"{customer}@mail.test", number


def test_suppliers_agree(shop: sqlite3.Connection, mail: sqlite3.Connection) -> None:
    shop_suppliers = {
        r["contact_username"]: r for r in shop.execute("SELECT * FROM suppliers").fetchall()
    }
    mail_suppliers = dict(
        mail.execute("SELECT username, company FROM users WHERE role = 'supplier'").fetchall()
    )
    assert set(shop_suppliers) == set(mail_suppliers)
    for username, company in mail_suppliers.items():
        assert shop_suppliers[username]["name"] == company
    for s in world_suppliers(0):
        assert shop_suppliers[s.contact.username]["brands"] == ", ".join(s.brands)
    # Restock mail about a product goes to the contact of the company supplying its brand.
    restocks = mail.execute(
        "SELECT m.subject, r.address FROM messages m JOIN recipients r ON r.message_id = m.id "
        "WHERE m.subject LIKE 'Restock: %' AND m.sender = 'darius.young@mail.test'"
    ).fetchall()
    assert len(restocks) == len(shop_suppliers)
    for r in restocks:
        sku = re.search(r"\(([A-Z]{2}-\d{3})\)$", r["subject"]).group(1)
        contact = shop.execute(
            "SELECT s.contact_username FROM products p JOIN suppliers s ON s.id = p.supplier_id "
            "WHERE p.sku = ?",
            (sku,),
        ).fetchone()[0]
        assert r["address"] == f"{contact}@mail.test", sku


def test_purchase_orders_in_mail_are_the_shops(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    rows = mail.execute(
        "SELECT m.subject, m.body, r.address FROM messages m "
        "JOIN recipients r ON r.message_id = m.id AND r.kind = 'to' "
        "WHERE m.subject LIKE 'Purchase order PO-%' AND m.sender = 'darius.young@mail.test'"
    ).fetchall()
    assert len(rows) >= 20
    for r in rows:
        number = r["subject"].split()[2]
        po = shop.execute(
            "SELECT p.sku, p.qty, p.status, s.name, s.contact_username FROM purchase_orders p "
            "JOIN suppliers s ON s.id = p.supplier_id WHERE p.po_number = ?",
            (number,),
        ).fetchone()
        assert po is not None, number
        assert r["subject"] == f"Purchase order {number} - {po['name']}"
        assert r["address"] == f"{po['contact_username']}@mail.test"
        assert f"- {po['qty']} x " in r["body"] and f"({po['sku']})" in r["body"]
    cancelled = {p.po_number for p in world_purchase_orders(0) if p.status == "cancelled"}
    backordered = mail.execute(
        "SELECT subject FROM messages WHERE body LIKE '%backordered%' AND subject LIKE 'Re: %'"
    ).fetchall()
    assert backordered and {r[0].split()[3] for r in backordered} <= cancelled


def test_newsletter_coupons_exist_in_the_shop(
    shop: sqlite3.Connection, mail: sqlite3.Connection
) -> None:
    query = "SELECT body FROM messages WHERE sender = 'newsletter@mail.test'"
    bodies = [r[0] for r in mail.execute(query)]
    codes = {c for b in bodies for c in re.findall(r"Use code (\w+)", b)}
    assert codes
    known = {r[0] for r in shop.execute("SELECT code FROM coupons WHERE active = 1")}
    assert codes <= known
    for b in bodies:
        for sku, price in re.findall(r"\(([A-Z]{2}-\d{3})\) - \$([\d,]+\.\d\d)", b):
            row = shop.execute("SELECT price_cents FROM products WHERE sku = ?", (sku,)).fetchone()
            assert row[0] == _cents(price), sku
