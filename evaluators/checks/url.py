"""``url``: a page the agent has visited (default) or, with ``current: true``, the page it is on.

Navigation is a milestone: "open the product page" stays done after the agent moves on to the
cart, so by default any URL seen at a verifier update so far counts (``ctx.visited``).
``equals`` ignores a trailing slash; ``matches`` is a regex searched anywhere in the URL (anchor
it with ^ and $ to match the whole); ``contains`` is a substring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult


def _strip(url: str) -> str:
    return url.strip().rstrip("/")


def _fits(body: Mapping[str, Any], url: str) -> bool:
    if "equals" in body:
        return _strip(url) == _strip(str(body["equals"]))
    if "contains" in body:
        return str(body["contains"]) in url
    return re.search(str(body["matches"]), url) is not None


def _want(body: Mapping[str, Any]) -> str:
    if "equals" in body:
        return f"to be {body['equals']!r}"
    if "contains" in body:
        return f"to contain {body['contains']!r}"
    return f"to match {body['matches']!r}"


@register("url")
def check_url(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Compare the current URL, or every URL visited so far."""
    url = ctx.url or ""
    if body.get("current", False):
        if _fits(body, url):
            return CheckResult.ok(f"URL {url!r} is as expected")
        return CheckResult.no(f"expected the current URL {_want(body)}, it is {url!r}")
    seen = [*ctx.visited, url] if url else list(ctx.visited)
    for visited in seen:
        if _fits(body, visited):
            return CheckResult.ok(f"visited {visited!r}")
    recent = ", ".join(repr(u) for u in seen[-3:]) or "none"
    return CheckResult.no(f"expected a visited URL {_want(body)}; recent URLs: {recent}")
