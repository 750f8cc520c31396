"""The forum's seed: deterministic across processes, big enough, consistent, and holding the
documented facts that tasks rely on."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from guigym.images.sites.forum.seed_products import PRODUCTS, PROJECTS
from guigym.images.sites.forum.site import SITE
from guigym.images.sites.kit import build_database, world_people


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forum") / "a.db"
    build_database(SITE, path, seed=0)
    return path


@pytest.fixture(scope="module")
def db(seeded: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(seeded)
    yield conn
    conn.close()


def _one(db: sqlite3.Connection, query: str, *params: object) -> object:
    return db.execute(query, params).fetchone()[0]


def test_same_seed_in_another_process_gives_identical_bytes(seeded: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from guigym.images.sites.kit import build_database\n"
        "from guigym.images.sites.forum.site import SITE\n"
        "build_database(SITE, sys.argv[1], seed=int(sys.argv[2]))\n"
    )
    again = tmp_path / "b.db"
    subprocess.run([sys.executable, "-c", code, str(again), "0"], check=True, timeout=300)
    assert again.read_bytes() == seeded.read_bytes()


def test_volume_minimums(db: sqlite3.Connection) -> None:
    assert _one(db, "SELECT count(*) FROM communities") >= 20
    posts, comments = (
        _one(db, "SELECT count(*) FROM posts"),
        _one(db, "SELECT count(*) FROM comments"),
    )
    assert posts >= 400 and comments >= 1000 and posts + comments >= 1500
    assert _one(db, "SELECT count(*) FROM post_votes") >= 3000
    assert _one(db, "SELECT count(*) FROM comment_votes") >= 3000
    assert _one(db, "SELECT count(*) FROM images") >= 20
    assert _one(db, "SELECT count(DISTINCT kind) FROM posts") == 3
    assert _one(db, "SELECT count(*) FROM subscriptions") >= 500
    assert _one(db, "SELECT min(n) FROM (SELECT count(*) n FROM rules GROUP BY community_id)") >= 2
    assert _one(db, "SELECT count(DISTINCT community_id) FROM moderators") == _one(
        db, "SELECT count(*) FROM communities"
    )
    assert _one(db, "SELECT max(depth) FROM comments") >= 3  # threads really nest
    assert _one(db, "SELECT count(*) FROM mod_log") >= 10
    # every community has posts spread over months before the frozen now
    assert _one(db, "SELECT min(n) FROM (SELECT count(*) n FROM posts GROUP BY community_id)") >= 5
    assert _one(db, "SELECT max(created_at) FROM posts") < "2026-05-15 10:00:00"
    assert _one(db, "SELECT count(DISTINCT strftime('%Y-%m', created_at)) FROM posts") >= 5


def test_scores_counts_and_karma_are_derived_from_votes(db: sqlite3.Connection) -> None:
    bad = _one(
        db,
        "SELECT count(*) FROM posts p WHERE p.score != p.upvotes - p.downvotes OR p.score != "
        "(SELECT coalesce(sum(value), 0) FROM post_votes v WHERE v.post_id = p.id)",
    )
    assert bad == 0
    bad = _one(
        db,
        "SELECT count(*) FROM comments c WHERE c.score != "
        "(SELECT coalesce(sum(value), 0) FROM comment_votes v WHERE v.comment_id = c.id)",
    )
    assert bad == 0
    bad = _one(
        db,
        "SELECT count(*) FROM posts p WHERE p.comment_count != (SELECT count(*) FROM comments c "
        "WHERE c.post_id = p.id AND NOT c.is_removed AND NOT c.is_deleted)",
    )
    assert bad == 0
    assert _one(db, "SELECT count(*) FROM post_votes WHERE value NOT IN (1, -1)") == 0
    # nobody votes on their own seeded content; replies sit in the same post as their parent
    assert (
        _one(
            db,
            "SELECT count(*) FROM post_votes v JOIN posts p ON p.id = v.post_id "
            "WHERE v.user_id = p.author_id",
        )
        == 0
    )
    assert (
        _one(
            db,
            "SELECT count(*) FROM comments c JOIN comments p ON p.id = c.parent_id "
            "WHERE c.post_id != p.post_id OR c.depth != p.depth + 1 OR c.created_at < p.created_at",
        )
        == 0
    )


def test_identities_are_the_world_people_with_a_forum_admin(db: sqlite3.Connection) -> None:
    names = {r[0] for r in db.execute("SELECT username FROM users")}
    assert names == {p.username for p in world_people(0)} | {"admin"}
    assert _one(db, "SELECT is_admin FROM users WHERE username = 'admin'") == 1
    assert _one(db, "SELECT count(*) FROM users WHERE is_admin") == 1
    assert _one(db, "SELECT role FROM users WHERE username = 'amber.holden'") == "staff"


def test_documented_facts(db: sqlite3.Connection) -> None:
    def post(title_like: str) -> tuple:
        row = db.execute(
            "SELECT p.id, c.name, u.username, p.is_pinned, p.is_locked, p.is_removed, p.kind "
            "FROM posts p JOIN communities c ON c.id = p.community_id "
            "JOIN users u ON u.id = p.author_id WHERE p.title LIKE ?",
            [title_like],
        ).fetchall()
        assert len(row) == 1, title_like
        return row[0]

    assert post("Welcome to Threadline%")[1:4] == ("announcements", "admin", 1)
    assert post("Anker 735 Charger (AC-101) gets very hot%")[1:3] == (
        "northwind",
        "jennifer.mcdaniel",
    )
    assert post("Shipping delays in April?")[4] == 1  # locked
    assert post("Cheap chargers%")[5] == 1  # removed
    assert post("Eagle Ridge Trail at sunrise%")[6] == "image"
    assert post("checkout: SAVE20 applied twice%")[1] == "northwind_dev"
    mods = {
        r[0]
        for r in db.execute(
            "SELECT u.username FROM moderators m JOIN users u ON u.id = m.user_id "
            "JOIN communities c ON c.id = m.community_id WHERE c.name = 'northwind'"
        )
    }
    assert mods == {"amber.holden", "nicholas.robinson", "christina.ponce"}
    bans = db.execute(
        "SELECT c.name, u.username, b.expires_at IS NULL FROM bans b JOIN users u "
        "ON u.id = b.user_id JOIN communities c ON c.id = b.community_id ORDER BY c.name"
    ).fetchall()
    assert ("northwind", "frank.wilson", 1) in bans and len(bans) == 3
    assert _one(db, "SELECT restricted FROM communities WHERE name = 'announcements'") == 1


def test_content_crosses_sites(db: sqlite3.Connection) -> None:
    titles = " ".join(
        r[0]
        for r in db.execute(
            "SELECT p.title || ' ' || p.body FROM posts p "
            "JOIN communities c ON c.id = p.community_id "
            "WHERE c.name IN ('northwind', 'northwind_deals')"
        )
    )
    skus = {sku for sku, _, _ in PRODUCTS if sku in titles}
    assert len(skus) >= 15  # products discussed by their shop names and SKUs
    dev = " ".join(
        r[0]
        for r in db.execute(
            "SELECT p.title FROM posts p JOIN communities c ON c.id = p.community_id "
            "WHERE c.name = 'northwind_dev'"
        )
    )
    assert sum(project in dev for project in PROJECTS) >= 6
    authors = {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT u.role FROM posts p JOIN users u ON u.id = p.author_id "
            "JOIN communities c ON c.id = p.community_id WHERE c.name = 'northwind_dev'"
        )
    }
    assert authors == {"staff"}


def test_products_and_coupons_are_the_shops() -> None:
    from datetime import datetime

    from guigym.images.sites.forum.seed_products import COUPONS
    from guigym.images.sites.kit.world import coupon_definitions, world_catalog

    catalog = {p.sku: p.name for p in world_catalog()}
    assert all(catalog[sku] == name for sku, name, _ in PRODUCTS)
    codes = {c["code"] for c in coupon_definitions(datetime(2026, 5, 15, 10))}
    assert set(COUPONS) <= codes
