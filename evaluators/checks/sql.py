"""``sql``: read the site's real database and compare with ``expect``/``rows``/``count``/``range``.

``expect`` compares the first column of the first row (numbers by value: 20 == "20" == 20.0);
``rows`` compares all rows (as a multiset unless ``ordered: true``; a row may be a list, a
mapping of some columns, or a scalar for one-column results); ``count`` the number of rows;
``range`` bounds the first value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks._values import same_value, short, to_number
from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult


def _where(body: Mapping[str, Any]) -> str:
    query = " ".join(str(body["query"]).split())
    params = body.get("params")
    text = f"{body['site']}: {query}"
    if params:
        if isinstance(params, Mapping):
            text += " with " + ", ".join(f"{k}={v!r}" for k, v in params.items())
        else:
            text += f" with {list(params)!r}"
    return text if len(text) <= 200 else text[:197] + "..."


def _row_matches(expected: Any, row: Mapping[str, Any]) -> bool:
    values = list(row.values())
    if isinstance(expected, Mapping):
        return all(k in row and same_value(v, row[k]) for k, v in expected.items())
    if isinstance(expected, list | tuple):
        return len(expected) == len(values) and all(
            same_value(e, a) for e, a in zip(expected, values, strict=True)
        )
    return len(values) == 1 and same_value(expected, values[0])


def _rows_equal(expected: list[Any], rows: list[Mapping[str, Any]], ordered: bool) -> bool:
    if len(expected) != len(rows):
        return False
    if ordered:
        return all(_row_matches(e, r) for e, r in zip(expected, rows, strict=True))
    remaining = list(rows)
    for exp in expected:
        for i, row in enumerate(remaining):
            if _row_matches(exp, row):
                del remaining[i]
                break
        else:
            return False
    return True


@register("sql")
def check_sql(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Query the site and compare."""
    rows = ctx.sql(body["site"], body["query"], body.get("params"))
    where = _where(body)
    if "count" in body:
        want = int(to_number(body["count"]))
        if len(rows) == want:
            return CheckResult.ok(f"{want} row(s) as expected ({where})")
        return CheckResult.no(f"expected {want} row(s), found {len(rows)} ({where})")
    if "rows" in body:
        if not isinstance(body["rows"], list | tuple):
            raise ValueError(f"rows needs a list after rendering, got {body['rows']!r}")
        if _rows_equal(list(body["rows"]), rows, bool(body.get("ordered", False))):
            return CheckResult.ok(f"rows match ({where})")
        found = [list(r.values()) for r in rows[:5]]
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        return CheckResult.no(
            f"expected rows {short(body['rows'])}, found {short(found)}{more} ({where})"
        )
    if not rows:
        want = body.get("expect", body.get("range"))
        return CheckResult.no(f"expected {short(want)}, but the query returned no rows ({where})")
    column, value = next(iter(rows[0].items()))
    if "expect" in body:
        if same_value(body["expect"], value):
            return CheckResult.ok(f"{column} = {value!r} as expected ({where})")
        return CheckResult.no(f"expected {column} {body['expect']!r}, found {value!r} ({where})")
    bounds = body["range"]
    number = to_number(value)
    if number is None:
        return CheckResult.no(
            f"expected {column} to be a number in range, found {value!r} ({where})"
        )
    lo, hi = bounds.get("min"), bounds.get("max")
    if (lo is None or number >= to_number(lo)) and (hi is None or number <= to_number(hi)):
        return CheckResult.ok(f"{column} = {value!r} within [{lo}, {hi}] ({where})")
    return CheckResult.no(f"expected {column} within [{lo}, {hi}], found {value!r} ({where})")
