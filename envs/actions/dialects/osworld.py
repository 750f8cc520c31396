"""OSWorld compatibility: ``pyautogui.*`` code strings, "WAIT"/"DONE"/"FAIL", computer_13 dicts.

The code is read by ``_syntax.read_calls`` (ast, literals only) and translated call by call into
typed actions; it is never executed. One pyautogui call may become several actions
(``dragTo`` is mouse_down, move, mouse_up; ``press("a", presses=3)`` is three presses).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.errors import ActionError, did_you_mean

from .._syntax import Call
from ..table import bind_arguments, build
from ..types import Action, Done, Fail, Wait

__all__ = ["SCROLL_CLICK_PX", "SPECIAL", "PYAUTOGUI_NAMES", "from_pyautogui", "from_computer13"]

#: pixels per mouse-wheel notch when translating pyautogui/computer_13 scroll clicks.
SCROLL_CLICK_PX = 100
SPECIAL = {"WAIT": Wait, "DONE": Done, "FAIL": Fail}
_IGNORED = ("duration", "tween", "interval", "logScreenshot", "_pause", "mouseDownUp")

# name -> (positional params, all params); every call also accepts the ignored timing keywords.
_SIGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "click": (
        ("x", "y", "clicks", "interval", "button"),
        ("x", "y", "clicks", "interval", "button"),
    ),
    "doubleClick": (("x", "y", "interval", "button"), ("x", "y", "interval", "button")),
    "tripleClick": (("x", "y", "interval", "button"), ("x", "y", "interval", "button")),
    "rightClick": (("x", "y"), ("x", "y")),
    "middleClick": (("x", "y"), ("x", "y")),
    "moveTo": (("x", "y"), ("x", "y")),
    "dragTo": (("x", "y", "duration", "tween", "button"), ("x", "y", "button")),
    "mouseDown": (("x", "y", "button"), ("x", "y", "button")),
    "mouseUp": (("x", "y", "button"), ("x", "y", "button")),
    "scroll": (("clicks", "x", "y"), ("clicks", "x", "y")),
    "vscroll": (("clicks", "x", "y"), ("clicks", "x", "y")),
    "hscroll": (("clicks", "x", "y"), ("clicks", "x", "y")),
    "write": (("message", "interval"), ("message",)),
    "typewrite": (("message", "interval"), ("message",)),
    "press": (("keys", "presses", "interval"), ("keys", "presses")),
    "keyDown": (("key",), ("key",)),
    "keyUp": (("key",), ("key",)),
}
_UNSUPPORTED = {
    "moveRel": "relative moves are not supported; use pyautogui.moveTo(x, y)",
    "move": "relative moves are not supported; use pyautogui.moveTo(x, y)",
    "dragRel": "relative drags are not supported; use pyautogui.dragTo(x, y)",
    "drag": "relative drags are not supported; use pyautogui.dragTo(x, y)",
}
PYAUTOGUI_NAMES = frozenset({*_SIGS, "hotkey", "sleep"})


def _point(label: str, values: dict[str, Any]) -> dict[str, Any]:
    """pyautogui also takes the point as one tuple: click((100, 200))."""
    x = values.get("x")
    if isinstance(x, list) and "y" not in values:
        if len(x) != 2:
            raise ActionError(f"{label}(): a point must be (x, y), got {tuple(x)!r}")
        values = {**values, "x": x[0], "y": x[1]}
    return {k: values[k] for k in ("x", "y") if values.get(k) is not None}


def _hotkey(call: Call, label: str) -> list[Action]:
    unknown = [k for k in call.kwargs if k not in _IGNORED]
    if unknown:
        raise ActionError(f"{label}() got an unexpected keyword {unknown[0]!r} (expected: *keys)")
    keys = list(call.args)
    if len(keys) == 1 and isinstance(keys[0], list):
        keys = keys[0]
    if not keys or not all(isinstance(k, str) for k in keys):
        raise ActionError(f"{label}() needs one or more key names as strings, got {keys!r}")
    return [build("press", ["+".join(keys)], label=label)]


def _scroll(name: str, label: str, v: dict[str, Any]) -> list[Action]:
    clicks = v.get("clicks")
    if isinstance(clicks, bool) or not isinstance(clicks, int | float):
        raise ActionError(f"{label}(): clicks must be a number, got {clicks!r}")
    if not abs(clicks) <= 1000:
        raise ActionError(f"{label}(): clicks must be between -1000 and 1000, got {clicks!r}")
    px = clicks * SCROLL_CLICK_PX
    delta = {"dx": px, "dy": 0} if name == "hscroll" else {"dx": 0, "dy": -px}
    return [build("scroll", (), {**delta, **_point(label, v)}, label=label)]


def from_pyautogui(call: Call) -> list[Action]:
    """Translate one ``pyautogui.X(...)`` or ``time.sleep(s)`` call into typed actions."""
    label = call.func
    if call.func in ("time.sleep", "pyautogui.sleep"):
        (seconds,) = bind_arguments(
            label, ("secs",), ("secs",), ("secs",), call.args, call.kwargs
        ).values()
        return [build("wait", [seconds], label=label)]
    module, _, name = call.func.partition(".")
    if module != "pyautogui" or "." in name:
        raise ActionError(
            f"refused call of {call.func!r}: only pyautogui.* and time.sleep are allowed"
        )
    if name in _UNSUPPORTED:
        raise ActionError(f"{label}: {_UNSUPPORTED[name]}")
    if name == "hotkey":
        return _hotkey(call, label)
    if name not in _SIGS:
        hint = did_you_mean(name, PYAUTOGUI_NAMES)
        raise ActionError(
            f"unsupported pyautogui function {name!r}{hint}; supported: "
            + ", ".join(sorted(PYAUTOGUI_NAMES))
        )
    positional, names = _SIGS[name]
    kwargs = {k: v for k, v in call.kwargs.items() if k not in _IGNORED}
    v = bind_arguments(label, positional, names, (), call.args, kwargs)
    button = v.get("button", "left")
    if name == "doubleClick":
        return [build("double_click", (), {**_point(label, v), "button": button}, label=label)]
    if name == "rightClick":
        return [build("right_click", (), _point(label, v), label=label)]
    if name in ("click", "tripleClick", "middleClick"):
        clicks = 3 if name == "tripleClick" else v.get("clicks", 1)
        button = "middle" if name == "middleClick" else button
        return [
            build(
                "click", (), {**_point(label, v), "button": button, "clicks": clicks}, label=label
            )
        ]
    if name == "moveTo":
        return [build("move", (), _point(label, v), label=label)]
    if name == "dragTo":
        return [
            build("mouse_down", (), {"button": button}, label=label),
            build("move", (), _point(label, v), label=label),
            build("mouse_up", (), {"button": button}, label=label),
        ]
    if name in ("mouseDown", "mouseUp"):
        kind = "mouse_down" if name == "mouseDown" else "mouse_up"
        return [build(kind, (), {**_point(label, v), "button": button}, label=label)]
    if name in ("scroll", "vscroll", "hscroll"):
        return _scroll(name, label, v)
    if name in ("write", "typewrite"):
        message = v.get("message")
        if isinstance(message, list):
            return [build("press", [k], label=label) for k in message]
        return [build("type", [message], label=label)]
    if name == "press":
        keys = v.get("keys")
        presses = v.get("presses", 1)
        if isinstance(presses, bool) or not isinstance(presses, int) or not 1 <= presses <= 50:
            raise ActionError(
                f"{label}(): presses must be an integer from 1 to 50, got {presses!r}"
            )
        keys = keys if isinstance(keys, list) else [keys]
        return [build("press", [k], label=label) for _ in range(presses) for k in keys]
    kind = "key_down" if name == "keyDown" else "key_up"
    return [build(kind, [v.get("key")], label=label)]


# computer_13: action_type -> (our kind, parameter renames)
_C13: dict[str, tuple[str, dict[str, str]]] = {
    "MOVE_TO": ("move", {"x": "x", "y": "y"}),
    "CLICK": ("click", {"x": "x", "y": "y", "button": "button", "num_clicks": "clicks"}),
    "RIGHT_CLICK": ("right_click", {"x": "x", "y": "y"}),
    "DOUBLE_CLICK": ("double_click", {"x": "x", "y": "y"}),
    "MOUSE_DOWN": ("mouse_down", {"button": "button", "x": "x", "y": "y"}),
    "MOUSE_UP": ("mouse_up", {"button": "button", "x": "x", "y": "y"}),
    "TYPING": ("type", {"text": "text"}),
    "PRESS": ("press", {"key": "keys"}),
    "KEY_DOWN": ("key_down", {"key": "key"}),
    "KEY_UP": ("key_up", {"key": "key"}),
    "WAIT": ("wait", {"seconds": "seconds"}),
    "DONE": ("done", {}),
    "FAIL": ("fail", {"reason": "reason"}),
}
C13_TYPES = frozenset({*_C13, "DRAG_TO", "SCROLL", "HOTKEY"})


def _c13_params(action: Mapping[str, Any]) -> dict[str, Any]:
    if "parameters" in action:
        params = action["parameters"]
        if params is None:
            return {}
        if not isinstance(params, Mapping):
            raise ActionError(f"computer_13 'parameters' must be a dict, got {params!r}")
        extra = [k for k in action if k not in ("action_type", "parameters")]
        if extra:
            raise ActionError(f"computer_13 action has unexpected key {extra[0]!r}")
        return dict(params)
    return {k: v for k, v in action.items() if k != "action_type"}


def _expect(label: str, params: dict[str, Any], names: tuple[str, ...]) -> None:
    for key in params:
        if key not in names:
            expected = ", ".join(names) if names else "no parameters"
            raise ActionError(f"{label}: unexpected parameter {key!r} (expected: {expected})")


def from_computer13(action: Mapping[str, Any]) -> list[Action]:
    """Translate one computer_13 dict ({"action_type": "CLICK", "parameters": {...}})."""
    kind = action.get("action_type")
    if not isinstance(kind, str) or kind.upper() not in C13_TYPES:
        hint = did_you_mean(str(kind), C13_TYPES) if isinstance(kind, str) else ""
        raise ActionError(f"unknown computer_13 action_type {kind!r}{hint}")
    kind = kind.upper()
    label = kind
    params = _c13_params(action)
    if not all(isinstance(k, str) for k in params):
        raise ActionError(f"{label}: parameter names must be strings")
    if kind == "DRAG_TO":
        _expect(label, params, ("x", "y", "button"))
        button = params.get("button", "left")
        return [
            build("mouse_down", (), {"button": button}, label=label),
            build("move", (), {"x": params.get("x"), "y": params.get("y")}, label=label),
            build("mouse_up", (), {"button": button}, label=label),
        ]
    if kind == "SCROLL":
        _expect(label, params, ("dx", "dy", "clicks", "x", "y"))
        dx, dy = params.get("dx", 0), params.get("dy", params.get("clicks", 0))
        for name, value in (("dx", dx), ("dy", dy)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ActionError(
                    f"{label}: {name} must be a number of wheel clicks, got {value!r}"
                )
            if not abs(value) <= 1000:
                raise ActionError(f"{label}: {name} must be between -1000 and 1000 wheel clicks")
        point = {k: params[k] for k in ("x", "y") if params.get(k) is not None}
        delta = {"dx": dx * SCROLL_CLICK_PX, "dy": -dy * SCROLL_CLICK_PX}
        return [build("scroll", (), {**delta, **point}, label=label)]
    if kind == "HOTKEY":
        _expect(label, params, ("keys",))
        keys = params.get("keys")
        if (
            not isinstance(keys, list | tuple)
            or not keys
            or not all(isinstance(k, str) for k in keys)
        ):
            raise ActionError(f"{label}: keys must be a non-empty list of key names, got {keys!r}")
        return [build("press", ["+".join(keys)], label=label)]
    ours, renames = _C13[kind]
    _expect(label, params, tuple(renames))
    return [build(ours, (), {renames[k]: v for k, v in params.items()}, label=label)]
