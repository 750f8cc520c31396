"""Read documents the desktop apps write: text of txt/docx/odt, cells of csv/xlsx/ods.

Why one module: the ``file`` check compares what a person sees in a document, whatever the
format LibreOffice or the editor saved it in. Spreadsheet cells come back as :class:`Cell`
(value as shown/computed, and the formula if any); xlsx values are the cached results LibreOffice
stores on save (openpyxl ``data_only``), ods values are ``office:value`` attributes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

__all__ = ["Cell", "document_text", "read_sheet", "cell_ref", "SHEET_EXTS", "TEXT_DOC_EXTS"]

SHEET_EXTS = (".csv", ".xlsx", ".ods")
TEXT_DOC_EXTS = (".docx", ".odt")


@dataclass(frozen=True)
class Cell:
    """One spreadsheet cell: its value (number, text, bool or None) and formula ("" if none)."""

    value: Any
    formula: str = ""


def _ext(path: str) -> str:
    dot = path.rfind(".")
    return path[dot:].lower() if dot >= 0 else ""


def document_text(path: str, data: bytes) -> str:
    """The text of a document: paragraphs (and table cells) one per line; else UTF-8 text."""
    ext = _ext(path)
    if ext == ".docx":
        import docx

        doc = docx.Document(io.BytesIO(data))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append("\t".join(c.text for c in row.cells))
        return "\n".join(lines)
    if ext in (".odt", ".ods", ".odp"):
        from odf import teletype, text
        from odf.opendocument import load

        doc = load(io.BytesIO(data))
        elems = doc.getElementsByType(text.P) + doc.getElementsByType(text.H)
        return "\n".join(teletype.extractText(e) for e in elems)
    if ext == ".xlsx":
        rows = read_sheet(path, data)
        return "\n".join(
            "\t".join("" if c.value is None else str(c.value) for c in r) for r in rows
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError(
            f"{path}: a binary document; text checks read txt, csv, docx, odt, ods, xlsx"
        )
    return data.decode("utf-8-sig", errors="replace")


def read_sheet(path: str, data: bytes, sheet: str | int | None = None) -> list[list[Cell]]:
    """All rows of one sheet (default: the first), trailing empty rows/cells trimmed."""
    ext = _ext(path)
    if ext == ".csv":
        text = data.decode("utf-8-sig", errors="replace")
        rows = [[Cell(_csv_value(v)) for v in row] for row in csv.reader(io.StringIO(text))]
    elif ext == ".xlsx":
        rows = _xlsx(data, sheet)
    elif ext == ".ods":
        rows = _ods(data, sheet)
    else:
        raise ValueError(f"{path}: cells can be read from {', '.join(SHEET_EXTS)} files")
    return _trim(rows)


def _csv_value(text: str) -> Any:
    return text if text != "" else None


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    out = []
    for row in rows:
        while row and row[-1].value is None and not row[-1].formula:
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def _pick(names: list[str], sheet: str | int | None) -> int:
    if sheet is None:
        return 0
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise ValueError(f"sheet index {sheet} out of range (sheets: {names})")
        return sheet
    if sheet not in names:
        raise LookupError(f"no sheet {sheet!r} (sheets: {', '.join(names)})")
    return names.index(sheet)


def _xlsx(data: bytes, sheet: str | int | None) -> list[list[Cell]]:
    import openpyxl

    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    idx = _pick(values.sheetnames, sheet)
    v_rows = list(values.worksheets[idx].iter_rows(values_only=True))
    f_rows = list(formulas.worksheets[idx].iter_rows(values_only=True))
    out = []
    for r, row in enumerate(v_rows):
        cells = []
        for c, value in enumerate(row):
            raw = f_rows[r][c] if r < len(f_rows) and c < len(f_rows[r]) else None
            formula = raw if isinstance(raw, str) and raw.startswith("=") else ""
            cells.append(Cell(value, formula))
        out.append(cells)
    return out


_MAX_REPEAT = 1000


def _ods(data: bytes, sheet: str | int | None) -> list[list[Cell]]:
    from odf import table, teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    sheets = doc.spreadsheet.getElementsByType(table.Table)
    idx = _pick([s.getAttribute("name") for s in sheets], sheet)
    out: list[list[Cell]] = []
    for row in sheets[idx].getElementsByType(table.TableRow):
        cells: list[Cell] = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1) or 1)
            kind = cell.attributes.get((OFFICENS, "value-type"))
            formula = cell.attributes.get((TABLENS, "formula")) or ""
            if formula.startswith("of:"):
                formula = formula[3:]
            value: Any
            if kind in ("float", "percentage", "currency"):
                value = float(cell.attributes.get((OFFICENS, "value")))
                value = int(value) if value.is_integer() else value
            elif kind == "boolean":
                value = cell.attributes.get((OFFICENS, "boolean-value")) == "true"
            elif kind in ("date", "time"):
                value = cell.attributes.get((OFFICENS, f"{kind}-value"))
            elif kind is None:
                value = None
            else:
                value = teletype.extractText(cell)
            cells.extend([Cell(value, _ods_formula(formula))] * min(repeat, _MAX_REPEAT))
        rrep = int(row.attributes.get((TABLENS, "number-rows-repeated"), 1) or 1)
        out.extend([list(cells) for _ in range(min(rrep, _MAX_REPEAT))])
    return out


def _ods_formula(formula: str) -> str:
    """``=SUM([.B2:.B4])`` -> ``=SUM(B2:B4)``, like the formula bar and xlsx show it."""
    if not formula:
        return ""
    formula = re.sub(r"\[\$?([^\]]*)\]", lambda m: m.group(1), formula)
    formula = re.sub(r"(?<![A-Za-z0-9_])\.([A-Z]+\$?\d+)", r"\1", formula)
    return formula.replace(":.", ":").replace(";", ",")


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def cell_ref(ref: str) -> tuple[int, int]:
    """``"B3"`` -> (row 2, column 1), zero-based."""
    match = _REF.match(str(ref).strip())
    if not match:
        raise ValueError(f"expected a cell reference like B3, got {ref!r}")
    col = 0
    for ch in match.group(1).upper():
        col = col * 26 + (ord(ch) - 64)
    return int(match.group(2)) - 1, col - 1
