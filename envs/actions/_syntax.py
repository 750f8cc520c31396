"""Read action code safely: ``ast`` only, literal arguments only, nothing is ever executed.

Turns a string such as ``click(10, 20); type("hi")`` or ``pyautogui.click(1, 2)`` into a list of
``Call`` records (dotted function name, literal args, literal kwargs). Any other construct is
refused with a message naming it.
"""

from __future__ import annotations

import ast
import math
import textwrap
from dataclasses import dataclass, field
from typing import Any

from guigym.errors import ActionError

__all__ = ["Call", "read_calls", "MAX_SOURCE", "MAX_STATEMENTS"]

MAX_SOURCE = 100_000
MAX_STATEMENTS = 100
_MAX_DEPTH = 3
_MAX_ITEMS = 1000

_WORDS: dict[type, str] = {
    ast.Assign: "an assignment",
    ast.AugAssign: "an assignment",
    ast.AnnAssign: "an assignment",
    ast.NamedExpr: "an assignment expression (:=)",
    ast.For: "a for loop",
    ast.AsyncFor: "a for loop",
    ast.While: "a while loop",
    ast.If: "an if statement",
    ast.IfExp: "a conditional expression",
    ast.With: "a with statement",
    ast.AsyncWith: "a with statement",
    ast.Try: "a try statement",
    ast.FunctionDef: "a function definition",
    ast.AsyncFunctionDef: "a function definition",
    ast.ClassDef: "a class definition",
    ast.Return: "a return statement",
    ast.Delete: "a del statement",
    ast.Raise: "a raise statement",
    ast.Global: "a global statement",
    ast.Nonlocal: "a nonlocal statement",
    ast.Assert: "an assert statement",
    ast.ImportFrom: "a from-import",
    ast.Lambda: "a lambda",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.JoinedStr: "an f-string",
    ast.FormattedValue: "an f-string",
    ast.Attribute: "attribute access",
    ast.Subscript: "a subscript",
    ast.BinOp: "an operator expression",
    ast.BoolOp: "a boolean expression",
    ast.Compare: "a comparison",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.Starred: "a starred argument",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Match: "a match statement",
}


def _word(node: ast.AST) -> str:
    return _WORDS.get(type(node), f"a {type(node).__name__} node")


@dataclass(frozen=True)
class Call:
    """One literal-only call read from the source: ``func`` is a dotted name."""

    func: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(hash=False)


def _refuse(what: str, node: ast.AST | None = None) -> ActionError:
    where = f" at line {node.lineno}" if node is not None and hasattr(node, "lineno") else ""
    return ActionError(
        f"refused {what}{where}: only action calls with literal arguments are allowed"
    )


def _dotted(node: ast.expr) -> str:
    """``click`` or ``pyautogui.click``; anything computed is refused."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    if isinstance(node, ast.Call):
        raise _refuse(f"a nested call {_callee(node)}(...)", node)
    raise _refuse(_word(node), node)


def _callee(node: ast.Call) -> str:
    try:
        return repr(_dotted(node.func))[1:-1]
    except ActionError:
        return "<expression>"


def _literal(node: ast.expr, depth: int = 0) -> Any:
    """Literal values only: numbers, strings, None/True/False, -number, lists and tuples."""
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or isinstance(value, bool | int | float | str):
            if isinstance(value, float) and not math.isfinite(value):
                raise ActionError("refused a non-finite number")
            return value
        raise _refuse(f"a {type(value).__name__} literal", node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = node.operand
        if isinstance(operand, ast.Constant) and type(operand.value) in (int, float):
            value = operand.value
            if isinstance(value, float) and not math.isfinite(value):
                raise ActionError("refused a non-finite number")
            return -value if isinstance(node.op, ast.USub) else value
        raise _refuse("an operator expression", node)
    if isinstance(node, ast.List | ast.Tuple):
        if depth >= _MAX_DEPTH:
            raise _refuse("deeply nested lists", node)
        if len(node.elts) > _MAX_ITEMS:
            raise _refuse("a list that is too long", node)
        return [_literal(e, depth + 1) for e in node.elts]
    if isinstance(node, ast.Name):
        raise _refuse(f"the name {node.id!r} (use a quoted string or a number)", node)
    if isinstance(node, ast.Call):
        raise _refuse(f"a nested call {_callee(node)}(...)", node)
    raise _refuse(_word(node), node)


def _call(node: ast.Call) -> Call:
    func = _dotted(node.func)
    args = []
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise _refuse("a starred argument (*args)", arg)
        args.append(_literal(arg))
    kwargs: dict[str, Any] = {}
    for kw in node.keywords:
        if kw.arg is None:
            raise _refuse("a **kwargs argument", kw.value)
        kwargs[kw.arg] = _literal(kw.value)
    return Call(func, tuple(args), kwargs)


def _strip_fences(source: str) -> str:
    lines = source.strip().splitlines()
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].strip() == "```":
        return "\n".join(lines[1:-1])
    return source


def read_calls(source: str, allowed_imports: frozenset[str] = frozenset()) -> list[Call]:
    """Parse ``source`` into calls; ``import M`` lines are skipped when M is allowed."""
    if len(source) > MAX_SOURCE:
        raise ActionError(f"action text too long ({len(source)} characters, at most {MAX_SOURCE})")
    text = textwrap.dedent(_strip_fences(source)).strip()
    if not text:
        raise ActionError("empty action")
    try:
        tree = ast.parse(text, mode="exec")
    except SyntaxError as err:
        raise ActionError(f"not a valid action: {err.msg} (line {err.lineno})") from None
    except (ValueError, UnicodeError, MemoryError, RecursionError) as err:
        raise ActionError(f"not a valid action: {type(err).__name__}: {err}"[:300]) from None
    if len(tree.body) > MAX_STATEMENTS:
        raise ActionError(f"too many statements ({len(tree.body)}, at most {MAX_STATEMENTS})")
    calls: list[Call] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name not in allowed_imports:
                    raise _refuse(f"import of {alias.name!r}", stmt)
                if alias.asname is not None:
                    raise _refuse(f"import {alias.name} as {alias.asname}", stmt)
            continue
        if isinstance(stmt, ast.Pass):
            continue
        if not isinstance(stmt, ast.Expr):
            raise _refuse(_word(stmt), stmt)
        if not isinstance(stmt.value, ast.Call):
            value = stmt.value
            if isinstance(value, ast.Name):
                what = f"the name {value.id!r} (expected an action call like {value.id}(...))"
            elif isinstance(value, ast.Constant):
                what = "a bare value (expected an action call)"
            else:
                what = f"{_word(value)} (expected an action call)"
            raise _refuse(what, stmt)
        try:
            calls.append(_call(stmt.value))
        except RecursionError:
            raise ActionError("not a valid action: nested too deeply") from None
    if not calls:
        raise ActionError("no action found (only imports or comments)")
    return calls
