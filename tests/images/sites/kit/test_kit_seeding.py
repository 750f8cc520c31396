"""Deterministic seeding, the shared people and password hashing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from guigym.images.sites.kit import (
    build_database,
    default_password,
    hash_password,
    verify_password,
    world_people,
)


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_same_seed_gives_an_identical_database_dump(tmp_path: Path) -> None:
    from kit_toy.site import SITE

    build_database(SITE, tmp_path / "a.db", seed=7)
    build_database(SITE, tmp_path / "b.db", seed=7)
    build_database(SITE, tmp_path / "c.db", seed=8)
    a, b, c = (_dump(tmp_path / f"{x}.db") for x in "abc")
    assert a == b
    assert a != c
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()


def test_world_people_is_deterministic_and_well_formed() -> None:
    people = world_people(0)
    assert people == world_people(0)
    assert people != world_people(1)
    roles = [p.role for p in people]
    assert roles.count("customer") >= 70 and roles.count("staff") >= 5
    assert roles.count("supplier") >= 8
    usernames = [p.username for p in people]
    assert len(set(usernames)) == len(usernames) and "admin" not in usernames
    for p in people:
        assert re.fullmatch(r"[a-z]+\.[a-z]+", p.username), p.username
        assert p.email == f"{p.username}@mail.test"
        assert (p.company is not None) == (p.role == "supplier")
    assert len({p.company for p in people if p.company}) == roles.count("supplier")


def test_passwords_are_hashed_and_verified() -> None:
    stored = hash_password("pass-ann.lee")
    assert "pass-ann.lee" not in stored
    assert verify_password("pass-ann.lee", stored)
    assert not verify_password("pass-ann.le", stored)
    assert not verify_password("x", "garbage") and not verify_password("x", None)
    assert hash_password("same") != hash_password("same")  # random salts at run time
    assert (
        default_password("ann.lee") == "pass-ann.lee" and default_password("admin") == "admin-pass"
    )
