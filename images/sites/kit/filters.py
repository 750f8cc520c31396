"""Jinja filters every site may use: dates relative to the frozen clock, money, plural, and
``safe_url`` (the kit's link scheme allowlist, ``markup.py``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import jinja2
from guigym.images.sites.kit.clock import now
from guigym.images.sites.kit.markup import safe_url

__all__ = ["install_filters", "format_date", "format_datetime", "format_money", "timeago"]


def format_date(value: date | datetime | None, fmt: str = "%b %d, %Y") -> str:
    """``May 15, 2026``."""
    return "" if value is None else value.strftime(fmt).replace(" 0", " ")


def format_datetime(value: datetime | None, fmt: str = "%b %d, %Y %H:%M") -> str:
    """``May 15, 2026 10:00``."""
    return "" if value is None else value.strftime(fmt).replace(" 0", " ", 1)


def format_money(value: Any, currency: str = "$") -> str:
    """``$1,234.50`` (negative as ``-$3.00``); accepts cents-free floats, Decimals and ints."""
    if value is None:
        return ""
    amount = float(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency}{abs(amount):,.2f}"


def timeago(value: datetime | None) -> str:
    """``3 hours ago`` relative to the site's frozen "now" (dates older than a week in full)."""
    if value is None:
        return ""
    seconds = (now() - value).total_seconds()
    if seconds < 0:
        return format_datetime(value)
    for limit, div, unit in ((60, 1, None), (3600, 60, "minute"), (86400, 3600, "hour")):
        if seconds < limit:
            if unit is None:
                return "just now"
            n = int(seconds // div)
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    days = int(seconds // 86400)
    if days < 7:
        return "yesterday" if days == 1 else f"{days} days ago"
    return format_date(value)


def _pluralize(count: int, singular: str = "", plural: str = "s") -> str:
    return singular if count == 1 else plural


def install_filters(env: jinja2.Environment) -> None:
    """Register the kit's filters on a Jinja environment."""
    env.filters.update(
        date=format_date,
        datetime=format_datetime,
        money=format_money,
        timeago=timeago,
        pluralize=_pluralize,
        safe_url=safe_url,
    )
