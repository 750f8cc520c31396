"""Pagination of any SELECT: ``paginate(session, stmt, page) -> Page``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

__all__ = ["Page", "paginate"]


@dataclass(frozen=True)
class Page:
    """One page of results (``page`` is 1-based and clamped to ``1..pages``)."""

    items: list[Any]
    page: int
    pages: int
    total: int
    per_page: int = 20

    @property
    def has_prev(self) -> bool:
        """True if there is a previous page."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True if there is a next page."""
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        """1-based index of the first item on this page (0 when empty)."""
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        """1-based index of the last item on this page."""
        return min(self.page * self.per_page, self.total)

    def window(self, size: int = 2) -> list[int | None]:
        """Page numbers to show, with None for gaps: [1, None, 4, 5, 6, None, 20]."""
        shown = {1, self.pages, *range(self.page - size, self.page + size + 1)}
        out: list[int | None] = []
        prev = 0
        for n in sorted(p for p in shown if 1 <= p <= self.pages):
            if n - prev > 1:
                out.append(None)
            out.append(n)
            prev = n
        return out


def paginate(
    session: Session, stmt: Select[Any], page: int | str | None, per_page: int = 20
) -> Page:
    """Run ``stmt`` for one page; a bad or out-of-range ``page`` is clamped, never an error."""
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        number = 1
    per_page = max(1, int(per_page))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    number = min(max(1, number), pages)
    result = session.execute(stmt.limit(per_page).offset((number - 1) * per_page))
    columns = len(stmt.column_descriptions)
    items = list(result.scalars().all()) if columns == 1 else [tuple(r) for r in result.all()]
    return Page(items=items, page=number, pages=pages, total=total, per_page=per_page)
