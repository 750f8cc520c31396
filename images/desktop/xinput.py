"""Mouse and keyboard through the XTEST extension (python-xlib), no pyautogui, no sleeps.

Why direct XTest: pyautogui sleeps 0.1 s per call unless told not to and pulls an old Xlib; one
persistent connection sends events in microseconds. Key names are the action language's
(Playwright-style: ``Enter``, ``Control+s``, ``ArrowLeft``, single printable characters);
``type_text`` maps characters to keysyms and, for characters the keymap lacks (non-ASCII),
temporarily binds a spare keycode, as xdotool does.
"""

from __future__ import annotations

import threading

from guigym.images.desktop.windows import open_display
from Xlib import XK, X
from Xlib.ext import xtest

from guigym.errors import ActionError

__all__ = ["Input", "KEYSYMS"]

#: action-language key name -> X keysym name
KEYSYMS: dict[str, str] = {
    "Control": "Control_L", "Shift": "Shift_L", "Alt": "Alt_L", "Meta": "Super_L",
    "ControlOrMeta": "Control_L", "Enter": "Return", "Tab": "Tab", "Escape": "Escape",
    "Backspace": "BackSpace", "Delete": "Delete", "Insert": "Insert", "Space": "space",
    "Home": "Home", "End": "End", "PageUp": "Prior", "PageDown": "Next", "ArrowUp": "Up",
    "ArrowDown": "Down", "ArrowLeft": "Left", "ArrowRight": "Right", "CapsLock": "Caps_Lock",
    "NumLock": "Num_Lock", "ScrollLock": "Scroll_Lock", "PrintScreen": "Print",
    "Pause": "Pause", "ContextMenu": "Menu",
    **{f"F{i}": f"F{i}" for i in range(1, 13)},
    **{f"Numpad{i}": f"KP_{i}" for i in range(10)},
    "NumpadAdd": "KP_Add", "NumpadSubtract": "KP_Subtract", "NumpadMultiply": "KP_Multiply",
    "NumpadDivide": "KP_Divide", "NumpadDecimal": "KP_Decimal", "NumpadEnter": "KP_Enter",
    "AudioVolumeMute": "XF86AudioMute", "AudioVolumeUp": "XF86AudioRaiseVolume",
    "AudioVolumeDown": "XF86AudioLowerVolume", "MediaPlayPause": "XF86AudioPlay",
    "MediaTrackNext": "XF86AudioNext", "MediaTrackPrevious": "XF86AudioPrev",
    **{f"Key{c}": c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    **{f"Digit{i}": str(i) for i in range(10)},
    "Minus": "minus", "Equal": "equal", "BracketLeft": "bracketleft",
    "BracketRight": "bracketright", "Backslash": "backslash", "Semicolon": "semicolon",
    "Quote": "apostrophe", "Backquote": "grave", "Comma": "comma", "Period": "period",
    "Slash": "slash",
}  # fmt: skip
_CHAR_NAMES = {
    " ": "space", "\n": "Return", "\t": "Tab", "!": "exclam", '"': "quotedbl",
    "#": "numbersign", "$": "dollar", "%": "percent", "&": "ampersand", "'": "apostrophe",
    "(": "parenleft", ")": "parenright", "*": "asterisk", "+": "plus", ",": "comma",
    "-": "minus", ".": "period", "/": "slash", ":": "colon", ";": "semicolon", "<": "less",
    "=": "equal", ">": "greater", "?": "question", "@": "at", "[": "bracketleft",
    "\\": "backslash", "]": "bracketright", "^": "asciicircum", "_": "underscore",
    "`": "grave", "{": "braceleft", "|": "bar", "}": "braceright", "~": "asciitilde",
}  # fmt: skip
_BUTTONS = {"left": 1, "middle": 2, "right": 3}


class Input:
    """XTest input on one display; thread-safe (one lock around the connection)."""

    def __init__(self, display_name: str, size: tuple[int, int]) -> None:
        self.d = open_display(display_name)
        if not self.d.has_extension("XTEST"):
            raise ActionError("the X server has no XTEST extension")
        self.size = size
        self.lock = threading.Lock()
        self.held_keys: set[int] = set()
        self.held_buttons: set[int] = set()
        mn, mx = self.d.display.info.min_keycode, self.d.display.info.max_keycode
        self._spare = self._find_spares(mn, mx)
        self._mapped: dict[str, int] = {}

    def close(self) -> None:
        self.d.close()

    # -- helpers ---------------------------------------------------------------------------------
    def _find_spares(self, lo: int, hi: int) -> list[int]:
        mapping = self.d.get_keyboard_mapping(lo, hi - lo + 1)
        return [lo + i for i in range(len(mapping) - 1, -1, -1) if all(k == 0 for k in mapping[i])]

    def _check_point(self, x: float, y: float) -> tuple[int, int]:
        w, h = self.size
        if not (0 <= x < w and 0 <= y < h):
            raise ActionError(
                f"point ({x:g}, {y:g}) is off-screen; the screen is {w}x{h} "
                f"(x in 0..{w - 1}, y in 0..{h - 1})"
            )
        return int(x), int(y)

    def _button(self, name: str) -> int:
        if name not in _BUTTONS:
            raise ActionError(f"unknown mouse button {name!r}; use left, right or middle")
        return _BUTTONS[name]

    def _keycode_for_name(self, name: str) -> tuple[int, bool]:
        """(keycode, needs shift) for an action-language key name."""
        if len(name) == 1:
            return self._keycode_for_char(name)
        sym_name = KEYSYMS.get(name)
        if sym_name is None:
            raise ActionError(f"unknown key {name!r} for the desktop")
        sym = XK.string_to_keysym(sym_name)
        code = self.d.keysym_to_keycode(sym)
        if not code:
            raise ActionError(f"key {name!r} has no key on this keyboard")
        return code, False

    def _keycode_for_char(self, ch: str) -> tuple[int, bool]:
        name = _CHAR_NAMES.get(ch, ch)
        sym = XK.string_to_keysym(name)
        if not sym:
            return 0, False
        for code, index in self.d.keysym_to_keycodes(sym):
            if index in (0, 1):
                return code, index == 1
        return 0, False

    def _fake(self, kind: int, detail: int, x: int = 0, y: int = 0) -> None:
        if kind == X.MotionNotify:
            xtest.fake_input(self.d, X.MotionNotify, x=x, y=y)
        else:
            xtest.fake_input(self.d, kind, detail)

    # -- pointer ---------------------------------------------------------------------------------
    def move(self, x: float, y: float) -> None:
        px, py = self._check_point(x, y)
        with self.lock:
            self._fake(X.MotionNotify, 0, px, py)
            self.d.sync()

    def pointer(self) -> tuple[int, int]:
        p = self.d.screen().root.query_pointer()
        return int(p.root_x), int(p.root_y)

    def click(
        self, x: float | None, y: float | None, button: str = "left", clicks: int = 1
    ) -> None:
        code = self._button(button)
        with self.lock:
            if x is not None and y is not None:
                px, py = self._check_point(x, y)
                self._fake(X.MotionNotify, 0, px, py)
            for _ in range(max(1, int(clicks))):
                self._fake(X.ButtonPress, code)
                self._fake(X.ButtonRelease, code)
            self.d.sync()

    def button(self, down: bool, x: float | None, y: float | None, button: str = "left") -> None:
        code = self._button(button)
        with self.lock:
            if x is not None and y is not None:
                px, py = self._check_point(x, y)
                self._fake(X.MotionNotify, 0, px, py)
            self._fake(X.ButtonPress if down else X.ButtonRelease, code)
            (self.held_buttons.add if down else self.held_buttons.discard)(code)
            self.d.sync()

    def drag(self, x1: float, y1: float, x2: float, y2: float, steps: int = 8) -> None:
        a, b = self._check_point(x1, y1), self._check_point(x2, y2)
        with self.lock:
            self._fake(X.MotionNotify, 0, *a)
            self._fake(X.ButtonPress, 1)
            self.d.sync()
            for i in range(1, steps + 1):
                px = a[0] + (b[0] - a[0]) * i // steps
                py = a[1] + (b[1] - a[1]) * i // steps
                self._fake(X.MotionNotify, 0, px, py)
                self.d.sync()
            self._fake(X.ButtonRelease, 1)
            self.d.sync()

    def scroll(self, dx: float, dy: float, x: float | None = None, y: float | None = None) -> None:
        """Wheel clicks: one per ~100 pixels (at least one when the delta is non-zero)."""
        with self.lock:
            if x is not None and y is not None:
                self._fake(X.MotionNotify, 0, *self._check_point(x, y))
            for delta, neg, pos in ((dy, 4, 5), (dx, 6, 7)):
                if not delta:
                    continue
                n = max(1, min(50, round(abs(delta) / 100)))
                code = pos if delta > 0 else neg
                for _ in range(n):
                    self._fake(X.ButtonPress, code)
                    self._fake(X.ButtonRelease, code)
            self.d.sync()

    # -- keys ------------------------------------------------------------------------------------
    def key(self, name: str, down: bool) -> None:
        code, _ = self._keycode_for_name(name)
        if not code:
            raise ActionError(f"key {name!r} has no key on this keyboard")
        with self.lock:
            self._fake(X.KeyPress if down else X.KeyRelease, code)
            (self.held_keys.add if down else self.held_keys.discard)(code)
            self.d.sync()

    def combo(self, keys: list[str]) -> None:
        """Hold every key but the last, tap the last, release in reverse order."""
        codes: list[int] = []
        for name in keys:
            code, shift = self._keycode_for_name(name)
            if not code:
                raise ActionError(f"key {name!r} has no key on this keyboard")
            if shift and len(keys) == 1:
                codes.append(self.d.keysym_to_keycode(XK.string_to_keysym("Shift_L")))
            codes.append(code)
        with self.lock:
            for code in codes:
                self._fake(X.KeyPress, code)
            for code in reversed(codes):
                self._fake(X.KeyRelease, code)
            self.d.sync()

    def type_text(self, text: str) -> None:
        """Type ``text`` exactly, including characters the keymap lacks."""
        shift = self.d.keysym_to_keycode(XK.string_to_keysym("Shift_L"))
        plan: list[tuple[int, bool]] = []
        missing: list[str] = []
        for ch in text.replace("\r", ""):
            code, needs_shift = self._keycode_for_char(ch)
            if not code and ch not in self._mapped and ch not in missing:
                missing.append(ch)
            plan.append((code, needs_shift) if code else (-ord(ch), False))
        with self.lock:
            if missing:
                self._map_chars(missing)
            for code, needs_shift in plan:
                if code < 0:
                    code = self._mapped[chr(-code)]
                if needs_shift:
                    self._fake(X.KeyPress, shift)
                self._fake(X.KeyPress, code)
                self._fake(X.KeyRelease, code)
                if needs_shift:
                    self._fake(X.KeyRelease, shift)
            self.d.sync()

    def _map_chars(self, chars: list[str]) -> None:
        """Bind each character to its own spare keycode (all at once, so no event races)."""
        free = [c for c in self._spare if c not in self._mapped.values()]
        if len(chars) > len(free):
            self._mapped.clear()
            free = list(self._spare)
        if len(chars) > len(free):
            raise ActionError(f"cannot type {len(chars)} different non-keyboard characters at once")
        for ch, code in zip(chars, free, strict=False):
            sym = 0x01000000 + ord(ch) if ord(ch) > 0xFF else ord(ch)
            self.d.change_keyboard_mapping(code, [(sym, sym)])
            self._mapped[ch] = code
        self.d.sync()

    def release_all(self) -> None:
        """Let go of held keys and buttons (reset, or before the next episode)."""
        with self.lock:
            for code in list(self.held_keys):
                self._fake(X.KeyRelease, code)
            for code in list(self.held_buttons):
                self._fake(X.ButtonRelease, code)
            self.held_keys.clear()
            self.held_buttons.clear()
            self.d.sync()
