"""Wait until a page has settled: loaded, no pending fetch/XHR, no DOM change for a quiet window.

Why in-page: a ``MutationObserver`` and wrapped ``fetch``/``XMLHttpRequest`` (installed by
``page.js`` before the page's own scripts) let one ``evaluate`` round trip wait exactly as long
as the page is busy, instead of a fixed sleep. Navigation is handled by re-waiting in the new
document when the old one is destroyed mid-wait.
"""

from __future__ import annotations

import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

__all__ = ["DEFAULT_QUIET_MS", "DEFAULT_TIMEOUT_MS", "settle"]

DEFAULT_QUIET_MS = 25
DEFAULT_TIMEOUT_MS = 3_000

_NAVIGATION_HINTS = ("context was destroyed", "navigat", "Cannot find context", "detached")


def settle(
    page: Page, quiet_ms: int = DEFAULT_QUIET_MS, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> str:
    """Block until ``page`` is quiet or ``timeout_ms`` passed; return "quiet", "busy", "changing".

    Raises Playwright's error only when the page itself is gone (closed tab or dead browser).
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        remaining = int((deadline - time.monotonic()) * 1000)
        if remaining <= 0:
            return "timeout"
        try:
            status = page.evaluate(
                "([q, t]) => window.__gg ? window.__gg.settle(q, t) : 'nogg'", [quiet_ms, remaining]
            )
        except PlaywrightError as exc:
            if page.is_closed() or not any(h in str(exc) for h in _NAVIGATION_HINTS):
                raise
            status = "nogg"
        if status != "nogg":
            return status
        # A navigation is committing (or a page without our script, e.g. about:blank).
        try:
            page.wait_for_load_state("load", timeout=max(1, remaining))
        except PlaywrightError as exc:
            if page.is_closed():
                raise
            if "Timeout" in str(exc):
                return "timeout"
        if page.url.startswith(("about:", "data:", "chrome-error:")):
            return "quiet"
