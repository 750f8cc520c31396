"""The typed actions: one frozen dataclass per action kind.

These dataclasses ARE the table: each field's metadata carries its value type and one-line doc,
the class docstring is the action's help text, and field order is the call signature. The
parser's whitelist, validation, ``format_action``, ``action_help`` and the action space are all
derived from them (see ``table.py``), so an action is defined in exactly one place.

Conventions for executors:
- coordinates ``x``/``y`` are pixels from the top-left of the viewport (web) or screen (desktop);
- ``element`` is an element id as shown in the observation's ``axtree``/``dom`` (e.g. ``"e12"``);
- a pointer action with neither a point nor an element acts at the current pointer position;
- ``Scroll.dx``/``dy`` are pixels as in a browser wheel event (positive ``dy`` scrolls down);
- keys are Playwright names (``Enter``, ``Control+s``), see ``keys.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = [
    "Action", "Click", "DoubleClick", "RightClick", "Hover", "Move", "Drag", "MouseDown",
    "MouseUp", "Scroll", "Type", "Fill", "Clear", "Press", "KeyDown", "KeyUp", "Focus", "Select",
    "Check", "Uncheck", "Upload", "Goto", "Back", "Forward", "NewTab", "SwitchTab", "CloseTab",
    "Wait", "Answer", "Done", "Fail", "Noop", "ACTION_CLASSES",
]  # fmt: skip

_REQUIRED: Any = ...  # sentinel: the field has no default


def _arg(vtype: str, doc: str, default: Any = _REQUIRED, *, pos: bool = False, kw: bool = False):
    """Declare an action argument: its value type (see table.VALUE_TYPES) and a one-line doc.

    ``pos``: written positionally by ``format_action`` even though it has a default.
    ``kw``: keyword-only when parsing (never bound from a positional argument).
    """
    meta = {"vtype": vtype, "doc": doc, "pos": pos, "kw": kw}
    if default is _REQUIRED:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Action:
    """Base of every typed action; ``kind`` is the action's name in the language."""

    kind: ClassVar[str] = ""
    #: "point": x/y; "either": x/y or an element (``click("e12")``); "" : no addressing.
    addressing: ClassVar[str] = ""
    #: the action needs a target (a point or an element), it cannot act "where the pointer is".
    needs_target: ClassVar[bool] = False
    #: help-text group and the envs where the action makes sense.
    group: ClassVar[str] = ""
    web_only: ClassVar[bool] = False


# -- pointer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Click(Action):
    """Click at a point, or on an element by id; with neither, at the pointer."""

    kind: ClassVar[str] = "click"
    addressing: ClassVar[str] = "either"
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels from the left", None, pos=True)
    y: float | None = _arg("coord", "y in pixels from the top", None, pos=True)
    button: str = _arg("button", "left, right or middle", "left")
    clicks: int = _arg("clicks", "number of clicks (1-10)", 1)
    element: str | None = _arg("element", 'element id, e.g. "e12"', None, kw=True)


@dataclass(frozen=True)
class DoubleClick(Action):
    """Double-click at a point or on an element."""

    kind: ClassVar[str] = "double_click"
    addressing: ClassVar[str] = "either"
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels", None, pos=True)
    y: float | None = _arg("coord", "y in pixels", None, pos=True)
    button: str = _arg("button", "left, right or middle", "left")
    element: str | None = _arg("element", "element id", None, kw=True)


@dataclass(frozen=True)
class RightClick(Action):
    """Right-click (context menu) at a point or on an element."""

    kind: ClassVar[str] = "right_click"
    addressing: ClassVar[str] = "either"
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels", None, pos=True)
    y: float | None = _arg("coord", "y in pixels", None, pos=True)
    element: str | None = _arg("element", "element id", None, kw=True)


@dataclass(frozen=True)
class Hover(Action):
    """Move the pointer over a point or an element (shows tooltips and hover menus)."""

    kind: ClassVar[str] = "hover"
    addressing: ClassVar[str] = "either"
    needs_target: ClassVar[bool] = True
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels", None, pos=True)
    y: float | None = _arg("coord", "y in pixels", None, pos=True)
    element: str | None = _arg("element", "element id", None, kw=True)


@dataclass(frozen=True)
class Move(Action):
    """Move the pointer to a point (with a button held down, this drags)."""

    kind: ClassVar[str] = "move"
    addressing: ClassVar[str] = "point"
    group: ClassVar[str] = "pointer"
    x: float = _arg("coord", "x in pixels")
    y: float = _arg("coord", "y in pixels")


@dataclass(frozen=True)
class Drag(Action):
    """Drag with the left button from (x1, y1) to (x2, y2)."""

    kind: ClassVar[str] = "drag"
    group: ClassVar[str] = "pointer"
    x1: float = _arg("coord", "start x")
    y1: float = _arg("coord", "start y")
    x2: float = _arg("coord", "end x")
    y2: float = _arg("coord", "end y")


@dataclass(frozen=True)
class MouseDown(Action):
    """Press a mouse button (at a point if given, else at the pointer)."""

    kind: ClassVar[str] = "mouse_down"
    addressing: ClassVar[str] = "point"
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels", None, pos=True)
    y: float | None = _arg("coord", "y in pixels", None, pos=True)
    button: str = _arg("button", "left, right or middle", "left")


@dataclass(frozen=True)
class MouseUp(Action):
    """Release a mouse button (at a point if given, else at the pointer)."""

    kind: ClassVar[str] = "mouse_up"
    addressing: ClassVar[str] = "point"
    group: ClassVar[str] = "pointer"
    x: float | None = _arg("coord", "x in pixels", None, pos=True)
    y: float | None = _arg("coord", "y in pixels", None, pos=True)
    button: str = _arg("button", "left, right or middle", "left")


@dataclass(frozen=True)
class Scroll(Action):
    """Scroll by (dx, dy) pixels (positive dy = down), at a point, over an element, or here."""

    kind: ClassVar[str] = "scroll"
    addressing: ClassVar[str] = "either"
    group: ClassVar[str] = "pointer"
    dx: float = _arg("delta", "horizontal pixels (positive = right)", 0, pos=True)
    dy: float = _arg("delta", "vertical pixels (positive = down)", 0, pos=True)
    x: float | None = _arg("coord", "scroll at this x", None)
    y: float | None = _arg("coord", "scroll at this y", None)
    element: str | None = _arg("element", "scroll this element", None, kw=True)


# -- text and keys ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Type(Action):
    """Type text with the keyboard into whatever has focus."""

    kind: ClassVar[str] = "type"
    group: ClassVar[str] = "text"
    text: str = _arg("text", "the text to type")


@dataclass(frozen=True)
class Fill(Action):
    """Replace the value of a text field with text."""

    kind: ClassVar[str] = "fill"
    group: ClassVar[str] = "text"
    element: str = _arg("element", "the field's element id")
    text: str = _arg("text", "the new value")


@dataclass(frozen=True)
class Clear(Action):
    """Empty a text field."""

    kind: ClassVar[str] = "clear"
    group: ClassVar[str] = "text"
    element: str = _arg("element", "the field's element id")


@dataclass(frozen=True)
class Press(Action):
    """Press a key or combination (Enter, Control+s, Shift+Tab), optionally on an element."""

    kind: ClassVar[str] = "press"
    group: ClassVar[str] = "keys"
    keys: str = _arg("combo", "key or combination joined with '+'")
    element: str | None = _arg("element", "focus this element first", None, kw=True)


@dataclass(frozen=True)
class KeyDown(Action):
    """Hold a key down (until key_up)."""

    kind: ClassVar[str] = "key_down"
    group: ClassVar[str] = "keys"
    key: str = _arg("key", "one key, e.g. Shift")


@dataclass(frozen=True)
class KeyUp(Action):
    """Release a held key."""

    kind: ClassVar[str] = "key_up"
    group: ClassVar[str] = "keys"
    key: str = _arg("key", "one key, e.g. Shift")


# -- form widgets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Focus(Action):
    """Give keyboard focus to an element."""

    kind: ClassVar[str] = "focus"
    group: ClassVar[str] = "form"
    element: str = _arg("element", "element id")


@dataclass(frozen=True)
class Select(Action):
    """Choose an option (by label or value) in a select box; a list selects several."""

    kind: ClassVar[str] = "select"
    group: ClassVar[str] = "form"
    element: str = _arg("element", "the select's element id")
    option: str | tuple[str, ...] = _arg("option", "option label or value, or a list of them")


@dataclass(frozen=True)
class Check(Action):
    """Tick a checkbox or radio button (no-op if already ticked)."""

    kind: ClassVar[str] = "check"
    group: ClassVar[str] = "form"
    element: str = _arg("element", "element id")


@dataclass(frozen=True)
class Uncheck(Action):
    """Untick a checkbox (no-op if already unticked)."""

    kind: ClassVar[str] = "uncheck"
    group: ClassVar[str] = "form"
    element: str = _arg("element", "element id")


@dataclass(frozen=True)
class Upload(Action):
    """Set the file(s) of a file input; paths are on the env's machine ("~/f.pdf")."""

    kind: ClassVar[str] = "upload"
    group: ClassVar[str] = "form"
    element: str = _arg("element", "the file input's element id")
    path: str | tuple[str, ...] = _arg("path", "file path, or a list of paths")


# -- browser ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goto(Action):
    """Open a URL in the current tab (only the task's sites are reachable)."""

    kind: ClassVar[str] = "goto"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True
    url: str = _arg("url", "absolute URL, e.g. http://shop.test/cart")


@dataclass(frozen=True)
class Back(Action):
    """Go back in the tab's history."""

    kind: ClassVar[str] = "back"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True


@dataclass(frozen=True)
class Forward(Action):
    """Go forward in the tab's history."""

    kind: ClassVar[str] = "forward"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True


@dataclass(frozen=True)
class NewTab(Action):
    """Open a new tab (blank, or at a URL) and switch to it."""

    kind: ClassVar[str] = "new_tab"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True
    url: str | None = _arg("url", "URL to open", None, pos=True)


@dataclass(frozen=True)
class SwitchTab(Action):
    """Switch to the tab with this index (0 = first, as listed in the observation's tabs)."""

    kind: ClassVar[str] = "switch_tab"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True
    index: int = _arg("index", "tab index from 0")


@dataclass(frozen=True)
class CloseTab(Action):
    """Close the current tab."""

    kind: ClassVar[str] = "close_tab"
    group: ClassVar[str] = "browser"
    web_only: ClassVar[bool] = True


# -- control ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait(Action):
    """Wait before the next observation (the env also waits for the page to settle)."""

    kind: ClassVar[str] = "wait"
    group: ClassVar[str] = "control"
    seconds: float = _arg("seconds", "0 to 30 seconds", 1.0, pos=True)


@dataclass(frozen=True)
class Answer(Action):
    """Give your reply for an answer subtask; one answer per subtask, and it is final.

    Without ``subtask`` it goes to the first answer subtask not yet answered, in chain order.
    """

    kind: ClassVar[str] = "answer"
    group: ClassVar[str] = "control"
    text: str = _arg("text", "the answer")
    subtask: str | None = _arg("subtask", "id of the subtask it answers", None, kw=True)


@dataclass(frozen=True)
class Done(Action):
    """Declare the task finished (ends the episode)."""

    kind: ClassVar[str] = "done"
    group: ClassVar[str] = "control"


@dataclass(frozen=True)
class Fail(Action):
    """Declare the task infeasible, with the reason (ends the episode)."""

    kind: ClassVar[str] = "fail"
    group: ClassVar[str] = "control"
    reason: str = _arg("text", "why it cannot be done", "", pos=True)


@dataclass(frozen=True)
class Noop(Action):
    """Do nothing this step."""

    kind: ClassVar[str] = "noop"
    group: ClassVar[str] = "control"


ACTION_CLASSES: tuple[type[Action], ...] = (
    Click, DoubleClick, RightClick, Hover, Move, Drag, MouseDown, MouseUp, Scroll,
    Type, Fill, Clear, Press, KeyDown, KeyUp,
    Focus, Select, Check, Uncheck, Upload,
    Goto, Back, Forward, NewTab, SwitchTab, CloseTab,
    Wait, Answer, Done, Fail, Noop,
)  # fmt: skip
