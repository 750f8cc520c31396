"""``parse_action`` / ``parse_actions``: any accepted action input to typed actions.

Inputs: a guigym string (``click("e12")``), a dict (``{"action": "click", "x": 1, "y": 2}``),
an OSWorld pyautogui code string or "WAIT"/"DONE"/"FAIL", a computer_13 dict, a BrowserGym
string, or an already typed action. Strings are read with ``ast`` (literals only) and never
executed. The dialect is detected per call unless forced with ``dialect=``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.errors import ActionError, ConfigError, did_you_mean

from ._syntax import Call, read_calls
from .dialects import (
    BROWSERGYM_NAMES,
    BROWSERGYM_UNSUPPORTED,
    SPECIAL,
    from_browsergym,
    from_computer13,
    from_pyautogui,
)
from .table import SPECS, build
from .types import Action

__all__ = ["DIALECTS", "parse_action", "parse_actions"]

#: "auto" detects; "osworld" covers pyautogui strings, the special strings and computer_13 dicts.
DIALECTS = ("auto", "guigym", "osworld", "computer_13", "browsergym")
_OSWORLD_IMPORTS = frozenset({"pyautogui", "time"})


def _guigym(call: Call) -> list[Action]:
    if "." in call.func:
        raise ActionError(f"refused call of {call.func!r}: actions are bare names like click(...)")
    if call.func not in SPECS:
        raise ActionError(f"unknown action {call.func!r}{did_you_mean(call.func, SPECS)}")
    return [build(call.func, call.args, call.kwargs)]


def _auto(call: Call) -> list[Action]:
    """Dotted pyautogui/time calls are OSWorld; bare names are ours, else BrowserGym's."""
    if "." in call.func:
        if call.func.startswith("pyautogui.") or call.func == "time.sleep":
            return from_pyautogui(call)
        raise ActionError(
            f"refused call of {call.func!r}: only actions like click(...), pyautogui.* and "
            "time.sleep are allowed"
        )
    if call.func in SPECS:
        try:
            return _guigym(call)
        except ActionError as ours:
            if call.func not in BROWSERGYM_NAMES:
                raise
            try:
                return from_browsergym(call)
            except ActionError as theirs:
                # Report the language the call was written in: if it does not even bind to
                # our signature but binds to BrowserGym's, BrowserGym's complaint is the useful one.
                if _is_binding_error(ours) and not _is_binding_error(theirs):
                    raise theirs from None
            raise
    if call.func in BROWSERGYM_NAMES or call.func in BROWSERGYM_UNSUPPORTED:
        return from_browsergym(call)
    names = list(dict.fromkeys([*SPECS, *BROWSERGYM_NAMES]))
    raise ActionError(f"unknown action {call.func!r}{did_you_mean(call.func, names)}")


def _is_binding_error(err: ActionError) -> bool:
    text = str(err)
    return any(
        marker in text
        for marker in ("unexpected keyword", "positional argument", "missing required")
    )


_BY_DIALECT = {
    "auto": _auto,
    "guigym": _guigym,
    "osworld": from_pyautogui,
    "computer_13": from_pyautogui,
    "browsergym": from_browsergym,
}


def _from_dict(action: Mapping[Any, Any], dialect: str) -> list[Action]:
    if "action_type" in action and dialect in ("auto", "osworld", "computer_13"):
        return from_computer13(action)
    if "action" in action and dialect in ("auto", "guigym"):
        kind = action["action"]
        if not isinstance(kind, str):
            raise ActionError(f"'action' must be an action name, got {kind!r}")
        if kind not in SPECS:
            raise ActionError(f"unknown action {kind!r}{did_you_mean(kind, SPECS)}")
        kwargs = {k: v for k, v in action.items() if k != "action"}
        bad = [k for k in kwargs if not isinstance(k, str)]
        if bad:
            raise ActionError(f"{kind}(): argument names must be strings, got {bad[0]!r}")
        return [build(kind, (), kwargs)]
    raise ActionError(
        "a dict action needs an 'action' key (guigym, e.g. {'action': 'click', 'x': 1, 'y': 2})"
        " or an 'action_type' key (OSWorld computer_13)"
        + (f" for dialect {dialect!r}" if dialect != "auto" else "")
    )


def parse_actions(
    action: str | Mapping[str, Any] | Action, *, dialect: str = "auto"
) -> list[Action]:
    """Parse one step's input into one or more typed actions (raises ``ActionError``).

    Several statements (newlines or ``;``) give several actions, in order; so may a single
    dialect call (OSWorld ``dragTo`` is mouse_down, move, mouse_up). The env runs them all in
    one step.
    """
    if dialect not in DIALECTS:
        raise ConfigError(f"unknown action dialect {dialect!r}{did_you_mean(dialect, DIALECTS)}")
    if isinstance(action, Action):
        if type(action).kind not in SPECS:
            raise ActionError(f"not a guigym action: {action!r}")
        return [action]
    if isinstance(action, Mapping):
        return _from_dict(action, dialect)
    if not isinstance(action, str):
        raise ActionError(f"an action must be a string or a dict, got {type(action).__name__}")
    special = action.strip()
    if special in SPECIAL and dialect in ("auto", "osworld"):
        return [SPECIAL[special]()]
    imports = _OSWORLD_IMPORTS if dialect in ("auto", "osworld", "computer_13") else frozenset()
    convert = _BY_DIALECT[dialect]
    actions: list[Action] = []
    for call in read_calls(action, imports):
        actions.extend(convert(call))
    return actions


def parse_action(action: str | Mapping[str, Any] | Action, *, dialect: str = "auto") -> Action:
    """Parse exactly one action (raises ``ActionError``; see ``parse_actions`` for several)."""
    actions = parse_actions(action, dialect=dialect)
    if len(actions) != 1:
        raise ActionError(
            f"expected one action, got {len(actions)} "
            f"({', '.join(a.kind for a in actions[:5])}); use parse_actions() for several"
        )
    return actions[0]
