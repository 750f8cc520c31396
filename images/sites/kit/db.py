"""SQLAlchemy on one SQLite file per instance: engine, sessions and the ``DbSession`` dependency.

The engine uses NullPool: no connection stays open between requests, so the control API can
restore the file with SQLite's backup API at any time without fighting a pooled connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import NullPool

__all__ = ["Base", "DbSession", "get_session", "make_engine", "make_sessionmaker"]


class Base(DeclarativeBase):
    """Declarative base for ONE site's models (a site may define its own and pass its metadata)."""


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=OFF")  # a throwaway test database: speed over durability
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(db_path: str | Path) -> Engine:
    """An engine on the SQLite file ``db_path`` (NullPool, foreign keys on)."""
    engine = create_engine(
        f"sqlite:///{Path(db_path)}",
        poolclass=NullPool,
        connect_args={"check_same_thread": False, "timeout": 5},
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Session factory used by requests and seeding (objects stay readable after commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one session per request; routes call ``session.commit()`` themselves."""
    session = request.app.state.sessionmaker()
    try:
        yield session
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


#: ``def page(db: DbSession): ...``
DbSession = Annotated[Session, Depends(get_session)]
