"""``file``: a file in the desktop home — exists, its text, or spreadsheet cells and tables.

Shapes (``path`` is inside the desktop home, ``~/`` optional)::

    file: {path: ~/notes.txt}                              # exists (or exists: false)
    file: {path: ~/notes.txt, equals: "...", normalize: [space]}
    file: {path: ~/report.docx, contains: "Total: 42"}      # or a list: every item
    file: {path: ~/log.txt, regex: "^done$"}
    file: {path: ~/r.xlsx, cell: {ref: B5, equals: 42, sheet: Sheet1, formula: "=SUM(B2:B4)"}}
    file: {path: ~/r.ods, table: {rows: [[Item, Qty], [Pens, 3]], range: A1:B2, sheet: 0}}

Text comes from txt/csv (UTF-8), docx (python-docx), odt/ods (odfpy), xlsx (openpyxl); cells
from csv, xlsx and ods. Numbers compare by value (``42`` == ``"42.0"``). A missing file is a
fail; a path outside the home, a bad shape or an unreadable file is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks._documents import Cell, cell_ref, document_text, read_sheet
from guigym.evaluators.checks._values import normalize, same_value, short
from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

from guigym.errors import ActionError, CheckError

__all__ = ["check_file", "read_home_file"]

_KEYS = {"path", "exists", "equals", "contains", "regex", "normalize", "cell", "table"}


def read_home_file(ctx: CheckContext, path: str) -> bytes | None:
    """The file's bytes from the desktop home, None when it does not exist."""
    desktop = ctx.desktop
    if desktop is None:
        raise CheckError("file checks need the desktop: this episode has none (env: web?)")
    memo_key = ("file", path)
    if memo_key in ctx._memo:
        return ctx._memo[memo_key]
    try:
        data = desktop.read_file(path)
    except ActionError as exc:
        if "no such file" not in str(exc):
            raise CheckError(str(exc)) from None
        data = None
    ctx._memo[memo_key] = data
    return data


def _exists(ctx: CheckContext, path: str) -> bool:
    desktop = ctx.desktop
    if desktop is None:
        raise CheckError("file checks need the desktop: this episode has none (env: web?)")
    try:
        return bool(desktop.exists(path))
    except ActionError as exc:
        raise CheckError(str(exc)) from None


@register("file")
def check_file(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Compare a file in the desktop home with what the task expects."""
    if not isinstance(body, Mapping) or not isinstance(body.get("path"), str):
        raise CheckError(f"a file check needs a mapping with 'path', got {body!r}")
    unknown = set(body) - _KEYS
    if unknown:
        raise CheckError(
            f"unknown field(s) {sorted(unknown)} in file check (allowed: {sorted(_KEYS)})"
        )
    path = body["path"]
    want_exists = bool(body.get("exists", True))
    if not any(k in body for k in ("equals", "contains", "regex", "cell", "table")):
        found = _exists(ctx, path)  # folders too
        if found == want_exists:
            return CheckResult.ok(f"{path} {'exists' if found else 'does not exist'}, as expected")
        return CheckResult.no(f"{path} {'exists but should not' if found else 'does not exist'}")
    data = read_home_file(ctx, path)
    if data is None:
        if not want_exists:
            return CheckResult.ok(f"{path} does not exist, as expected")
        return CheckResult.no(f"{path} does not exist")
    if not want_exists:
        return CheckResult.no(f"{path} exists but should not")
    how = tuple(body.get("normalize", ()))
    if "cell" in body:
        return _cell(path, data, body["cell"])
    if "table" in body:
        return _table(path, data, body["table"])
    text = document_text(path, data)
    shown = normalize(text, how) if how else text
    if "equals" in body:
        want = str(body["equals"])
        # a trailing newline is how editors end files; it never changes what a person sees
        if (normalize(want, how) if how else want).rstrip("\n") == shown.rstrip("\n"):
            return CheckResult.ok(f"{path} has the expected text")
        return CheckResult.no(f"{path}: expected text {short(want)}, found {short(text)}")
    if "contains" in body:
        wants = body["contains"] if isinstance(body["contains"], list) else [body["contains"]]
        missing = [w for w in wants if (normalize(str(w), how) if how else str(w)) not in shown]
        if not missing:
            return CheckResult.ok(f"{path} contains {short(wants)}")
        return CheckResult.no(
            f"{path} does not contain {short(missing)} (its text starts {short(text, 80)})",
            score=1 - len(missing) / len(wants),
        )
    flags = re.IGNORECASE if "case" in how else 0
    if re.search(str(body["regex"]), shown, flags | re.MULTILINE):
        return CheckResult.ok(f"{path} matches /{body['regex']}/")
    return CheckResult.no(f"{path} does not match /{body['regex']}/ (text {short(text, 80)})")


def _sheet_arg(spec: Mapping[str, Any]) -> str | int | None:
    sheet = spec.get("sheet")
    return sheet if sheet is None or isinstance(sheet, int) else str(sheet)


def _at(rows: list[list[Cell]], r: int, c: int) -> Cell:
    if r < len(rows) and c < len(rows[r]):
        return rows[r][c]
    return Cell(None)


def _formula_equal(want: str, got: str) -> bool:
    canon = lambda f: re.sub(r"\s+", "", f).upper().replace(";", ",").lstrip("=")  # noqa: E731
    return canon(want) == canon(got)


def _cell(path: str, data: bytes, spec: Any) -> CheckResult:
    if not isinstance(spec, Mapping) or "ref" not in spec:
        raise CheckError(
            f"cell needs {{ref: B3, equals?: value, formula?: ..., sheet?}}, got {spec!r}"
        )
    try:
        rows = read_sheet(path, data, _sheet_arg(spec))
    except LookupError as exc:
        return CheckResult.no(f"{path}: {exc}")
    r, c = cell_ref(spec["ref"])
    cell = _at(rows, r, c)
    where = f"{path} {spec['ref']}"
    if "formula" in spec:
        want = spec["formula"]
        if want is True:
            if not cell.formula:
                return CheckResult.no(f"{where} holds {cell.value!r}, not a formula")
        elif not _formula_equal(str(want), cell.formula):
            return CheckResult.no(
                f"{where}: expected formula {want!r}, found {cell.formula or cell.value!r}"
            )
    if "equals" in spec:
        tol = float(spec.get("tol", 1e-6))
        if not same_value(spec["equals"], cell.value, tol=tol):
            return CheckResult.no(f"{where}: expected {spec['equals']!r}, found {cell.value!r}")
    return CheckResult.ok(
        f"{where} = {cell.value!r}" + (f" ({cell.formula})" if cell.formula else "")
    )


def _range(spec: Mapping[str, Any], rows: list[list[Cell]]) -> tuple[int, int, int, int]:
    text = spec.get("range")
    if text is None:
        width = max((len(r) for r in rows), default=0)
        return 0, 0, len(rows) - 1, width - 1
    first, _, last = str(text).partition(":")
    r0, c0 = cell_ref(first)
    r1, c1 = cell_ref(last or first)
    return r0, c0, r1, c1


def _table(path: str, data: bytes, spec: Any) -> CheckResult:
    if not isinstance(spec, Mapping) or not isinstance(spec.get("rows"), list):
        raise CheckError(f"table needs {{rows: [[...], ...], range?: A1:C4, sheet?}}, got {spec!r}")
    try:
        rows = read_sheet(path, data, _sheet_arg(spec))
    except LookupError as exc:
        return CheckResult.no(f"{path}: {exc}")
    want = [list(r) if isinstance(r, list | tuple) else [r] for r in spec["rows"]]
    r0, c0, r1, c1 = _range(spec, rows)
    if "range" not in spec:
        r1 = max(r1, r0 + len(want) - 1)
        c1 = max(c1, c0 + max((len(r) for r in want), default=1) - 1)
    got = [[_at(rows, r, c).value for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]
    width = c1 - c0 + 1
    padded = [w + [None] * (width - len(w)) for w in want]
    padded += [[None] * width] * (len(got) - len(padded))
    bad = []
    for i, (w_row, g_row) in enumerate(zip(padded, got, strict=False)):
        for j, (w, g) in enumerate(zip(w_row, g_row, strict=False)):
            if (w in (None, "") and g in (None, "")) or same_value(w, g, tol=1e-6):
                continue
            bad.append(f"row {r0 + i + 1} col {c0 + j + 1}: expected {w!r}, found {g!r}")
    if len(padded) > len(got):
        bad.append(f"expected {len(want)} rows, found {len(got)}")
    if not bad:
        return CheckResult.ok(f"{path}: the table matches ({len(want)} rows)")
    more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
    return CheckResult.no(f"{path}: " + "; ".join(bad[:3]) + more)
