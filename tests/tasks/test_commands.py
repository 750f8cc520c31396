"""`guigym task new`, `guigym task lint` and `guigym list`, run in-process through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guigym.cli import main


@pytest.fixture
def on_path(tasks_root: Path, monkeypatch) -> Path:
    """Make the temporary tasks root visible to the CLI."""
    monkeypatch.setenv("GUIGYM_TASK_PATH", str(tasks_root))
    return tasks_root


def test_new_scaffold_passes_lint(tasks_root: Path, capsys) -> None:
    assert main(["task", "new", "zz-scaffold.first-try", "--root", str(tasks_root)]) == 0
    folder = tasks_root / "zz-scaffold" / "first-try"
    assert {p.name for p in folder.iterdir()} >= {
        "task.yaml",
        "setup.py",
        "check.py",
        "solution.py",
    }
    text = (folder / "task.yaml").read_text()
    assert "id: zz-scaffold.first-try" in text and "# " in text  # commented
    capsys.readouterr()
    assert main(["task", "lint", str(folder)]) == 0
    assert "1 task(s) ok, 0 with problems" in capsys.readouterr().out


def test_new_refuses_to_overwrite_and_bad_ids(tasks_root: Path, capsys) -> None:
    assert main(["task", "new", "zz.a", "--root", str(tasks_root)]) == 0
    assert main(["task", "new", "zz.a", "--root", str(tasks_root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["task", "new", "zz.a", "--root", str(tasks_root), "--force"]) == 0
    assert main(["task", "new", "NoSuite", "--root", str(tasks_root)]) == 2
    assert "<suite>.<name>" in capsys.readouterr().err


def test_lint_reports_file_field_expectation_and_exits_nonzero(
    write_task, on_path: Path, good_yaml, capsys
) -> None:
    write_task("zz.good")
    write_task("zz.bad", good_yaml.replace("shop.x", "zz.bad").replace("{url: {", "{sqll: {"))
    assert main(["task", "lint", "--suite", "zz"]) == 1
    captured = capsys.readouterr()
    assert "zz/bad/task.yaml: subtasks[2].check: unknown check type 'sqll'" in captured.out
    assert "good" not in captured.out
    assert "1 task(s) ok, 1 with problems" in captured.err
    assert main(["task", "lint", str(on_path / "zz" / "good" / "task.yaml")]) == 0
    assert main(["task", "lint", str(on_path / "zz")]) == 1


def test_lint_knows_the_registered_sites(write_task, on_path: Path, good_yaml, capsys) -> None:
    text = good_yaml.replace("shop.x", "zz.site").replace("sites: [shop]", "sites: [shop, mial]")
    write_task("zz.site", text)
    assert main(["task", "lint", str(on_path / "zz" / "site")]) == 1
    assert "sites: unknown site 'mial' (did you mean 'mail'?)" in capsys.readouterr().out


def test_lint_usage_errors(on_path: Path, capsys) -> None:
    assert main(["task", "lint", "--suite", "nope-suite"]) == 2
    assert "unknown suite 'nope-suite'" in capsys.readouterr().err
    assert main(["task", "lint", str(on_path / "missing")]) == 2


def test_check_usage_errors(capsys) -> None:
    # (the check itself runs in tests/guigym/test_task_check.py and tests/tasks/test_suite_*.py)
    assert main(["task", "check", "--suite", "nope-suite"]) == 2
    assert "unknown suite 'nope-suite'" in capsys.readouterr().err
    assert main(["task", "check", "demo.add-to-crat"]) == 2
    assert "did you mean 'demo.add-to-cart'" in capsys.readouterr().err


def test_list_shows_suites_tasks_and_subtask_counts(write_task, on_path: Path, capsys) -> None:
    write_task("zz-list.alpha")
    write_task("zz-list.beta")
    write_task("zz-list.broken", "id: zz-list.broken\ntitle: [\n")
    assert main(["list", "--suite", "zz-list"]) == 0
    out = capsys.readouterr().out
    assert "zz-list.alpha" in out and "zz-list.beta" in out
    assert "BROKEN" in out and "zz-list.broken" in out
    assert "2 task(s) in 1 suite(s) (zz-list: 2)" in out
    assert main(["list", "--suite", "zz-list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(t["id"], t["subtasks"]) for t in data["tasks"]] == [
        ("zz-list.alpha", 4),
        ("zz-list.beta", 4),
    ]
    assert data["broken"] == {"zz-list.broken": 1}


def test_list_unknown_suite(on_path: Path, capsys) -> None:
    assert main(["list", "--suite", "zz-nope"]) == 2
    assert "unknown suite 'zz-nope'" in capsys.readouterr().err
