"""The action table derived from ``types.py``, value validation, binding and formatting.

Everything the parser, ``format_action``, ``action_help`` and the space need comes from here,
and everything here comes from the dataclasses' fields: one definition per action.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from guigym.errors import ActionError

from .keys import normalize_combo, normalize_key
from .locators import is_locator, parse_locator
from .types import ACTION_CLASSES, Action

__all__ = [
    "REQUIRED",
    "Param",
    "ActionSpec",
    "SPECS",
    "VALUE_TYPES",
    "MAX_TEXT",
    "ELEMENT_ID_RE",
    "build",
    "bind_arguments",
    "format_action",
    "format_value",
]

REQUIRED: Any = ...
MAX_TEXT = 10_000
MAX_WAIT = 30.0
MAX_COORD = 100_000
MAX_ITEMS = 100
ELEMENT_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
SUBTASK_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
BUTTONS = ("left", "right", "middle")


class _Bad(Exception):
    """A value failed validation; ``show_value`` appends ``, got <value>`` to the message."""

    def __init__(self, message: str, show_value: bool = True) -> None:
        super().__init__(message)
        self.show_value = show_value


def _number(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _Bad("must be a number")
    if isinstance(v, int) and abs(v) > 10**15:
        raise _Bad("is out of range")
    if not math.isfinite(v):
        raise _Bad("must be a finite number")
    return v


def _coord(v: Any) -> float:
    v = _number(v)
    if not 0 <= v <= MAX_COORD:
        raise _Bad(f"must be between 0 and {MAX_COORD} pixels")
    return v


def _delta(v: Any) -> float:
    v = _number(v)
    if abs(v) > MAX_COORD:
        raise _Bad(f"must be between -{MAX_COORD} and {MAX_COORD} pixels")
    return v


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def check(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise _Bad("must be an integer")
        if not low <= v <= high:
            raise _Bad(f"must be between {low} and {high}")
        return v

    return check


def _button(v: Any) -> str:
    if not isinstance(v, str) or v.lower() not in BUTTONS:
        raise _Bad("must be one of 'left', 'right', 'middle'")
    return v.lower()


def _string(v: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(v, str):
        raise _Bad("must be a string")
    if len(v) > limit:
        raise _Bad(f"is too long ({len(v)} characters, at most {limit})")
    if "\x00" in v or any(0xD800 <= ord(c) <= 0xDFFF for c in v):
        raise _Bad("contains a NUL character or invalid Unicode (lone surrogate)")
    return v


def _element(v: Any) -> str:
    if isinstance(v, str) and is_locator(v):
        try:
            parse_locator(v)
        except ActionError as err:
            raise _Bad(str(err), show_value=False) from None
        return v
    if not isinstance(v, str) or not ELEMENT_ID_RE.fullmatch(v):
        raise _Bad(
            'must be an element id like "e12" (1-32 letters, digits, _ or -) or a locator'
            ' like role=button[name="Save"], label=Email, text=Checkout, css=#id'
        )
    return v


def _subtask(v: Any) -> str:
    if not isinstance(v, str) or not SUBTASK_ID_RE.fullmatch(v):
        raise _Bad('must be a subtask id like "find-price" (lowercase letters, digits, - or _)')
    return v


def _combo(v: Any) -> str:
    try:
        return normalize_combo(v)
    except ActionError as err:
        raise _Bad(str(err), show_value=False) from None


def _key(v: Any) -> str:
    if isinstance(v, str) and len(v) > 1 and "+" in v:
        raise _Bad("must be a single key (combinations go in press())")
    try:
        return normalize_key(v)
    except ActionError as err:
        raise _Bad(str(err), show_value=False) from None


def _one_or_many(limit: int) -> Callable[[Any], str | tuple[str, ...]]:
    def check(v: Any) -> str | tuple[str, ...]:
        if isinstance(v, list | tuple):
            if not 1 <= len(v) <= MAX_ITEMS:
                raise _Bad(f"must be a string or a list of 1 to {MAX_ITEMS} strings")
            if not all(isinstance(item, str) for item in v):
                raise _Bad("must be a string or a list of strings")
            return tuple(_string(item, limit) for item in v)
        if not isinstance(v, str):
            raise _Bad("must be a string or a list of strings")
        return _string(v, limit)

    return check


def _url(v: Any) -> str:
    v = _string(v, 2048)
    if not v or any(c.isspace() or not c.isprintable() for c in v):
        raise _Bad("must be a non-empty URL without spaces")
    return v


def _seconds(v: Any) -> float:
    v = _number(v)
    if not 0 <= v <= MAX_WAIT:
        raise _Bad(f"must be between 0 and {MAX_WAIT:g} seconds")
    return v


#: value type -> (validator returning the normalised value, short description for help)
VALUE_TYPES: dict[str, tuple[Callable[[Any], Any], str]] = {
    "coord": (_coord, "number >= 0"),
    "delta": (_delta, "number"),
    "button": (_button, '"left" | "right" | "middle"'),
    "clicks": (_int_between(1, 10), "integer 1-10"),
    "element": (_element, "element id"),
    "text": (_string, f"string (<= {MAX_TEXT} chars)"),
    "combo": (_combo, "key combination"),
    "key": (_key, "key name"),
    "option": (_one_or_many(1000), "string or list of strings"),
    "path": (_one_or_many(4096), "path or list of paths"),
    "url": (_url, "URL"),
    "index": (_int_between(0, 1000), "integer >= 0"),
    "subtask": (_subtask, "subtask id"),
    "seconds": (_seconds, f"number 0-{MAX_WAIT:g}"),
}


@dataclass(frozen=True)
class Param:
    """One argument of an action, read from a dataclass field."""

    name: str
    vtype: str
    doc: str
    default: Any = REQUIRED
    pos: bool = False
    kw: bool = False

    @property
    def required(self) -> bool:
        """True when the argument has no default."""
        return self.default is REQUIRED


@dataclass(frozen=True)
class ActionSpec:
    """An action's signature and help text, derived from its dataclass."""

    cls: type[Action]
    name: str
    params: tuple[Param, ...]
    doc: str

    def positional(self, element_form: bool = False) -> tuple[str, ...]:
        """Names bound from positional arguments, in order."""
        if element_form:
            rest = [p.name for p in self.params if not p.kw and p.name not in ("x", "y")]
            return ("element", *rest)
        return tuple(p.name for p in self.params if not p.kw)

    def param(self, name: str) -> Param:
        """The parameter called ``name``."""
        return next(p for p in self.params if p.name == name)


def _spec(cls: type[Action]) -> ActionSpec:
    params = []
    for f in dataclasses.fields(cls):
        meta = f.metadata
        default = REQUIRED if f.default is dataclasses.MISSING else f.default
        params.append(Param(f.name, meta["vtype"], meta["doc"], default, meta["pos"], meta["kw"]))
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    return ActionSpec(cls, cls.kind, tuple(params), doc)


#: action name -> spec, in the order of ``ACTION_CLASSES`` (the parser's whitelist).
SPECS: dict[str, ActionSpec] = {cls.kind: _spec(cls) for cls in ACTION_CLASSES}


def bind_arguments(
    label: str,
    positional: Sequence[str],
    names: Sequence[str],
    required: Sequence[str],
    args: Sequence[Any],
    kwargs: Mapping[str, Any],
) -> dict[str, Any]:
    """Bind call arguments to parameter names like Python would, with our error messages."""
    if len(args) > len(positional):
        if not positional:
            raise ActionError(f"{label}() takes no positional arguments, got {len(args)}")
        raise ActionError(
            f"{label}() takes at most {len(positional)} positional arguments "
            f"({', '.join(positional)}), got {len(args)}"
        )
    bound = dict(zip(positional, args, strict=False))
    for key, value in kwargs.items():
        if key not in names:
            expected = f"expected: {', '.join(names)}" if names else "it takes no arguments"
            raise ActionError(f"{label}() got an unexpected keyword {key!r} ({expected})")
        if key in bound:
            raise ActionError(f"{label}() got multiple values for {key!r}")
        bound[key] = value
    missing = [name for name in required if name not in bound]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        plural = "s" if len(missing) > 1 else ""
        raise ActionError(f"{label}() missing required argument{plural} {listed}")
    return bound


def _check_addressing(spec: ActionSpec, label: str, values: dict[str, Any]) -> None:
    cls = spec.cls
    if not cls.addressing:
        return
    x, y = values.get("x"), values.get("y")
    if (x is None) != (y is None):
        given, other = ("x", "y") if y is None else ("y", "x")
        raise ActionError(f"{label}(): {given} was given without {other}")
    has_element = values.get("element") is not None
    if has_element and x is not None:
        raise ActionError(f"{label}(): give either x, y or an element, not both")
    if cls.needs_target and x is None and not has_element:
        where = "x, y or an element" if cls.addressing == "either" else "x and y"
        raise ActionError(f"{label}() needs {where}")


def build(
    kind: str,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    *,
    label: str | None = None,
) -> Action:
    """Bind, validate and construct the typed action ``kind`` from literal arguments."""
    spec = SPECS[kind]
    label = label or kind
    kwargs = dict(kwargs or {})
    element_form = spec.cls.addressing == "either" and bool(args) and isinstance(args[0], str)
    names = [p.name for p in spec.params]
    required = [p.name for p in spec.params if p.required]
    bound = bind_arguments(label, spec.positional(element_form), names, required, args, kwargs)
    values: dict[str, Any] = {}
    for param in spec.params:
        if param.name not in bound:
            continue
        value = bound[param.name]
        if value is None and param.default is None:
            values[param.name] = None
            continue
        check = VALUE_TYPES[param.vtype][0]
        try:
            values[param.name] = check(value)
        except _Bad as bad:
            if bad.show_value:
                raise ActionError(f"{label}(): {param.name} {bad}, got {_show(value)}") from None
            raise ActionError(f"{label}(): {param.name}: {bad}") from None
    _check_addressing(spec, label, values)
    return spec.cls(**values)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) or len(value) < 100 else repr(value[:50])
    return text if len(text) <= 60 else text[:57] + "..."


def _quote(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def format_value(value: Any) -> str:
    """Write a literal so that the parser reads it back equal (strings double-quoted)."""
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, bool) or value is None:
        raise TypeError(f"not an action value: {value!r}")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    raise TypeError(f"not an action value: {value!r}")


def format_action(action: Action) -> str:
    """The canonical guigym string for a typed action; ``parse_action`` reads it back equal."""
    spec = SPECS.get(getattr(action, "kind", ""))
    if spec is None or not isinstance(action, spec.cls):
        raise TypeError(f"not a guigym action: {action!r}")
    element_form = spec.cls.addressing == "either" and getattr(action, "element", None) is not None
    parts: list[str] = []
    done: set[str] = set()
    for name in spec.positional(element_form):
        param = spec.param(name)
        value = getattr(action, name)
        if value is None or not (param.required or param.pos or name == "element"):
            break
        parts.append(format_value(value))
        done.add(name)
    for param in spec.params:
        value = getattr(action, param.name)
        if param.name in done or value is None or value == param.default:
            continue
        parts.append(f"{param.name}={format_value(value)}")
    return f"{spec.name}({', '.join(parts)})"
