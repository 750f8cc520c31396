"""Resolve element locators (``role=button[name="Save"]``, ``label=Email``...) to element ids.

Oracles and agents may name an element by what it is instead of by its dynamic id; the executor
turns the locator into the element's ``data-gg-id`` first, so every action then runs the same
id-based path (same visibility, cover and label-to-control rules, same errors).
"""

from __future__ import annotations

from guigym.envs.actions import is_locator, parse_locator
from playwright.sync_api import Locator as PWLocator
from playwright.sync_api import Page

from guigym.errors import ActionError

__all__ = ["resolve_element"]

_MAX_CANDIDATES = 20


def _playwright_locator(page: Page, text: str) -> PWLocator:
    loc = parse_locator(text)
    if loc.kind == "role":
        return page.get_by_role(loc.value, name=loc.name, exact=loc.exact)  # type: ignore[arg-type]
    if loc.kind == "label":
        return page.get_by_label(loc.value, exact=True)
    if loc.kind == "text":
        return page.get_by_text(loc.value, exact=True)
    if loc.kind == "placeholder":
        return page.get_by_placeholder(loc.value, exact=True)
    if loc.kind == "alt":
        return page.get_by_alt_text(loc.value, exact=True)
    if loc.kind == "title":
        return page.get_by_title(loc.value, exact=True)
    if loc.kind == "testid":
        return page.get_by_test_id(loc.value)
    return page.locator(loc.value)  # css


def resolve_element(page: Page, element: str) -> str:
    """Return an element id for ``element``: ids pass through, locators are looked up.

    The first visible match wins (pages often repeat a control, e.g. a header and a footer
    search box); no visible match is an ActionError naming the locator.
    """
    if not is_locator(element):
        return element
    matches = _playwright_locator(page, element)
    count = matches.count()
    for index in range(min(count, _MAX_CANDIDATES)):
        candidate = matches.nth(index)
        if not candidate.is_visible():
            continue
        element_id = candidate.evaluate(
            "(el) => { if (window.__gg) window.__gg.assign();"
            " return el.getAttribute('data-gg-id'); }"
        )
        if element_id:
            return element_id
    if count:
        raise ActionError(f"no visible element matches {element} ({count} hidden)")
    raise ActionError(f"no element matches {element}")
