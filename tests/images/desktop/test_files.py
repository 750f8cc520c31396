"""Home folder safety and snapshot/restore, on real folders (no X needed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from guigym.images.desktop.execs import run_command
from guigym.images.desktop.files import resolve_in_home, restore_tree, snapshot_tree, tree_digest

from guigym.errors import ActionError


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/a.txt").write_text("alpha")
    (home / "inside").symlink_to(home / "Documents")
    (home / "outside").symlink_to("/etc")
    return home


@pytest.mark.parametrize(
    "path", ["~/Documents/a.txt", "Documents/a.txt", "~/inside/a.txt", "~", "new.txt"]
)
def test_paths_inside_home(home: Path, path: str) -> None:
    real = resolve_in_home(home, path)
    assert real == home.resolve() or home.resolve() in real.parents


@pytest.mark.parametrize(
    "path",
    ["/etc/passwd", "../x", "~/../../etc/passwd", "~/outside/passwd", "~/outside", "", "a\x00b"],
)
def test_paths_outside_home_are_refused(home: Path, path: str) -> None:
    with pytest.raises(ActionError):
        resolve_in_home(home, path)


def test_absolute_path_inside_home_is_accepted(home: Path) -> None:
    assert resolve_in_home(home, str(home / "Documents/a.txt")).read_text() == "alpha"


def test_restore_makes_the_tree_equal_to_the_snapshot(home: Path, tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    snapshot_tree(home, snap)
    before = tree_digest(home)
    (home / "Documents/a.txt").write_text("changed, same moment")
    (home / "Documents/new").mkdir()
    (home / "Documents/new/b.txt").write_text("b")
    (home / "inside").unlink()
    (home / "inside").symlink_to("/tmp")
    os.chmod(home / "Documents", 0o700)
    (home / "stray.txt").write_text("x")
    assert tree_digest(home) != before
    assert restore_tree(snap, home) > 0
    assert tree_digest(home) == before
    assert restore_tree(snap, home) == 0  # nothing left to change


def test_restore_replaces_a_file_by_a_folder_and_back(home: Path, tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    snapshot_tree(home, snap)
    before = tree_digest(home)
    import shutil

    shutil.rmtree(home / "Documents")
    (home / "Documents").write_text("now a file")
    restore_tree(snap, home)
    assert tree_digest(home) == before


def test_exec_runs_whitelisted_commands_only(home: Path) -> None:
    env = {"PATH": "/usr/bin:/bin"}
    out = run_command("cat", ["~/Documents/a.txt"], home=home, env=env)
    assert out == {"code": 0, "stdout": "alpha", "stderr": ""}
    run_command("mkdir", ["~/Documents/sub"], home=home, env=env)
    assert (home / "Documents/sub").is_dir()
    with pytest.raises(ActionError, match="unknown command"):
        run_command("bash", ["-c", "id"], home=home, env=env)
    with pytest.raises(ActionError, match="outside"):
        run_command("cat", ["/etc/passwd"], home=home, env=env)
    with pytest.raises(ActionError, match="outside"):
        run_command("cp", ["~/outside/passwd", "~/p"], home=home, env=env)
    with pytest.raises(ActionError, match="octal"):
        run_command("chmod", ["u+s", "~/Documents/a.txt"], home=home, env=env)
    with pytest.raises(ActionError, match="takes 2"):
        run_command("cp", ["~/Documents/a.txt"], home=home, env=env)
    with pytest.raises(ActionError, match="home folder itself"):
        run_command("rm", ["~"], home=home, env=env)
