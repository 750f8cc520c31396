"""Typed actions -> control-server calls on the desktop (XTest input, AT-SPI elements).

Agent mistakes (an off-screen point, an unknown element id, a key the keyboard lacks) come back
from the server as ``ActionError`` and become ``last_action_error``; a dead desktop is a
``ServiceError`` (an ``EnvError``). Browser actions drive the Chromium window with its own
shortcuts (``goto`` = Control+L, the URL, Enter), since the desktop has no tab API.

Deadlines: every control call the executor makes has a timeout well inside a step's 10 s
(``INPUT_TIMEOUT_S``, ``ELEMENT_TIMEOUT_S``); text goes in chunks of ``TYPE_CHUNK`` characters,
and one ``type()`` (its chunks, line breaks and the waits after them) stops with an agent error
after ``TYPE_BUDGET_S``. A call that runs out is a ``ServiceError`` (an ``EnvError``); the next
``reset()`` recovers the desktop.
"""

from __future__ import annotations

import time
from typing import Any

from guigym.envs.core.type_budget import TypeBudget, split_breaks

from guigym.errors import ActionError

__all__ = ["DesktopExecutor", "split_combo", "element_ref"]


_MAX_WAIT_S = 30.0
#: one XTest input call (a few ms normally)
INPUT_TIMEOUT_S = 5.0
#: one AT-SPI element call (locate, focus, set_text, press)
ELEMENT_TIMEOUT_S = 6.0
#: characters per input call
TYPE_CHUNK = 200
#: the whole of one type(): chunks, line breaks and the waits after them
TYPE_BUDGET_S = 4.0


def split_combo(combo: str) -> list[str]:
    """``Control+Shift+t`` -> keys; a literal ``+`` is allowed (``Control++``)."""
    keys: list[str] = []
    rest = combo
    while rest:
        cut = rest.find("+", 1)
        if cut == -1:
            keys.append(rest)
            break
        keys.append(rest[:cut])
        rest = rest[cut + 1 :]
    return keys


def element_ref(element: str) -> str | dict:
    """An element id stays a string; a locator (``role=...``) becomes the reader's dict."""
    from guigym.envs.actions import is_locator, parse_locator

    if is_locator(element):
        loc = parse_locator(element)
        if loc.kind not in ("role", "text", "label", "title"):
            raise ActionError(
                f"the desktop resolves role=, text=, label= and title= locators, not {loc.kind}="
            )
        return {"kind": loc.kind, "value": loc.value, "name": loc.name, "raw": element}
    return element


class _Bounded:
    """The client's ``input`` and ``element`` calls with this module's timeouts.

    Why a wrapper: ``DesktopClient.input``/``element`` fix their HTTP timeouts at 30 s and 15 s,
    longer than a whole step may take; the same requests go out with shorter ones.
    """

    def __init__(self, client: Any) -> None:
        self.client = client
        self._json = getattr(client, "_json", None)

    def input(self, op: str, **fields: Any) -> dict:
        if self._json is None:
            return self.client.input(op, **fields)
        body = {"op": op, **fields}
        return self._json("POST", "/input", json=body, timeout=INPUT_TIMEOUT_S)

    def element(self, element: str | dict, do: str = "locate", text: str = "") -> dict:
        if self._json is None:
            return self.client.element(element, do, text)
        body = {"element": element, "do": do, "text": text}
        return self._json("POST", "/element", json=body, timeout=ELEMENT_TIMEOUT_S)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


class DesktopExecutor:
    """Performs one typed action through a ``DesktopClient``."""

    def __init__(self, client: Any) -> None:
        self.client = _Bounded(client)

    def _point(self, action: Any) -> tuple[float | None, float | None]:
        element = getattr(action, "element", None)
        if element:
            box = self.client.element(element_ref(element), "locate")
            return box["cx"], box["cy"]
        return getattr(action, "x", None), getattr(action, "y", None)

    def run(self, action: Any) -> None:
        kind = action.kind
        handler = getattr(self, f"_do_{kind}", None)
        if handler is None:
            raise ActionError(f"{kind}() is not available on the desktop")
        handler(action)

    # -- pointer ---------------------------------------------------------------------------------
    def _do_click(self, a: Any) -> None:
        x, y = self._point(a)
        self.client.input("click", x=x, y=y, button=a.button, clicks=a.clicks)

    def _do_double_click(self, a: Any) -> None:
        x, y = self._point(a)
        self.client.input("click", x=x, y=y, button=a.button, clicks=2)

    def _do_right_click(self, a: Any) -> None:
        x, y = self._point(a)
        self.client.input("click", x=x, y=y, button="right", clicks=1)

    def _do_hover(self, a: Any) -> None:
        x, y = self._point(a)
        self.client.input("move", x=x, y=y)

    def _do_move(self, a: Any) -> None:
        self.client.input("move", x=a.x, y=a.y)

    def _do_drag(self, a: Any) -> None:
        self.client.input("drag", x=a.x1, y=a.y1, x2=a.x2, y2=a.y2)

    def _do_mouse_down(self, a: Any) -> None:
        self.client.input("button", down=True, x=a.x, y=a.y, button=a.button)

    def _do_mouse_up(self, a: Any) -> None:
        self.client.input("button", down=False, x=a.x, y=a.y, button=a.button)

    def _do_scroll(self, a: Any) -> None:
        x, y = self._point(a)
        self.client.input("scroll", dx=a.dx, dy=a.dy, x=x, y=y)

    # -- text and keys ---------------------------------------------------------------------------
    def _do_type(self, a: Any) -> None:
        self._type_text(a.text)

    def _type_text(self, text: str) -> None:
        """Type ``text``; each line break or tab is its own key press, awaited on screen.

        Why: LibreOffice handles Enter and Tab as shortcuts that it posts back to itself and
        runs after the keys already queued, so "a\\nb" typed in one burst came out as "ab" and
        then the break. A person's keys are slow enough; ours wait for the screen to change
        (the new line drawn) before the next line, a condition, not a fixed pause.
        """
        budget = TypeBudget(
            text,
            TYPE_BUDGET_S,
            "(each line break waits for the screen); type the rest in another step",
        )
        for part in split_breaks(text):
            if part in ("\n", "\t"):
                self.client.settle(quiet_ms=40, timeout_ms=budget.left_ms(1000))
                budget.left_ms(0)
                self.client.input("combo", keys=["Enter" if part == "\n" else "Tab"])
                budget.typed += 1
                self.client.settle(quiet_ms=40, timeout_ms=budget.left_ms(1500), change_ms=500)
            else:
                for start in range(0, len(part), TYPE_CHUNK):
                    budget.left_ms(0)
                    chunk = part[start : start + TYPE_CHUNK]
                    self.client.input("type", text=chunk)
                    budget.typed += len(chunk)

    def _do_press(self, a: Any) -> None:
        if a.element:
            self.client.element(element_ref(a.element), "focus")
        self.client.input("combo", keys=split_combo(a.keys))

    def _do_key_down(self, a: Any) -> None:
        self.client.input("key", key=a.key, down=True)

    def _do_key_up(self, a: Any) -> None:
        self.client.input("key", key=a.key, down=False)

    def _do_focus(self, a: Any) -> None:
        self.client.element(element_ref(a.element), "focus")

    def _do_fill(self, a: Any) -> None:
        ref = element_ref(a.element)
        try:
            self.client.element(ref, "set_text", a.text)
        except ActionError:  # not an AT-SPI editable text: click, select all, type
            box = self.client.element(ref, "locate")
            self.client.input("click", x=box["cx"], y=box["cy"])
            self.client.input("combo", keys=["Control", "a"])
            self._type_text(a.text)

    def _do_clear(self, a: Any) -> None:
        self._do_fill(type("F", (), {"element": a.element, "text": ""})())

    def _do_check(self, a: Any) -> None:
        self.client.element(element_ref(a.element), "press")

    _do_uncheck = _do_check

    def _do_wait(self, a: Any) -> None:
        time.sleep(max(0.0, min(float(a.seconds), _MAX_WAIT_S)))

    # -- the browser window ----------------------------------------------------------------------
    def _browser(self) -> None:
        wins = [w for w in self.client.windows() if "chromium" in w["app"].lower()]
        if not wins:
            raise ActionError("no browser window is open; start it from the panel menu first")
        if not any(w["active"] for w in wins):
            before = self.client.fingerprint()
            self.client.focus_window(wins[-1]["id"])
            self.client.settle(50, 2000, 1000, before)

    def _shortcut_then_type(self, keys: list[str]) -> None:
        """Press a shortcut that moves the focus (address bar, new tab) and wait until the
        screen shows it, so the text typed next is not lost."""
        before = self.client.fingerprint()
        self.client.input("combo", keys=keys)
        self.client.settle(50, 2000, 1000, before)

    def _do_goto(self, a: Any) -> None:
        self._browser()
        self._shortcut_then_type(["Control", "l"])
        self.client.input("type", text=a.url)
        self.client.input("combo", keys=["Enter"])

    def _do_new_tab(self, a: Any) -> None:
        self._browser()
        self._shortcut_then_type(["Control", "t"])
        if a.url:
            self.client.input("type", text=a.url)
            self.client.input("combo", keys=["Enter"])

    def _do_back(self, a: Any) -> None:
        self._browser()
        self.client.input("combo", keys=["Alt", "ArrowLeft"])

    def _do_forward(self, a: Any) -> None:
        self._browser()
        self.client.input("combo", keys=["Alt", "ArrowRight"])

    def _do_close_tab(self, a: Any) -> None:
        self._browser()
        self.client.input("combo", keys=["Control", "w"])

    def _do_switch_tab(self, a: Any) -> None:
        self._browser()
        if not 0 <= a.index < 8:
            raise ActionError("switch_tab on the desktop reaches tabs 0..7 (Control+1..8)")
        self.client.input("combo", keys=["Control", str(a.index + 1)])
