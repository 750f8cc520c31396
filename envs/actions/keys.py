"""Key names: one table of Playwright-style names, with the aliases agents actually write.

Canonical names are the ones Playwright's ``keyboard.press`` understands (``Enter``,
``ArrowLeft``, ``Control+s``; single characters are printable ASCII, as on a US keyboard), so the
web executor can pass them straight through and the desktop executor maps one table to X keysyms.
"""

from __future__ import annotations

from guigym.errors import ActionError, did_you_mean

__all__ = ["MODIFIERS", "NAMED_KEYS", "normalize_key", "normalize_combo"]

MODIFIERS: tuple[str, ...] = ("Control", "Shift", "Alt", "Meta", "ControlOrMeta")

NAMED_KEYS: tuple[str, ...] = (
    *MODIFIERS,
    "Enter", "Tab", "Escape", "Backspace", "Delete", "Insert", "Space",
    "Home", "End", "PageUp", "PageDown", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight",
    "CapsLock", "NumLock", "ScrollLock", "PrintScreen", "Pause", "ContextMenu",
    *(f"F{i}" for i in range(1, 13)),
    *(f"Numpad{i}" for i in range(10)),
    "NumpadAdd", "NumpadSubtract", "NumpadMultiply", "NumpadDivide", "NumpadDecimal",
    "NumpadEnter",
    "AudioVolumeMute", "AudioVolumeUp", "AudioVolumeDown",
    "MediaPlayPause", "MediaTrackNext", "MediaTrackPrevious",
    # Playwright also accepts physical key codes.
    *(f"Key{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    *(f"Digit{i}" for i in range(10)),
    "Minus", "Equal", "BracketLeft", "BracketRight", "Backslash", "Semicolon", "Quote",
    "Backquote", "Comma", "Period", "Slash",
)  # fmt: skip

_ALIASES: dict[str, str] = {
    # modifiers
    "ctrl": "Control", "control": "Control", "ctrlleft": "Control", "ctrlright": "Control",
    "shiftleft": "Shift", "shiftright": "Shift",
    "alt": "Alt", "altleft": "Alt", "altright": "Alt", "option": "Alt", "optionleft": "Alt",
    "optionright": "Alt", "opt": "Alt",
    "cmd": "Meta", "command": "Meta", "meta": "Meta", "win": "Meta", "winleft": "Meta",
    "winright": "Meta", "super": "Meta", "windows": "Meta",
    # editing and navigation
    "return": "Enter", "enter": "Enter", "esc": "Escape", "del": "Delete", "ins": "Insert",
    "bksp": "Backspace", "spacebar": "Space", "space": "Space",
    "up": "ArrowUp", "down": "ArrowDown", "left": "ArrowLeft", "right": "ArrowRight",
    "pgup": "PageUp", "pgdn": "PageDown", "pageup": "PageUp", "pagedown": "PageDown",
    "printscreen": "PrintScreen", "prtsc": "PrintScreen", "prtscr": "PrintScreen",
    "prntscrn": "PrintScreen", "print": "PrintScreen", "apps": "ContextMenu",
    "menu": "ContextMenu",
    # numpad (pyautogui names)
    "add": "NumpadAdd", "subtract": "NumpadSubtract", "multiply": "NumpadMultiply",
    "divide": "NumpadDivide", "decimal": "NumpadDecimal",
    **{f"num{i}": f"Numpad{i}" for i in range(10)},
    # media and browser keys (pyautogui names)
    "volumemute": "AudioVolumeMute", "volumeup": "AudioVolumeUp",
    "volumedown": "AudioVolumeDown", "playpause": "MediaPlayPause",
    "nexttrack": "MediaTrackNext", "prevtrack": "MediaTrackPrevious",
    # whitespace characters written as keys
    " ": "Space", "\t": "Tab", "\n": "Enter", "\r": "Enter",
}  # fmt: skip

_BY_LOWER: dict[str, str] = {name.lower(): name for name in NAMED_KEYS}
_MAX_COMBO = 6


def normalize_key(key: object) -> str:
    """Return the canonical name of one key, or raise ActionError naming the bad key."""
    if not isinstance(key, str):
        raise ActionError(f"a key must be a string, got {key!r}")
    if key in _ALIASES:
        return _ALIASES[key]
    if len(key) == 1:
        if "!" <= key <= "~":
            return key
        raise ActionError(f"unknown key {key!r}; to enter text like this use type({key!r})")
    canonical = _BY_LOWER.get(key.lower()) or _ALIASES.get(key.lower())
    if canonical is not None:
        return canonical
    hint = did_you_mean(key, NAMED_KEYS) or did_you_mean(key.lower(), list(_ALIASES))
    raise ActionError(
        f"unknown key {key!r}{hint}; keys are names like Enter, Tab, Escape, ArrowLeft,"
        " PageDown, F5 or one character, with Control/Shift/Alt/Meta joined by '+'"
    )


def _split_combo(combo: str) -> list[str]:
    """Split ``Control+Shift+t`` into tokens; a literal ``+`` key is allowed (``Control++``)."""
    tokens: list[str] = []
    rest = combo
    while rest:
        cut = rest.find("+", 1)
        if cut == -1:
            tokens.append(rest)
            break
        tokens.append(rest[:cut])
        rest = rest[cut + 1 :]
        if not rest:
            raise ActionError(f"key combination {combo!r} ends with '+' (missing the key)")
    return tokens


def normalize_combo(combo: object) -> str:
    """Return the canonical form of a key or ``+``-joined combination like ``Control+s``."""
    if not isinstance(combo, str):
        raise ActionError(f"a key must be a string, got {combo!r}")
    if combo == "":
        raise ActionError("empty key")
    if combo in _ALIASES or len(combo) == 1:
        return normalize_key(combo)
    tokens = _split_combo(combo)
    if len(tokens) > _MAX_COMBO:
        raise ActionError(f"key combination {combo!r} has more than {_MAX_COMBO} keys")
    return "+".join(normalize_key(t.strip() if t.strip() else t) for t in tokens)
