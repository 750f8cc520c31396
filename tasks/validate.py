"""Everything `task lint` reports: YAML and schema errors turned into one line each, and the
cross-reference checks that need the whole task (ids, depends_on, templates, call targets, sites).

An issue reads ``<file>: <field>: <what is wrong and what is expected>``, e.g.
``tasks/shop/x/task.yaml: subtasks[2].check: unknown check type 'sqll' (expected one of ...)``.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guigym.tasks.checkspec import DESKTOP_CHECK_TYPES, iter_checks
from guigym.tasks.schema import CallOracle, Login, Start, Subtask, TaskSpec
from guigym.tasks.templating import TemplateError, template_variables
from pydantic import BaseModel, ValidationError

from guigym.errors import did_you_mean

__all__ = ["TaskIssue", "issues_from_validation", "semantic_issues", "format_loc"]


@dataclass(frozen=True)
class TaskIssue:
    """One problem in one task file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.field}: {self.message}"
            if self.field
            else f"{self.file}: {self.message}"
        )


def format_loc(loc: Iterable[Any]) -> str:
    """``('subtasks', 2, 'check')`` -> ``subtasks[2].check``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    names = [p for p in loc if not isinstance(p, int)]
    if not names:
        return TaskSpec
    if names == ["subtasks"]:
        return Subtask
    if names == ["start"]:
        return Start
    if names == ["start", "login"]:
        return Login
    if names == ["subtasks", "oracle"]:
        return CallOracle
    return None


def issues_from_validation(exc: ValidationError, file: str) -> list[TaskIssue]:
    """One readable issue per pydantic error."""
    issues: list[TaskIssue] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind == "guigym_shape":
            field = format_loc(loc) + ctx.get("sub", "")
            message = ctx.get("message", err["msg"])
        elif kind == "missing":
            field, message = format_loc(loc), "required field is missing"
        elif kind == "extra_forbidden":
            parent = loc[:-1]
            model = _model_at(parent)
            allowed = [f.alias or n for n, f in model.model_fields.items()] if model else []
            hint = did_you_mean(str(loc[-1]), allowed)
            field = format_loc(loc)
            message = f"unknown field {loc[-1]!r}{hint}"
            if allowed:
                message += f" (allowed: {', '.join(allowed)})"
        else:
            field = format_loc(loc)
            msg = err["msg"].removeprefix("Value error, ")
            message = msg if kind == "value_error" else f"{msg}, got {err.get('input')!r}"
        if (
            issues
            and issues[-1].field == field
            and kind not in ("guigym_shape", "missing", "extra_forbidden")
        ):
            continue  # a union reports one line per member; the first says enough
        issues.append(TaskIssue(file, field, message))
    return issues


@functools.lru_cache(maxsize=256)
def _defined_functions(path: Path, mtime_ns: int) -> frozenset[str] | str:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        return f"{path.name} line {exc.lineno}: syntax error: {exc.msg}"
    return frozenset(
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )


@functools.lru_cache(maxsize=256)
def _answer_readers(path: Path, mtime_ns: int) -> frozenset[str]:
    """Functions of a check.py that read the agent's answer (``.answer``/``.answers`` or an
    ``answer`` check), directly or through a helper defined in the same file."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError:
        return frozenset()
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}

    def direct(fn: ast.AST) -> bool:
        for node in ast.walk(fn):
            if isinstance(node, ast.Attribute) and node.attr in ("answer", "answers"):
                return True
            if isinstance(node, ast.Constant) and node.value == "answer":
                return True
        return False

    readers = {name for name, fn in funcs.items() if direct(fn)}
    changed = True
    while changed:  # callers of readers read answers too
        changed = False
        for name, fn in funcs.items():
            if name in readers:
                continue
            called = {c.func.id for c in ast.walk(fn) if isinstance(c, ast.Call)
                      and isinstance(c.func, ast.Name)}  # fmt: skip
            if called & readers:
                readers.add(name)
                changed = True
    return frozenset(readers)


def _reads_answer(task_dir: Path | None, ref: str) -> bool:
    if task_dir is None:
        return False
    filename, _, fn = ref.partition(":")
    path = task_dir / filename
    return path.is_file() and fn in _answer_readers(path, path.stat().st_mtime_ns)


def _call_issue(task_dir: Path | None, ref: str) -> str | None:
    if task_dir is None:
        return None
    filename, _, fn = ref.partition(":")
    path = task_dir / filename
    if not path.is_file():
        return f"{ref!r}: no file {filename!r} in {task_dir.name}/"
    names = _defined_functions(path, path.stat().st_mtime_ns)
    if isinstance(names, str):
        return names
    if fn not in names:
        hint = did_you_mean(fn, names)
        return f"{ref!r}: {filename} defines no function {fn!r}{hint}"
    return None


def _templated_fields(spec: TaskSpec) -> Iterator[tuple[str, Any]]:
    yield "title", spec.title
    yield "instruction", spec.instruction
    yield "start.url", spec.start.url
    if spec.start.login:
        yield "start.login.user", spec.start.login.user
    for i, step in enumerate(spec.setup):
        yield f"setup[{i}]", step
    for i, sub in enumerate(spec.subtasks):
        yield f"subtasks[{i}].instruction", sub.instruction
        yield f"subtasks[{i}].check", sub.check
        if isinstance(sub.oracle, list):
            yield f"subtasks[{i}].oracle", sub.oracle


def _depends_issues(spec: TaskSpec) -> Iterator[tuple[str, str]]:
    ids = [s.id for s in spec.subtasks]
    seen: set[str] = set()
    for i, sid in enumerate(ids):
        if sid in seen:
            yield f"subtasks[{i}].id", f"duplicate subtask id {sid!r} (ids must be unique)"
        seen.add(sid)
    graph: dict[str, list[str]] = {}
    bad = False
    for i, sub in enumerate(spec.subtasks):
        deps = spec.depends(i)
        for dep in deps:
            if dep not in ids:
                bad = True
                hint = did_you_mean(dep, ids)
                yield (
                    f"subtasks[{i}].depends_on",
                    f"unknown subtask id {dep!r}{hint} (ids: {', '.join(ids)})",
                )
        graph.setdefault(sub.id, []).extend(d for d in deps if d in ids)
    if bad:
        return
    # cycles (depth-first search with colours)
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if colour.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if colour.get(nxt) is None and (cycle := visit(nxt)):
                return cycle
        colour[node] = 2
        stack.pop()
        return None

    for node in ids:
        if colour.get(node) is None and (cycle := visit(node)):
            i = ids.index(cycle[0])
            yield f"subtasks[{i}].depends_on", f"depends_on forms a cycle: {' -> '.join(cycle)}"
            return
    for i in range(len(spec.subtasks)):
        for dep in spec.depends(i):
            if ids.index(dep) > i:
                yield (
                    f"subtasks[{i}].depends_on",
                    f"{dep!r} comes later in the chain; a subtask may only depend on earlier ones",
                )


def _rejects_alternatives(body: Any, spec: TaskSpec) -> bool:
    from guigym.tasks.rendered import choice_alternatives

    if "alternatives" in body or "alternatives_regex" in body:
        return True
    return choice_alternatives(body, spec) is not None


def semantic_issues(
    spec: TaskSpec, task_dir: Path | None, expected_id: str | None = None
) -> list[tuple[str, str]]:
    """Cross-reference problems as ``(field, message)`` pairs; empty when the task is sound."""
    out: list[tuple[str, str]] = []
    if expected_id is not None and spec.id != expected_id:
        out.append(("id", f"id must match the folder: expected {expected_id!r}, got {spec.id!r}"))
    if not spec.subtasks and not spec.infeasible:
        out.append(("subtasks", "a task needs at least one subtask"))
    if spec.env == "web" and not spec.start.url:
        out.append(("start.url", "a web task needs a start url (e.g. http://shop.test/)"))
    out.extend(_depends_issues(spec))

    # template variables
    allowed = set(spec.params) | set(spec.facts)
    for name in set(spec.params) & set(spec.facts):
        out.append(("facts", f"{name!r} is both a param and a fact; rename one"))
    for field, value in _templated_fields(spec):
        try:
            names = template_variables(value)
        except TemplateError as exc:
            out.append((field, str(exc)))
            continue
        for name in sorted(names - allowed):
            hint = did_you_mean(name, allowed)
            out.append(
                (
                    field,
                    f"unknown template variable {name!r}{hint} (params: "
                    f"{', '.join(spec.params) or 'none'}; facts: {', '.join(spec.facts) or 'none'}"
                    "; declare values a setup function returns under `facts:`)",
                )
            )
    has_setup_call = any("call" in step for step in spec.setup)
    if spec.facts and not has_setup_call:
        out.append(
            ("facts", "facts are returned by a setup function: add `setup: [{call: setup.py:fn}]`")
        )

    # sites and call targets
    sites = set(spec.sites)

    def need_site(field: str, site: Any) -> None:
        if isinstance(site, str) and "{{" not in site and site not in sites:
            out.append((field, f"site {site!r} is not in this task's sites {sorted(sites)}"))

    if spec.start.login:
        need_site("start.login.site", spec.start.login.site)
    for i, step in enumerate(spec.setup):
        if "sql" in step:
            need_site(f"setup[{i}].sql.site", step["sql"]["site"])
        elif issue := _call_issue(task_dir, step["call"]):
            out.append((f"setup[{i}].call", issue))
    for i, sub in enumerate(spec.subtasks):
        for sub_path, kind, body in iter_checks(sub.check):
            field = f"subtasks[{i}].check{sub_path}.{kind}"
            if kind == "sql":
                need_site(f"{field}.site", body["site"])
            elif kind == "call":
                ref = body["fn"] if isinstance(body, dict) else body
                if issue := _call_issue(task_dir, ref):
                    out.append((field, issue))
                elif not sub.answer and _reads_answer(task_dir, ref):
                    out.append(
                        (
                            f"subtasks[{i}].answer",
                            f"{ref} reads the agent's answer: set `answer: true` on this subtask"
                            " (it then gets the one answer bound to it; others see none)",
                        )
                    )
            elif kind == "answer" and "contains" in body and not _rejects_alternatives(body, spec):
                out.append(
                    (
                        field,
                        "a contains answer check must reject answers that list alternatives: add"
                        " `alternatives: [...]` (the other values it could be) or"
                        " `alternatives_regex:` (what any such value looks like), or contain"
                        ' "{{ param }}" of a param with a choice list',
                    )
                )
            elif kind in DESKTOP_CHECK_TYPES and spec.env != "desktop":
                out.append((field, f"a {kind} check needs `env: desktop`"))
        if isinstance(sub.oracle, CallOracle):
            for key in ("call", "fast_forward"):
                ref = getattr(sub.oracle, key)
                if ref and (issue := _call_issue(task_dir, ref)):
                    out.append((f"subtasks[{i}].oracle.{key}", issue))
    return out
