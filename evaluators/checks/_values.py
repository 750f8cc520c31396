"""Value comparison shared by checks: numbers written by people ("1,234.50") and by databases."""

from __future__ import annotations

import re
import string
from typing import Any

__all__ = ["to_number", "numbers_in", "same_value", "normalize", "short"]

_CURRENCY = "$€£¥₹"
_NUM = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")
_FIND = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_PUNCT = str.maketrans("", "", string.punctuation)


def to_number(value: Any) -> float | None:
    """A number from an int/float/bool or a string like ' $1,234.50 ' / '12 %'; else None."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().strip(_CURRENCY).strip().rstrip("%").strip()
    for code in ("USD", "EUR", "GBP"):
        text = text.removesuffix(code).removeprefix(code).strip()
    if text.startswith(("-", "+")) and text[1:2] in _CURRENCY:
        text = text[0] + text[2:]
    if not _NUM.match(text):
        return None
    return float(text.replace(",", ""))


def numbers_in(text: str) -> list[float]:
    """Every number written in a text, thousands separators understood."""
    return [float(m.replace(",", "")) for m in _FIND.findall(text)]


def same_value(expected: Any, actual: Any, tol: float = 1e-9) -> bool:
    """Equal as numbers when both read as numbers (within ``tol``), else equal as trimmed text."""
    if expected is None or actual is None:
        return expected is None and actual is None
    a, b = to_number(expected), to_number(actual)
    if a is not None and b is not None:
        return abs(a - b) <= tol
    return str(expected).strip() == str(actual).strip()


def normalize(text: str, how: list[str] | tuple[str, ...]) -> str:
    """Apply ``case`` (casefold), ``punct`` (drop punctuation), ``space`` (collapse, strip)."""
    if "case" in how:
        text = text.casefold()
    if "punct" in how:
        text = text.translate(_PUNCT)
    if "space" in how:
        text = " ".join(text.split())
    return text


def short(value: Any, limit: int = 120) -> str:
    """repr() cut to ``limit`` characters for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
