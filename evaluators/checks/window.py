"""``window``: the desktop's windows — one is open (or not), active, titled as expected.

Shape::

    window: {app: calc, title_contains: "report.ods"}      # such a window exists
    window: {app: editor, exists: false}                   # no editor window is open
    window: {title: "notes.txt - Mousepad", active: true}  # it has the focus
    window: {title_regex: "^\\*", count: 0}                # no unsaved (starred) window

``app`` is an app name from the desktop's whitelist (editor, files, terminal, calc, writer,
browser) or a WM_CLASS substring; the title matchers are case-sensitive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

from guigym.errors import CheckError

__all__ = ["check_window", "APP_CLASSES"]

#: app name -> lowercase WM_CLASS substring (mirrors guigym.images.desktop.apps.APPS)
APP_CLASSES = {
    "editor": "mousepad", "files": "pcmanfm", "terminal": "terminal", "calc": "libreoffice-calc",
    "writer": "libreoffice-writer", "browser": "chromium",
}  # fmt: skip
_KEYS = {"app", "title", "title_contains", "title_regex", "exists", "active", "count"}


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
    if "active" in body:
        active = [w for w in found if w.get("active")]
        if bool(active) != bool(body["active"]):
            state = "active" if body["active"] else "inactive"
            return CheckResult.no(f"a {what} is open but not {state}")
    return CheckResult.ok(f"a {what} is open: {found[0].get('title')!r}")
