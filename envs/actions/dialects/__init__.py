"""Compatibility dialects: OSWorld (pyautogui code, computer_13 dicts) and BrowserGym strings."""

from .browsergym import BROWSERGYM_NAMES, BROWSERGYM_UNSUPPORTED, from_browsergym
from .osworld import PYAUTOGUI_NAMES, SCROLL_CLICK_PX, SPECIAL, from_computer13, from_pyautogui

__all__ = [
    "BROWSERGYM_NAMES",
    "BROWSERGYM_UNSUPPORTED",
    "PYAUTOGUI_NAMES",
    "SCROLL_CLICK_PX",
    "SPECIAL",
    "from_browsergym",
    "from_computer13",
    "from_pyautogui",
]
