"""``window``: the desktop's windows — one is open (or not), active, titled as expected.

Shape::

    window: {app: calc, title_contains: "report.ods"}      # such a window exists
    window: {app: editor, exists: false}                   # no editor window is open
    window: {title: "notes.txt - Mousepad", active: true}  # it has the focus
    window: {title_regex: "^\\*", count: 0}                # no unsaved (starred) window
    window: {app: browser, title_contains: "Ducky One", url: {contains: "shop.test/product/KB-1"}}

``app`` is an app name from the desktop's whitelist (editor, files, terminal, calc, writer,
browser) or a WM_CLASS substring; the title matchers are case-sensitive.

A browser window found by its title stands for "the page is open", and a page can set any title
(``data:text/html,<title>...``), so such a check also requires that window's address bar — read
the way the agent sees it, through the AT-SPI tree (``desktop.browser_urls()``) — to show a URL
on one of the task's sites (``<site>.test``) and not to be in the middle of an edit; ``url``
(a ``url`` check body: ``contains``/``equals``/``matches``) also requires that page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from guigym.evaluators.checks.base import register
from guigym.evaluators.checks.url import url_fits
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

from guigym.errors import CheckError

__all__ = ["check_window", "APP_CLASSES"]

#: app name -> lowercase WM_CLASS substring (mirrors guigym.images.desktop.apps.APPS)
APP_CLASSES = {
    "editor": "mousepad", "files": "pcmanfm", "terminal": "terminal", "calc": "libreoffice-calc",
    "writer": "libreoffice-writer", "browser": "chromium",
}  # fmt: skip
_KEYS = {"app", "title", "title_contains", "title_regex", "exists", "active", "count", "url"}


def _matches(w: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    if "app" in body:
        want = str(body["app"]).lower()
        if APP_CLASSES.get(want, want) not in str(w.get("app", "")).lower():
            return False
    title = str(w.get("title", ""))
    if "title" in body and title != str(body["title"]):
        return False
    if "title_contains" in body and str(body["title_contains"]) not in title:
        return False
    if "title_regex" in body and not re.search(str(body["title_regex"]), title):
        return False
    return True


def _describe(body: Mapping[str, Any]) -> str:
    parts = [
        f"{k}={body[k]!r}" for k in ("app", "title", "title_contains", "title_regex") if k in body
    ]
    return "window with " + ", ".join(parts) if parts else "window"


def _page_host(shown: str) -> str:
    """The host of what an address bar shows (Chromium hides ``http://``); '' if none."""
    text = shown.strip()
    if not text or " " in text:
        return ""
    if "://" not in text:
        if ":" in text.split("/", 1)[0] and not text.split("/", 1)[0].rsplit(":", 1)[-1].isdigit():
            return ""  # data:..., javascript:..., about:blank and friends
        text = "http://" + text
    parts = urlsplit(text)
    return (parts.hostname or "") if parts.scheme in ("http", "https") else ""


def _on_site(
    window: Mapping[str, Any], ctx: CheckContext, want: Mapping[str, Any] | None
) -> str | None:
    """None when the browser window's address bar shows a page of the task's sites; else why."""
    if "browser_urls" not in ctx._memo:
        ctx._memo["browser_urls"] = list(ctx.desktop.browser_urls())
    title = str(window.get("title", ""))
    bars = [b for b in ctx._memo["browser_urls"] if str(b.get("title", "")) == title]
    if not bars:
        return f"the address bar of {title!r} could not be read"
    bar = bars[0]
    if bar.get("editing"):
        return f"the address bar of {title!r} is being edited"
    shown = str(bar.get("url", ""))
    host = _page_host(shown)
    sites = {f"{name}.test" for name in ctx.sites}
    if not host or (host not in sites if sites else not host.endswith(".test")):
        where = sorted(sites) or "the task's sites"
        return f"{title!r} shows {shown!r}, not a page of {where}"
    if want is not None and not url_fits(want, shown if "://" in shown else "http://" + shown):
        return f"{title!r} shows {shown!r}, not the page {dict(want)}"
    return None


def _needs_site(body: Mapping[str, Any]) -> bool:
    want = str(body.get("app", "")).lower()
    titled = any(k in body for k in ("title", "title_contains", "title_regex", "url"))
    positive = body.get("exists", True) and "count" not in body
    return titled and positive and APP_CLASSES.get(want, want) == APP_CLASSES["browser"]


@register("window")
def check_window(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Look at the desktop's open windows."""
    if ctx.desktop is None:
        raise CheckError("window checks need the desktop: this episode has none (env: web?)")
    if not isinstance(body, Mapping):
        raise CheckError(f"a window check is a mapping, got {body!r}")
    unknown = set(body) - _KEYS
    if unknown:
        raise CheckError(
            f"unknown field(s) {sorted(unknown)} in window check (allowed: {sorted(_KEYS)})"
        )
    if "windows" not in ctx._memo:
        ctx._memo["windows"] = list(ctx.desktop.windows())
    wins = ctx._memo["windows"]
    found = [w for w in wins if _matches(w, body)]
    what = _describe(body)
    titles = ", ".join(repr(w.get("title", "")) for w in wins) or "none"
    if "count" in body:
        if len(found) == int(body["count"]):
            return CheckResult.ok(f"{len(found)} {what} open, as expected")
        return CheckResult.no(
            f"expected {body['count']} {what} open, found {len(found)} (open: {titles})"
        )
    if not body.get("exists", True):
        if found:
            return CheckResult.no(f"expected no {what}, but {found[0].get('title')!r} is open")
        return CheckResult.ok(f"no {what} is open")
    if not found:
        return CheckResult.no(f"no {what} is open (open: {titles})")
    if _needs_site(body):
        want = body.get("url")
        if want is not None and not isinstance(want, Mapping):
            raise CheckError(
                f"window url takes a url check body like {{contains: ...}}, got {want!r}"
            )
        reasons = [_on_site(w, ctx, want) for w in found]
        if all(reasons):
            return CheckResult.no(f"a {what} is open but not on the task's site: {reasons[0]}")
        found = [w for w, why in zip(found, reasons, strict=True) if why is None]
    if "active" in body:
        active = [w for w in found if w.get("active")]
        if bool(active) != bool(body["active"]):
            state = "active" if body["active"] else "inactive"
            return CheckResult.no(f"a {what} is open but not {state}")
    return CheckResult.ok(f"a {what} is open: {found[0].get('title')!r}")
