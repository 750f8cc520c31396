"""The frozen clock: every page, order and mail reads "now" from here, so runs are reproducible.

"now" is a naive UTC datetime (SQLite stores naive datetimes; mixing aware and naive values
breaks comparisons). It does not advance by itself: the harness sets it per task through
``POST /_env/clock``. Sites break ties between equal timestamps by id.
"""

from __future__ import annotations

import contextvars
import threading
from datetime import UTC, datetime

__all__ = ["DEFAULT_NOW", "Clock", "now", "parse_now", "use_clock"]

#: The default frozen "now" of every site instance: 2026-05-15 10:00:00 UTC.
DEFAULT_NOW = datetime(2026, 5, 15, 10, 0, 0)


def parse_now(value: str | datetime | None) -> datetime:
    """Parse an ISO string (or datetime) into a naive UTC datetime; None gives DEFAULT_NOW."""
    if value is None:
        return DEFAULT_NOW
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(
                f"expected an ISO date-time like 2026-05-15T10:00:00, got {value!r}"
            ) from exc
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


class Clock:
    """A settable, frozen "now" (one per site instance)."""

    def __init__(self, start: str | datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._now = parse_now(start)

    def now(self) -> datetime:
        """The frozen current time (naive UTC)."""
        with self._lock:
            return self._now

    def set(self, value: str | datetime) -> datetime:
        """Move the clock to ``value`` and return the new time."""
        parsed = parse_now(value)
        with self._lock:
            self._now = parsed
        return parsed


_DEFAULT = Clock()
_current: contextvars.ContextVar[Clock] = contextvars.ContextVar("guigym_clock", default=_DEFAULT)


def use_clock(clock: Clock) -> contextvars.Token[Clock]:
    """Make ``clock`` the one :func:`now` reads in this context (the app does it per request)."""
    return _current.set(clock)


def now() -> datetime:
    """The site's frozen "now" (naive UTC) for the current request or seeding run."""
    return _current.get().now()
