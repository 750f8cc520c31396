"""The distribution: a built wheel installs, imports every subpackage and carries its data files."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DATA_SUFFIXES = {".yaml", ".yml", ".html", ".css", ".js", ".json", ".svg", ".csv"}


def _package_dir() -> dict[str, str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    return config["tool"]["setuptools"]["package-dir"]


def _data_files_in_source() -> set[str]:
    """Non-Python data files under the mapped folders, as their path inside the wheel."""
    expected = set()
    for package, folder in _package_dir().items():
        root = REPO / folder
        for path in root.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            # the desktop home's dotfiles, and task files copied into a home (hidden ones too)
            copied = {"skel", "files"} & set(path.relative_to(root).parts)
            if path.suffix in DATA_SUFFIXES or path.name == "Dockerfile" or copied:
                inside = package.replace(".", "/") + "/" + path.relative_to(root).as_posix()
                expected.add(inside)
    return expected


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("guigym-*.whl")
    return found


def test_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_data_files_in_source() - names)
    assert not missing, f"data files missing from the wheel: {missing[:10]}"
    assert "guigym/py.typed" in names


def test_wheel_installs_and_imports_every_subpackage(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    # Dependencies come from the project's venv (a .pth), the code only from the wheel.
    deps = sysconfig.get_paths()["purelib"]
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "_deps.pth").write_text(deps + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    packages = sorted(
        name for name in zipfile.ZipFile(wheel).namelist() if name.endswith("/__init__.py")
    )
    modules = [name.removesuffix("/__init__.py").replace("/", ".") for name in packages]
    script = (
        "import importlib, guigym, pathlib\n"
        f"mods = {modules!r}\n"
        "for m in mods: importlib.import_module(m)\n"
        "print(pathlib.Path(guigym.__file__).resolve())\n"
    )
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout, "guigym was imported from outside the wheel's venv"
    assert {"guigym.envs", "guigym.agents", "guigym.evaluators", "guigym.images"} <= set(modules)
    assert "guigym.tasks" in modules
