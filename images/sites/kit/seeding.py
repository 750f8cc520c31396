"""Deterministic seeding: ``SeedContext`` for a site's ``seed(session, ctx)`` and the builder.

Same seed -> byte-identical database: Faker and ``random.Random`` are seeded, the clock is the
instance's frozen "now" and password salts come from the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guigym.images.sites.kit.clock import Clock, parse_now, use_clock
from guigym.images.sites.kit.passwords import deterministic_salts

if TYPE_CHECKING:  # pragma: no cover
    from faker import Faker
    from guigym.images.sites.kit.site import SiteSpec

__all__ = ["SeedContext", "make_faker", "build_database"]


def make_faker(seed: int, locale: str = "en_US") -> Faker:
    """A Faker whose output depends only on ``seed`` (imported lazily: Faker is slow to import)."""
    from faker import Faker

    faker = Faker(locale)
    faker.seed_instance(seed)
    return faker


@dataclass
class SeedContext:
    """What a site's seed function gets: the seed, a seeded Faker and RNG, and frozen "now"."""

    seed: int
    faker: Any
    rng: random.Random
    now: datetime

    @classmethod
    def create(cls, seed: int = 0, now: str | datetime | None = None) -> SeedContext:
        """A fresh context for ``seed``."""
        return cls(seed=seed, faker=make_faker(seed), rng=random.Random(seed), now=parse_now(now))


def _stable_index_order(engine: Any) -> None:
    """Recreate the indexes in name order so the schema is identical across processes.

    SQLAlchemy keeps a table's indexes in a set ordered by object identity, so ``create_all``
    creates them in a different order in each process: same data, different bytes.
    """
    with engine.begin() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).all()
        for name, _sql in rows:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        for _name, sql in sorted(rows):
            conn.exec_driver_sql(sql)


def build_database(
    spec: SiteSpec, path: str | Path, seed: int = 0, now: str | datetime | None = None
) -> None:
    """Create ``path`` with the site's tables and seeded data (the file must not exist)."""
    from guigym.images.sites.kit.db import make_engine, make_sessionmaker

    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    engine = make_engine(path)
    try:
        spec.metadata.create_all(engine)
        _stable_index_order(engine)
        ctx = SeedContext.create(seed, now)
        token = use_clock(Clock(ctx.now))
        try:
            with deterministic_salts(seed), make_sessionmaker(engine)() as session:
                spec.seed(session, ctx)
                session.commit()
        finally:
            from guigym.images.sites.kit.clock import _current

            _current.reset(token)
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")
    finally:
        engine.dispose()
