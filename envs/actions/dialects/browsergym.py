"""BrowserGym compatibility: its high-level action strings, translated, never executed.

BrowserGym agents write Python calls such as ``click("a51")`` or ``fill("b12", "hello")``;
``_syntax.read_calls`` reads them (literals only) and each supported call becomes typed actions.
Element ids (BrowserGym "bid"s) pass through as our element ids.
"""

from __future__ import annotations

from typing import Any

from guigym.errors import ActionError, did_you_mean

from .._syntax import Call
from ..table import REQUIRED, bind_arguments, build
from ..types import Action

__all__ = ["BROWSERGYM_NAMES", "BROWSERGYM_UNSUPPORTED", "from_browsergym"]

# name -> ((param, default), ...) exactly as BrowserGym declares them.
_SIGS: dict[str, tuple[tuple[str, Any], ...]] = {
    "click": (("bid", REQUIRED), ("button", "left"), ("modifiers", [])),
    "dblclick": (("bid", REQUIRED), ("button", "left"), ("modifiers", [])),
    "hover": (("bid", REQUIRED),),
    "fill": (("bid", REQUIRED), ("value", REQUIRED)),
    "clear": (("bid", REQUIRED),),
    "focus": (("bid", REQUIRED),),
    "check": (("bid", REQUIRED),),
    "uncheck": (("bid", REQUIRED),),
    "select_option": (("bid", REQUIRED), ("options", REQUIRED)),
    "press": (("bid", REQUIRED), ("key_comb", REQUIRED)),
    "upload_file": (("bid", REQUIRED), ("file", REQUIRED)),
    "scroll": (("delta_x", REQUIRED), ("delta_y", REQUIRED)),
    "mouse_move": (("x", REQUIRED), ("y", REQUIRED)),
    "mouse_click": (("x", REQUIRED), ("y", REQUIRED), ("button", "left")),
    "mouse_dblclick": (("x", REQUIRED), ("y", REQUIRED), ("button", "left")),
    "mouse_down": (("x", REQUIRED), ("y", REQUIRED), ("button", "left")),
    "mouse_up": (("x", REQUIRED), ("y", REQUIRED), ("button", "left")),
    "mouse_drag_and_drop": (
        ("from_x", REQUIRED),
        ("from_y", REQUIRED),
        ("to_x", REQUIRED),
        ("to_y", REQUIRED),
    ),
    "keyboard_type": (("text", REQUIRED),),
    "keyboard_insert_text": (("text", REQUIRED),),
    "keyboard_press": (("key", REQUIRED),),
    "keyboard_down": (("key", REQUIRED),),
    "keyboard_up": (("key", REQUIRED),),
    "goto": (("url", REQUIRED),),
    "go_back": (),
    "go_forward": (),
    "new_tab": (),
    "tab_close": (),
    "tab_focus": (("index", REQUIRED),),
    "send_msg_to_user": (("text", REQUIRED),),
    "report_infeasible": (("reason", REQUIRED),),
    "noop": (("wait_ms", 1000),),
    "drag_and_drop": (("from_bid", REQUIRED), ("to_bid", REQUIRED)),
}
BROWSERGYM_UNSUPPORTED = {
    "mouse_upload_file": "a file chooser opened by a click at a point; use upload_file(bid, file)",
}
_MODIFIERS = ("Alt", "Control", "Meta", "Shift")
BROWSERGYM_NAMES = frozenset(_SIGS)

# name -> (our kind, {their param: our param}) for the one-to-one translations.
_SIMPLE: dict[str, tuple[str, dict[str, str]]] = {
    "hover": ("hover", {"bid": "element"}),
    "fill": ("fill", {"bid": "element", "value": "text"}),
    "clear": ("clear", {"bid": "element"}),
    "focus": ("focus", {"bid": "element"}),
    "check": ("check", {"bid": "element"}),
    "uncheck": ("uncheck", {"bid": "element"}),
    "select_option": ("select", {"bid": "element", "options": "option"}),
    "press": ("press", {"bid": "element", "key_comb": "keys"}),
    "upload_file": ("upload", {"bid": "element", "file": "path"}),
    "scroll": ("scroll", {"delta_x": "dx", "delta_y": "dy"}),
    "mouse_move": ("move", {"x": "x", "y": "y"}),
    "mouse_click": ("click", {"x": "x", "y": "y", "button": "button"}),
    "mouse_dblclick": ("double_click", {"x": "x", "y": "y", "button": "button"}),
    "mouse_down": ("mouse_down", {"x": "x", "y": "y", "button": "button"}),
    "mouse_up": ("mouse_up", {"x": "x", "y": "y", "button": "button"}),
    "mouse_drag_and_drop": ("drag", {"from_x": "x1", "from_y": "y1", "to_x": "x2", "to_y": "y2"}),
    "keyboard_type": ("type", {"text": "text"}),
    "keyboard_insert_text": ("type", {"text": "text"}),
    "keyboard_press": ("press", {"key": "keys"}),
    "keyboard_down": ("key_down", {"key": "key"}),
    "keyboard_up": ("key_up", {"key": "key"}),
    "goto": ("goto", {"url": "url"}),
    "go_back": ("back", {}),
    "go_forward": ("forward", {}),
    "new_tab": ("new_tab", {}),
    "tab_close": ("close_tab", {}),
    "tab_focus": ("switch_tab", {"index": "index"}),
    "send_msg_to_user": ("answer", {"text": "text"}),
    "report_infeasible": ("fail", {"reason": "reason"}),
}


def _renamed(message: str, renames: dict[str, str]) -> str:
    """Say BrowserGym's parameter names in errors (``value``, not our ``text``)."""
    for theirs, ours in renames.items():
        if theirs != ours:
            message = message.replace(f"(): {ours} ", f"(): {theirs} ")
            message = message.replace(f"(): {ours}: ", f"(): {theirs}: ")
    return message


def from_browsergym(call: Call) -> list[Action]:
    """Translate one BrowserGym high-level call into typed actions."""
    name = call.func
    if name in BROWSERGYM_UNSUPPORTED:
        raise ActionError(
            f"BrowserGym action {name!r} is not supported; {BROWSERGYM_UNSUPPORTED[name]}"
        )
    if name not in _SIGS:
        hint = did_you_mean(name, BROWSERGYM_NAMES)
        raise ActionError(f"unknown BrowserGym action {name!r}{hint}")
    sig = _SIGS[name]
    names = tuple(p for p, _ in sig)
    required = tuple(p for p, d in sig if d is REQUIRED)
    v = bind_arguments(name, names, names, required, call.args, call.kwargs)
    if name in ("click", "dblclick"):
        mods = _modifiers(name, v.get("modifiers", []))
        kind = "click" if name == "click" else "double_click"
        kwargs = {"element": v["bid"], "button": v.get("button", "left")}
        # held around the click, as Playwright's click(modifiers=...) does
        return (
            [build("key_down", (m,), label=name) for m in mods]
            + [_build(kind, kwargs, name, {"bid": "element"})]
            + [build("key_up", (m,), label=name) for m in reversed(mods)]
        )
    if name == "drag_and_drop":  # BrowserGym's own steps: hover, press, hover, release
        return [
            _build("hover", {"element": v["from_bid"]}, name, {"from_bid": "element"}),
            build("mouse_down", label=name),
            _build("hover", {"element": v["to_bid"]}, name, {"to_bid": "element"}),
            build("mouse_up", label=name),
        ]
    if name == "noop":
        wait_ms = v.get("wait_ms", 1000)
        if isinstance(wait_ms, bool) or not isinstance(wait_ms, int | float):
            raise ActionError(f"noop(): wait_ms must be a number, got {wait_ms!r}")
        if not 0 <= wait_ms <= 30_000:
            raise ActionError(f"noop(): wait_ms must be between 0 and 30000, got {wait_ms!r}")
        return (
            [build("noop")] if "wait_ms" not in v else [build("wait", [wait_ms / 1000], label=name)]
        )
    kind, renames = _SIMPLE[name]
    return [_build(kind, {renames[k]: value for k, value in v.items()}, name, renames)]


def _modifiers(name: str, mods: Any) -> list[str]:
    if not isinstance(mods, list | tuple) or not all(isinstance(m, str) for m in mods):
        raise ActionError(f"{name}(): modifiers must be a list of key names, got {mods!r}")
    bad = [m for m in mods if m not in _MODIFIERS]
    if bad:
        raise ActionError(
            f"{name}(): modifiers must be among {', '.join(_MODIFIERS)}, got {bad[0]!r}"
        )
    return list(dict.fromkeys(mods))


def _build(kind: str, kwargs: dict[str, Any], label: str, renames: dict[str, str]) -> Action:
    try:
        return build(kind, (), kwargs, label=label)
    except ActionError as err:
        raise ActionError(_renamed(str(err), renames)) from None
