"""The wiki's seed: deterministic across processes, big enough, internally consistent, and
holding the documented facts (policies, product docs, suppliers) that tasks rely on."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from guigym.images.sites.kit import build_database
from guigym.images.sites.wiki.markup import wiki_links
from guigym.images.sites.wiki.seeding.catalog_facts import CATEGORIES, PRODUCTS
from guigym.images.sites.wiki.seeding.policies import COUPONS, SHIPPING
from guigym.images.sites.wiki.seeding.world import cast, preferred_suppliers
from guigym.images.sites.wiki.site import SITE


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wiki") / "a.db"
    build_database(SITE, path, seed=0)
    return path


@pytest.fixture(scope="module")
def db(seeded: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(seeded)
    yield conn
    conn.close()


def _one(db: sqlite3.Connection, query: str, *params: object) -> object:
    return db.execute(query, params).fetchone()[0]


def _body(db: sqlite3.Connection, key: str, title: str) -> str:
    return str(
        _one(
            db,
            "SELECT p.body FROM pages p JOIN spaces s ON s.id = p.space_id "
            "WHERE s.key = ? AND p.title = ?",
            key,
            title,
        )
    )


@pytest.mark.slow
def test_same_seed_in_another_process_gives_identical_bytes(seeded: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from guigym.images.sites.kit import build_database\n"
        "from guigym.images.sites.wiki.site import SITE\n"
        "build_database(SITE, sys.argv[1], seed=0)\n"
    )
    other = tmp_path / "b.db"
    subprocess.run([sys.executable, "-c", code, str(other)], check=True, timeout=300)
    assert other.read_bytes() == seeded.read_bytes()


def test_volumes(db: sqlite3.Connection) -> None:
    assert _one(db, "SELECT count(*) FROM pages") >= 300
    assert _one(db, "SELECT count(*) FROM revisions") > _one(db, "SELECT count(*) FROM pages")
    assert _one(db, "SELECT count(*) FROM spaces") >= 8
    assert _one(db, "SELECT count(*) FROM users") >= 100
    assert _one(db, "SELECT count(*) FROM templates") >= 4
    assert _one(db, "SELECT count(*) FROM page_links") > 500
    assert _one(db, "SELECT count(*) FROM attachments") >= 3
    # every space has its home page and several pages
    rows = db.execute(
        "SELECT s.key, s.home_page_id, count(p.id) FROM spaces s "
        "JOIN pages p ON p.space_id = s.id GROUP BY s.id"
    ).fetchall()
    assert all(home is not None and n >= 5 for _k, home, n in rows), rows


def test_pages_equal_their_newest_revision(db: sqlite3.Connection) -> None:
    bad = db.execute(
        "SELECT p.id FROM pages p JOIN revisions r ON r.page_id = p.id AND r.number = p.version "
        "WHERE r.body != p.body OR r.title != p.title"
    ).fetchall()
    assert bad == []
    assert (
        _one(
            db,
            "SELECT count(*) FROM pages p WHERE NOT EXISTS (SELECT 1 FROM revisions r "
            "WHERE r.page_id = p.id AND r.number = p.version)",
        )
        == 0
    )


def test_every_wiki_link_in_the_seed_resolves(db: sqlite3.Connection) -> None:
    titles = set(
        db.execute("SELECT s.key, p.title FROM pages p JOIN spaces s ON s.id = p.space_id")
    )
    missing = []
    for key, title, body in db.execute(
        "SELECT s.key, p.title, p.body FROM pages p JOIN spaces s ON s.id = p.space_id"
    ):
        missing += [(key, title, t) for t in wiki_links(body, key) if t not in titles]
    assert missing == []


def test_permissions_restrict_hr_to_staff(db: sqlite3.Connection) -> None:
    public = {k for (k,) in db.execute("SELECT key FROM spaces WHERE is_public = 1")}
    assert {"ONB", "PROD", "HELP"} <= public and "HR" not in public and "CS" not in public
    hr_groups = {
        name
        for (name,) in db.execute(
            "SELECT g.name FROM space_permissions sp JOIN groups g ON g.id = sp.group_id "
            "JOIN spaces s ON s.id = sp.space_id WHERE s.key = 'HR'"
        )
    }
    assert hr_groups == {"staff", "hr"}


def test_policy_facts(db: sqlite3.Connection) -> None:
    c = cast()
    refund = _body(db, "CS", "Refund Policy")
    assert "over $500.00" in refund and "30 days of delivery" in refund
    assert c.manager.username in refund
    reorder = _body(db, "PUR", "Supplier Reorder Rules")
    assert "Reorder quantity = 2 × reorder level" in reorder
    escalation = _body(db, "CS", "Escalation Matrix")
    assert all(p.username in escalation for p in c.staff)
    coupons = _body(db, "MKT", "Coupon Policy")
    assert all(f"`{code}`" in coupons for code, *_ in COUPONS)
    shipping = _body(db, "OPS", "Shipping Rules")
    assert "$5.99" in shipping and "$50.00 or more" in shipping
    # the refund policy has history: the limit used to be $300
    old = _one(
        db,
        "SELECT r.body FROM revisions r JOIN pages p ON p.id = r.page_id "
        "WHERE p.title = 'Refund Policy' AND r.number = 1",
    )
    assert "$300.00" in str(old)


def test_product_docs_cover_every_sku(db: sqlite3.Connection) -> None:
    bodies = "\n".join(
        b
        for (b,) in db.execute(
            "SELECT p.body FROM pages p JOIN spaces s ON s.id = p.space_id WHERE s.key = 'PROD'"
        )
    )
    assert all(f"`{sku}`" in bodies for sku, *_ in PRODUCTS)
    kb = _body(db, "PROD", "Keychron Q1 Pro QMK Custom Keyboard")
    assert "`KB-104`" in kb and "$198.99" in kb


def test_catalog_facts_match_the_shop_catalogue() -> None:
    """The wiki copies the shop's catalogue; this fails when the shop's changes."""
    from guigym.images.sites.shop.catalog import expand_catalog
    from guigym.images.sites.shop.catalog_data import CATEGORIES as SHOP_CATEGORIES

    shop = [(d.sku, d.name, d.category, d.brand, d.price_cents, d.specs) for d in expand_catalog()]
    assert list(PRODUCTS) == shop
    assert CATEGORIES == SHOP_CATEGORIES


@pytest.mark.slow
def test_suppliers_coupons_and_shipping_match_a_shop_instance() -> None:
    from guigym.images.sites.instance import start_site

    with start_site("shop", seed=0) as shop:
        rows = shop.sql("SELECT name, contact_username, lead_time_days, brands FROM suppliers")
        coupons = {r["code"]: r for r in shop.sql("SELECT * FROM coupons")}
        methods = {r["code"]: r for r in shop.sql("SELECT * FROM shipping_methods")}
    expected = {
        (b, r["contact_username"], r["lead_time_days"])
        for r in rows
        for b in r["brands"].split(", ")
    }
    assert {(b, p.username, lead) for b, p, lead in preferred_suppliers(0)} == expected
    assert set(coupons) == {code for code, *_ in COUPONS}
    for code, _what, minimum, category, note in COUPONS:
        assert coupons[code]["min_subtotal_cents"] == minimum * 100, code
        assert (coupons[code]["category"] or "") == category, code
        assert bool(coupons[code]["active"]) == ("inactive" not in note), code
    for code, _name, price, free, _days in SHIPPING:
        assert methods[code]["price_cents"] == round(float(price) * 100)
        assert methods[code]["free_over_cents"] == (free * 100 if free else None)
