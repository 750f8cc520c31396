"""``file`` and ``window`` checks on real files (txt, csv, docx, odt, ods, xlsx) in a home."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from guigym.evaluators import CheckContext, run_check
from guigym.images.desktop.files import HomeFiles
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import P


def _ods(path: Path) -> None:
    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="Budget")
    rows = [("Item", "Qty"), ("Pens", 3), ("Paper", 4)]
    for row in rows:
        tr = TableRow()
        for value in row:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        sheet.addElement(tr)
    tr = TableRow()
    tr.addElement(TableCell(valuetype="string"))
    total = TableCell(valuetype="float", value=7, formula="of:=SUM([.B2:.B3])")
    total.addElement(P(text="7"))
    tr.addElement(total)
    sheet.addElement(tr)
    doc.spreadsheet.addElement(sheet)
    doc.save(str(path))


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    (home / "Documents").mkdir()
    (home / "notes.txt").write_text("Meeting Monday\nAttendees: 4\n")
    (home / "Documents/data.csv").write_text("name,qty\nPens,3\nPaper,4\n")
    d = docx.Document()
    d.add_paragraph("Quarterly report")
    d.add_paragraph("Total: 1,234.50")
    d.save(home / "Documents/report.docx")
    odt = OpenDocumentText()
    odt.text.addElement(P(text="Minutes of the meeting"))
    odt.save(str(home / "Documents/minutes.odt"))
    _ods(home / "Documents/budget.ods")
    (home / "link").symlink_to("/etc/hostname")
    return home


def ctx(home: Path) -> CheckContext:
    return CheckContext(desktop=HomeFiles(home))


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"path": "~/notes.txt"}, "pass"),
        ({"path": "~/missing.txt"}, "fail"),
        ({"path": "~/missing.txt", "exists": False}, "pass"),
        ({"path": "notes.txt", "exists": False}, "fail"),
        ({"path": "~/notes.txt", "equals": "Meeting Monday\nAttendees: 4"}, "pass"),
        ({"path": "~/notes.txt", "equals": "Meeting Monday"}, "fail"),
        ({"path": "~/notes.txt", "contains": ["Monday", "Attendees: 4"]}, "pass"),
        ({"path": "~/notes.txt", "contains": "meeting monday", "normalize": ["case"]}, "pass"),
        ({"path": "~/notes.txt", "regex": r"^Attendees: \d+$"}, "pass"),
        ({"path": "~/Documents/report.docx", "contains": "Total: 1,234.50"}, "pass"),
        ({"path": "~/Documents/minutes.odt", "contains": "Minutes"}, "pass"),
        ({"path": "~/Documents/minutes.odt", "contains": "Agenda"}, "fail"),
        ({"path": "~/Documents/data.csv", "cell": {"ref": "B3", "equals": 4}}, "pass"),
        ({"path": "~/Documents/data.csv", "cell": {"ref": "B3", "equals": 5}}, "fail"),
        ({"path": "~/Documents/budget.ods", "cell": {"ref": "B4", "equals": 7}}, "pass"),
        (
            {"path": "~/Documents/budget.ods", "cell": {"ref": "B4", "formula": "=SUM(B2:B3)"}},
            "pass",
        ),
        ({"path": "~/Documents/budget.ods", "cell": {"ref": "B2", "formula": True}}, "fail"),
        ({"path": "~/Documents/budget.ods", "cell": {"ref": "A1", "sheet": "Nope"}}, "fail"),
        (
            {
                "path": "~/Documents/budget.ods",
                "table": {"rows": [["Item", "Qty"], ["Pens", 3], ["Paper", "4.0"]]},
                "range": None,
            },
            "error",
        ),
        (
            {"path": "~/Documents/budget.ods", "table": {"rows": [["Pens", 3]], "range": "A2:B2"}},
            "pass",
        ),
        (
            {"path": "~/Documents/data.csv", "table": {"rows": [["name", "qty"], ["Pens", 3]]}},
            "fail",
        ),
        ({"path": "/etc/hostname"}, "error"),
        ({"path": "~/../../etc/hostname"}, "error"),
        ({"path": "~/link", "contains": "x"}, "error"),
        ({"path": "~/notes.txt", "bogus": 1}, "error"),
    ],
)
def test_file_check(home: Path, body: dict, status: str) -> None:
    result = run_check({"file": body}, ctx(home))
    assert result.status == status, result.message
    assert result.message


def test_messages_say_what_was_found(home: Path) -> None:
    result = run_check({"file": {"path": "~/notes.txt", "contains": "Tuesday"}}, ctx(home))
    assert "Tuesday" in result.message and "Meeting Monday" in result.message
    cell = run_check(
        {"file": {"path": "~/Documents/data.csv", "cell": {"ref": "B2", "equals": 9}}}, ctx(home)
    )
    assert "expected 9" in cell.message and "'3'" in cell.message


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xlsx_saved_by_libreoffice_has_values_and_formulas(home: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    out = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "xlsx", "--outdir", str(home / "Documents"), str(home / "Documents/budget.ods")],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    body = {
        "path": "~/Documents/budget.xlsx",
        "cell": {"ref": "B4", "equals": 7, "formula": "=SUM(B2:B3)"},
    }
    result = run_check({"file": body}, ctx(home))
    assert result.status == "pass", result.message


def test_desktop_checks_need_a_desktop() -> None:
    for check in ({"file": {"path": "~/a"}}, {"window": {"app": "editor"}}):
        result = run_check(check, CheckContext())
        assert result.status == "error" and "desktop" in result.message


class _Windows:
    """The window list of a desktop as the control server reports it."""

    def __init__(self, wins: list[dict]) -> None:
        self.wins = wins

    def windows(self) -> list[dict]:
        return self.wins


WINS = [
    {"title": "notes.txt - Mousepad", "app": "Mousepad", "active": True},
    {"title": "budget.ods - LibreOffice Calc", "app": "libreoffice-calc", "active": False},
]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"app": "editor"}, "pass"),
        ({"app": "editor", "active": True}, "pass"),
        ({"app": "calc", "active": True}, "fail"),
        ({"app": "calc", "title_contains": "budget.ods"}, "pass"),
        ({"app": "writer"}, "fail"),
        ({"app": "writer", "exists": False}, "pass"),
        ({"title": "notes.txt - Mousepad"}, "pass"),
        ({"title_regex": r"^\*"}, "fail"),
        ({"title_regex": r"^\*", "count": 0}, "pass"),
        ({"count": 2}, "pass"),
        ({"app": "editor", "colour": "red"}, "error"),
    ],
)
def test_window_check(body: dict, status: str) -> None:
    result = run_check({"window": body}, CheckContext(desktop=_Windows(WINS)))
    assert result.status == status, result.message
