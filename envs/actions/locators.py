"""Element locators: address an element by what it is, not by its dynamic id.

Element ids (``"e12"``) change between pages, so task oracles (and agents that prefer it) may
name an element by a locator string instead: ``role=button[name="Add to cart"]``,
``label=Email``, ``text=Checkout``, ``placeholder=Search``, ``alt=Logo``, ``title=Close``,
``testid=qty``, ``css=#qty``. A locator is data: the executor resolves it with Playwright's
``get_by_*`` functions (first visible match); nothing here is ever run as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guigym.errors import ActionError

__all__ = ["LOCATOR_KINDS", "Locator", "is_locator", "parse_locator"]

LOCATOR_KINDS = ("role", "label", "text", "placeholder", "alt", "title", "testid", "css")
MAX_LOCATOR = 500
_ROLE_RE = re.compile(
    r"(?P<role>[a-z]+)\s*(?:\[\s*name\s*=\s*(?P<q>[\"'])(?P<name>.*)(?P=q)\s*(?P<i>i?)\s*\])?"
)


@dataclass(frozen=True)
class Locator:
    """A parsed locator: ``kind`` is one of LOCATOR_KINDS; ``name`` only for roles."""

    kind: str
    value: str
    name: str | None = None
    exact: bool = True


def is_locator(text: str) -> bool:
    """True when ``text`` starts with a known locator prefix (``role=``, ``label=``, ...)."""
    kind, sep, _ = text.partition("=")
    return bool(sep) and kind in LOCATOR_KINDS


def parse_locator(text: str) -> Locator:
    """Parse ``kind=value``; raise ActionError naming what is wrong."""
    kind, sep, value = text.partition("=")
    if not sep or kind not in LOCATOR_KINDS:
        raise ActionError(
            f"not a locator: {text!r} (expected one of "
            + ", ".join(f"{k}=..." for k in LOCATOR_KINDS)
            + ")"
        )
    if len(text) > MAX_LOCATOR:
        raise ActionError(f"locator is too long ({len(text)} characters, at most {MAX_LOCATOR})")
    value = value.strip()
    if not value:
        raise ActionError(f"locator {text!r} has an empty value")
    if kind != "role":
        return Locator(kind, value)
    match = _ROLE_RE.fullmatch(value)
    if not match:
        raise ActionError(
            f'role locator {text!r} must look like role=button or role=button[name="Save"]'
        )
    return Locator("role", match["role"], match["name"], exact=not match["i"])
