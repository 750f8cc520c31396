"""The shapes of checks, setup steps and oracles in task.yaml, validated without running anything.

A check is a dict with exactly one key, its type (DESIGN.md §5). This module knows the shapes;
``guigym.evaluators.checks`` knows how to run them. Both use :data:`CHECK_TYPES`, so a new type
is added in both places. Errors are :class:`ShapeError` with a sub-path (``.all[1].sql``) that
the schema appends to the field path, e.g. ``subtasks[2].check.all[1].sql: missing 'query'``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from guigym.errors import did_you_mean

__all__ = [
    "CHECK_TYPES",
    "DESKTOP_CHECK_TYPES",
    "NORMALIZERS",
    "ShapeError",
    "validate_check",
    "validate_call_ref",
    "iter_checks",
]

#: Every check type, in the order error messages list them.
CHECK_TYPES: tuple[str, ...] = (
    "answer",
    "sql",
    "url",
    "dom",
    "file",
    "window",
    "call",
    "all",
    "any",
    "not",
)
#: Types that need the desktop (accepted by the schema; running them says "not available yet").
DESKTOP_CHECK_TYPES = frozenset({"file", "window"})
NORMALIZERS = ("case", "space", "punct")
_CALL_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-/]*\.py:[A-Za-z_][A-Za-z0-9_]*$")


class ShapeError(ValueError):
    """A check/oracle/setup value has the wrong shape; ``sub`` is the path inside the value."""

    def __init__(self, sub: str, message: str) -> None:
        super().__init__(message)
        self.sub = sub
        self.message = message


def _is_template(value: Any) -> bool:
    """A string that renders to the real value later (e.g. ``one_of: "{{ skus }}"``)."""
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def _keys(d: Mapping[str, Any]) -> str:
    return ", ".join(repr(k) for k in d)


def _need_mapping(value: Any, sub: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ShapeError(
            sub, f"expected a mapping for {what}, got {type(value).__name__} {value!r}"
        )
    return value


def _only(body: Mapping[str, Any], sub: str, allowed: tuple[str, ...], what: str) -> None:
    for key in body:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed)
            raise ShapeError(
                f"{sub}.{key}",
                f"unknown field {key!r} in {what}{hint} (allowed: {', '.join(allowed)})",
            )


def _exactly_one(
    body: Mapping[str, Any], sub: str, options: tuple[str, ...], what: str, required: bool = True
) -> str | None:
    present = [k for k in options if k in body]
    if len(present) > 1:
        raise ShapeError(sub, f"{what} takes one of {', '.join(options)}, got {_keys(present)}")
    if not present and required:
        raise ShapeError(sub, f"{what} needs one of {', '.join(options)}")
    return present[0] if present else None


def _need_str(body: Mapping[str, Any], key: str, sub: str, what: str) -> str:
    if key not in body:
        raise ShapeError(sub, f"{what} is missing required field {key!r}")
    value = body[key]
    if not isinstance(value, str) or not value.strip():
        raise ShapeError(f"{sub}.{key}", f"expected a non-empty string, got {value!r}")
    return value


def validate_call_ref(value: Any, sub: str = "") -> str:
    """Check a ``file.py:function`` reference (relative to the task folder)."""
    if not isinstance(value, str) or not _CALL_RE.match(value):
        raise ShapeError(
            sub, f"expected 'file.py:function' (e.g. 'check.py:supplier_notified'), got {value!r}"
        )
    if ".." in value.split(":", 1)[0].split("/"):
        raise ShapeError(sub, f"call reference must stay inside the task folder, got {value!r}")
    return value


def _answer(body: Any, sub: str) -> None:
    body = _need_mapping(body, sub, "answer")
    opts = ("equals", "contains", "regex", "number", "one_of")
    extras = ("alternatives", "alternatives_regex", "max_words")
    _only(body, sub, (*opts, "normalize", "which", *extras), "answer")
    kind = _exactly_one(body, sub, opts, "answer")
    value = body[kind]
    for key in extras:
        if key in body and kind != "contains":
            raise ShapeError(f"{sub}.{key}", f"{key} goes with contains, not {kind}")
    alts = body.get("alternatives")
    if alts is not None and not _is_template(alts):
        if (
            not isinstance(alts, list)
            or not alts
            or any(isinstance(a, list | Mapping) for a in alts)
        ):
            raise ShapeError(
                f"{sub}.alternatives", f"expected a non-empty list of values, got {alts!r}"
            )
    if "alternatives_regex" in body:
        pattern = body["alternatives_regex"]
        if not isinstance(pattern, str) or not pattern:
            raise ShapeError(f"{sub}.alternatives_regex", f"expected a regex, got {pattern!r}")
        if not _is_template(pattern):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ShapeError(
                    f"{sub}.alternatives_regex", f"invalid regular expression: {exc}"
                ) from None
    words = body.get("max_words", 20)
    if isinstance(words, bool) or not isinstance(words, int) or words < 1:
        raise ShapeError(f"{sub}.max_words", f"expected a whole number >= 1, got {words!r}")
    if kind == "number":
        if isinstance(value, Mapping):
            _only(value, f"{sub}.number", ("value", "tol"), "number")
            if "value" not in value:
                raise ShapeError(f"{sub}.number", "number is missing required field 'value'")
        elif isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ShapeError(f"{sub}.number", f"expected a number or {{value, tol}}, got {value!r}")
    elif kind == "one_of":
        if not _is_template(value) and (not isinstance(value, list) or not value):
            raise ShapeError(f"{sub}.one_of", f"expected a non-empty list, got {value!r}")
    elif kind == "regex":
        if not isinstance(value, str):
            raise ShapeError(f"{sub}.regex", f"expected a string, got {value!r}")
        if "{{" not in value and "{%" not in value:
            try:
                re.compile(value)
            except re.error as exc:
                raise ShapeError(f"{sub}.regex", f"invalid regular expression: {exc}") from None
    elif value is None or isinstance(value, list | Mapping):
        raise ShapeError(f"{sub}.{kind}", f"expected a string or number, got {value!r}")
    norm = body.get("normalize", [])
    if not isinstance(norm, list) or any(n not in NORMALIZERS for n in norm):
        raise ShapeError(
            f"{sub}.normalize", f"expected a list drawn from {', '.join(NORMALIZERS)}, got {norm!r}"
        )
    if body.get("which", "any") not in ("any", "last"):
        raise ShapeError(f"{sub}.which", f"expected 'any' or 'last', got {body['which']!r}")


def _sql(body: Any, sub: str) -> None:
    body = _need_mapping(body, sub, "sql")
    opts = ("expect", "rows", "count", "range")
    _only(body, sub, ("site", "query", "params", "ordered", *opts), "sql")
    _need_str(body, "site", sub, "sql")
    _need_str(body, "query", sub, "sql")
    if "params" in body and not isinstance(body["params"], Mapping | list):
        raise ShapeError(
            f"{sub}.params", f"expected a mapping of query parameters, got {body['params']!r}"
        )
    kind = _exactly_one(body, sub, opts, "sql")
    if kind == "rows" and not isinstance(body["rows"], list) and not _is_template(body["rows"]):
        raise ShapeError(f"{sub}.rows", f"expected a list of rows, got {body['rows']!r}")
    if kind == "range":
        rng = _need_mapping(body["range"], f"{sub}.range", "range")
        _only(rng, f"{sub}.range", ("min", "max"), "range")
        if not rng:
            raise ShapeError(f"{sub}.range", "range needs min, max or both")


def _url(body: Any, sub: str) -> None:
    body = _need_mapping(body, sub, "url")
    opts = ("equals", "matches", "contains")
    _only(body, sub, (*opts, "current"), "url")
    kind = _exactly_one(body, sub, opts, "url")
    _need_str(body, kind, sub, "url")
    if "current" in body and not isinstance(body["current"], bool):
        raise ShapeError(f"{sub}.current", f"expected true or false, got {body['current']!r}")


def _dom(body: Any, sub: str) -> None:
    body = _need_mapping(body, sub, "dom")
    _only(body, sub, ("selector", "exists", "text_contains"), "dom")
    _need_str(body, "selector", sub, "dom")
    _exactly_one(body, sub, ("exists", "text_contains"), "dom", required=False)
    if "exists" in body and not isinstance(body["exists"], bool):
        raise ShapeError(f"{sub}.exists", f"expected true or false, got {body['exists']!r}")


def _desktop(body: Any, sub: str) -> None:
    _need_mapping(body, sub, "a desktop check")


def _call(body: Any, sub: str) -> None:
    if isinstance(body, Mapping):
        _only(body, sub, ("fn", "args"), "call")
        validate_call_ref(body.get("fn"), f"{sub}.fn")
        if "args" in body and not isinstance(body["args"], Mapping):
            raise ShapeError(
                f"{sub}.args", f"expected a mapping of keyword arguments, got {body['args']!r}"
            )
    else:
        validate_call_ref(body, sub)


def _many(body: Any, sub: str, kind: str) -> None:
    if not isinstance(body, list) or not body:
        raise ShapeError(sub, f"{kind} takes a non-empty list of checks, got {body!r}")
    for i, item in enumerate(body):
        validate_check(item, f"{sub}[{i}]")


def _not(body: Any, sub: str) -> None:
    validate_check(body, sub)


_VALIDATORS: dict[str, Callable[[Any, str], None]] = {
    "answer": _answer,
    "sql": _sql,
    "url": _url,
    "dom": _dom,
    "file": _desktop,
    "window": _desktop,
    "call": _call,
    "all": functools.partial(_many, kind="all"),
    "any": functools.partial(_many, kind="any"),
    "not": _not,
}


def validate_check(check: Any, sub: str = "") -> Mapping[str, Any]:
    """Validate one check's shape; raise :class:`ShapeError` naming the sub-path and expectation."""
    if not isinstance(check, Mapping) or not check:
        raise ShapeError(
            sub,
            f"expected a check like {{answer: {{...}}}} or {{sql: {{...}}}}, got {check!r}",
        )
    if len(check) != 1:
        raise ShapeError(
            sub, f"a check has exactly one type key, got {_keys(check)} (combine with all: [...])"
        )
    ((kind, body),) = check.items()
    if kind not in _VALIDATORS:
        hint = did_you_mean(str(kind), CHECK_TYPES, n=1)
        raise ShapeError(
            sub,
            f"unknown check type {kind!r}{hint} (expected one of {', '.join(CHECK_TYPES)})",
        )
    _VALIDATORS[kind](body, f"{sub}.{kind}")
    return check


def iter_checks(check: Mapping[str, Any], sub: str = ""):  # noqa: ANN201 - generator
    """Yield ``(sub_path, kind, body)`` for a check and every check nested inside it."""
    ((kind, body),) = check.items()
    yield sub, kind, body
    if kind in ("all", "any"):
        for i, item in enumerate(body):
            yield from iter_checks(item, f"{sub}.{kind}[{i}]")
    elif kind == "not":
        yield from iter_checks(body, f"{sub}.not")
