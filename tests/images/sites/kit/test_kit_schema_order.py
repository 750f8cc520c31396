"""Seeded databases are byte-identical across processes, whatever order create_all picks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

_TOY = """
from datetime import datetime
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from guigym.images.sites.kit import SiteSpec, UserMixin, hash_password


class Base(DeclarativeBase):
    pass


class User(UserMixin, Base):
    __tablename__ = "users"
    city: Mapped[str] = mapped_column(String(40), index=True)
    zip: Mapped[str] = mapped_column(String(10), index=True)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_owner_kind", "owner_id", "kind"),
        Index("ix_items_kind_created", "kind", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    title: Mapped[str] = mapped_column(String(80), index=True)
    score: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)


def seed(session, ctx):
    for i in range(30):
        session.add(User(username=f"u{i}", email=f"u{i}@mail.test", display_name=f"U {i}",
                         password_hash=hash_password("x"), city=ctx.faker.city(),
                         zip=ctx.faker.postcode()))
    session.flush()
    for i in range(200):
        session.add(Item(owner_id=ctx.rng.randint(1, 30), kind=ctx.rng.choice("abc"),
                         title=ctx.faker.sentence(), score=ctx.rng.randint(0, 99),
                         created_at=ctx.now))


SITE = SiteSpec(name="indexed", title="Indexed", package="toy_indexed",
                metadata=Base.metadata, user_model=User, seed=seed)
"""

_BUILD = (
    "import sys\n"
    "from guigym.images.sites.kit import build_database\n"
    "from toy_indexed import SITE\n"
    "build_database(SITE, sys.argv[1], seed=3)\n"
)


def _build(folder: Path, out: Path, hash_seed: str) -> None:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])
    )
    env["PYTHONHASHSEED"] = hash_seed
    subprocess.run([sys.executable, "-c", _BUILD, str(out)], check=True, env=env, timeout=120)


def test_same_seed_in_two_processes_gives_identical_bytes(tmp_path: Path) -> None:
    (tmp_path / "toy_indexed.py").write_text(_TOY)
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _build(tmp_path, a, "1")
    _build(tmp_path, b, "2")
    with sqlite3.connect(a) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "ORDER BY rowid"
            )
        ]
    assert len(names) >= 8
    assert names == sorted(names)  # created in name order, so every process agrees
    assert a.read_bytes() == b.read_bytes()
