"""Find, parse, validate and cache tasks; load a task's Python helpers by path.

Tasks live in ``tasks/<suite>/<name>/task.yaml`` inside this package (suite folders need no
``__init__.py``). More roots can be added with the ``GUIGYM_TASK_PATH`` environment variable
(``os.pathsep``-separated) or the ``roots=`` argument. Parsing is cached per file and
modification time, so repeated loads are cheap. One broken task never stops the others:
:func:`load_all` returns the good tasks and one :class:`TaskIssue` per problem.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from guigym.tasks.schema import ID_RE, TaskSpec
from guigym.tasks.validate import TaskIssue, issues_from_validation, semantic_issues
from pydantic import ValidationError

from guigym.errors import TaskError, did_you_mean

__all__ = [
    "TASKS_ROOT",
    "task_roots",
    "list_suites",
    "list_tasks",
    "task_dir",
    "load_task",
    "load_task_file",
    "lint_file",
    "load_all",
    "load_callable",
    "clear_cache",
]

#: The folder holding the packaged suites (this package's own folder).
TASKS_ROOT = Path(__file__).resolve().parent
_SKIP = {"__pycache__"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_cache: dict[Path, tuple[int, int, TaskSpec | None, tuple[TaskIssue, ...]]] = {}
_modules: dict[Path, tuple[int, ModuleType]] = {}
_dirs: dict[str, Path] = {}


def task_roots(roots: Iterable[str | Path] | None = None) -> list[Path]:
    """The folders searched for suites: ``roots`` if given, else GUIGYM_TASK_PATH + the package."""
    if roots is not None:
        return [Path(r).resolve() for r in roots]
    extra = [
        Path(p).resolve() for p in os.environ.get("GUIGYM_TASK_PATH", "").split(os.pathsep) if p
    ]
    return [*extra, TASKS_ROOT]


def _display(path: Path) -> str:
    """``tasks/shop/x/task.yaml`` for packaged tasks, else a path relative to cwd if possible."""
    path = path.resolve()
    for base in (TASKS_ROOT.parent, Path.cwd()):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def _index(roots: list[Path]) -> dict[str, Path]:
    """Task id -> task folder, first root wins."""
    found: dict[str, Path] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for suite in sorted(root.iterdir()):
            if not suite.is_dir() or suite.name in _SKIP or suite.name.startswith((".", "_")):
                continue
            for folder in sorted(suite.iterdir()):
                if (folder / "task.yaml").is_file():
                    found.setdefault(f"{suite.name}.{folder.name}", folder)
    return found


def list_suites(roots: Iterable[str | Path] | None = None) -> list[str]:
    """Names of the suites that hold at least one task."""
    return sorted({tid.split(".", 1)[0] for tid in _index(task_roots(roots))})


def list_tasks(suite: str | None = None, roots: Iterable[str | Path] | None = None) -> list[str]:
    """Task ids, sorted; only ``suite``'s when given (unknown suite: TaskError with a hint)."""
    ids = sorted(_index(task_roots(roots)))
    if suite is None:
        return ids
    suites = {tid.split(".", 1)[0] for tid in ids}
    if suite not in suites:
        raise TaskError(
            f"unknown suite {suite!r}{did_you_mean(suite, suites)}"
            f" (suites: {', '.join(sorted(suites)) or 'none'})"
        )
    return [tid for tid in ids if tid.split(".", 1)[0] == suite]


def task_dir(task_id: str, roots: Iterable[str | Path] | None = None) -> Path:
    """The folder of a task (raises TaskError with a hint for unknown ids)."""
    if roots is None and task_id in _dirs and (_dirs[task_id] / "task.yaml").is_file():
        return _dirs[task_id]
    index = _index(task_roots(roots))
    if task_id not in index:
        if not ID_RE.match(task_id):
            raise TaskError(f"task ids look like '<suite>.<name>', got {task_id!r}")
        raise TaskError(f"unknown task {task_id!r}{did_you_mean(task_id, index)}")
    if roots is None:
        _dirs[task_id] = index[task_id]
    return index[task_id]


def _parse(path: Path) -> tuple[TaskSpec | None, tuple[TaskIssue, ...]]:
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, (TaskIssue(shown, "", f"cannot read: {exc.strerror}"),)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        msg = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        return None, (TaskIssue(shown, where, msg),)
    if not isinstance(data, dict):
        return None, (
            TaskIssue(shown, "", f"expected a mapping of task fields, got {type(data).__name__}"),
        )
    try:
        spec = TaskSpec.model_validate(data)
    except ValidationError as exc:
        return None, tuple(issues_from_validation(exc, shown))
    folder = path.parent
    expected = f"{folder.parent.name}.{folder.name}"
    issues = tuple(TaskIssue(shown, f, m) for f, m in semantic_issues(spec, folder, expected))
    if issues:
        return None, issues
    spec._dir = folder
    return spec, ()


def lint_file(path: str | Path) -> tuple[TaskSpec | None, list[TaskIssue]]:
    """Parse and validate one task.yaml (cached by modification time)."""
    path = Path(path).resolve()
    try:
        st = path.stat()
    except OSError:
        return None, [TaskIssue(_display(path), "", "no such file")]
    cached = _cache.get(path)
    if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
        return cached[2], list(cached[3])
    spec, issues = _parse(path)
    _cache[path] = (st.st_mtime_ns, st.st_size, spec, issues)
    return spec, list(issues)


def load_task_file(path: str | Path) -> TaskSpec:
    """Load one task.yaml by path; TaskError lists every issue."""
    spec, issues = lint_file(path)
    if spec is None:
        raise TaskError("\n".join(str(i) for i in issues))
    return spec


def load_task(task_id: str, roots: Iterable[str | Path] | None = None) -> TaskSpec:
    """Load a task by id (``shop.restock-and-notify``)."""
    return load_task_file(task_dir(task_id, roots) / "task.yaml")


def load_all(
    suite: str | None = None, roots: Iterable[str | Path] | None = None
) -> tuple[list[TaskSpec], list[TaskIssue]]:
    """Every task that loads, and the issues of those that do not (never raises for a task)."""
    tasks: list[TaskSpec] = []
    issues: list[TaskIssue] = []
    index = _index(task_roots(roots))
    for tid in sorted(index):
        if suite is not None and tid.split(".", 1)[0] != suite:
            continue
        spec, problems = lint_file(index[tid] / "task.yaml")
        if spec is not None:
            tasks.append(spec)
        issues.extend(problems)
    return tasks, issues


def _spec_dir(spec: TaskSpec | str | Path) -> Path:
    if isinstance(spec, TaskSpec):
        if spec._dir is None:
            return task_dir(spec.id)
        return spec._dir
    if isinstance(spec, Path) or (isinstance(spec, str) and not ID_RE.match(spec)):
        return Path(spec)
    return task_dir(spec)


def _module(path: Path) -> ModuleType:
    mtime = path.stat().st_mtime_ns
    cached = _modules.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    digest = hashlib.sha1(f"{path}:{mtime}".encode()).hexdigest()[:10]
    safe = "".join(
        c if c.isalnum() else "_"
        for c in f"{path.parent.parent.name}_{path.parent.name}_{path.stem}"
    )
    name = f"guigym_task_code__{safe}_{digest}"
    module_spec = importlib.util.spec_from_file_location(name, path)
    if module_spec is None or module_spec.loader is None:
        raise TaskError(f"cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    try:
        module_spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(name, None)
        raise TaskError(f"{_display(path)}: importing failed: {type(exc).__name__}: {exc}") from exc
    _modules[path] = (mtime, module)
    return module


def load_callable(spec: TaskSpec | str | Path, ref: str) -> Callable[..., Any]:
    """Load ``"file.py:function"`` from a task's folder (a TaskSpec, task id or folder path).

    The file is imported by path with ``importlib.util.spec_from_file_location`` under a unique
    module name (cached until the file changes); nothing is exec'd from strings.
    """
    folder = _spec_dir(spec).resolve()
    filename, sep, fn_name = ref.partition(":")
    if not sep or not filename.endswith(".py") or not fn_name:
        raise TaskError(f"expected 'file.py:function', got {ref!r}")
    path = (folder / filename).resolve()
    if folder not in path.parents:
        raise TaskError(f"{ref!r} points outside the task folder {folder}")
    if not path.is_file():
        raise TaskError(f"{ref!r}: no file {filename!r} in {_display(folder)}")
    module = _module(path)
    fn = getattr(module, fn_name, None)
    if not callable(fn):
        names = [n for n in vars(module) if not n.startswith("_")]
        raise TaskError(
            f"{ref!r}: {filename} defines no function {fn_name!r}{did_you_mean(fn_name, names)}"
        )
    return fn


def clear_cache() -> None:
    """Forget parsed tasks and loaded modules (tests, long-running authoring sessions)."""
    _cache.clear()
    _modules.clear()
    _dirs.clear()
