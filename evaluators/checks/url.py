"""``url``: a page the agent has visited (default) or, with ``current: true``, the page it is on.

Navigation is a milestone: "open the product page" stays done after the agent moves on to the
cart, so by default any URL seen at a verifier update so far counts (``ctx.visited``), except a
page the site answered with "no such page" (``ctx.error_urls``: 401/403/404/405/410/5xx; a 404 is
not the product page, while a form re-shown with 400/422 is a real page).

URLs are compared as parsed parts, never as raw substrings of the whole URL (a query such as
``?x=/product/KB-111`` or a fragment cannot stand in for a path):

- ``equals: "shop.test/cart?step=2"``: same host, same path (a trailing slash aside), the same
  query parameters (any order); the scheme and the fragment are ignored.
- ``contains: "shop.test/admin/orders/SO-1"``: a URL prefix. Same host (when the value names one;
  a value starting with ``/`` matches any host), the path is the value's path or continues it
  after a ``/`` (``/product/KB-1`` matches ``/product/KB-1/reviews``, not ``/product/KB-10``),
  and every query parameter the value gives is present with that value (others may be added).
- ``matches``: a regular expression matched from the start of ``host/path?query`` (scheme and
  fragment dropped), so it cannot match inside a query; anchor the end with ``$`` if needed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

__all__ = ["check_url", "url_fits"]


def _parts(url: str) -> tuple[str, str, dict[str, list[str]]]:
    """(host, path, query) of a URL, or of ``host/path?query`` / ``/path?query`` written bare."""
    text = url.strip()
    if "://" not in text and not text.startswith("/"):
        text = "//" + text
    parts = urlsplit(text)
    path = parts.path.rstrip("/") or "/"
    return (parts.hostname or "").lower(), path, parse_qs(parts.query, keep_blank_values=True)


def _canonical(url: str) -> str:
    host, path, _ = _parts(url)
    query = urlsplit(url.strip()).query
    return f"{host}{path}" + (f"?{query}" if query else "")


def url_fits(body: Mapping[str, Any], url: str) -> bool:
    """True when ``url`` satisfies the check body (``equals``/``contains``/``matches``)."""
    if not url:
        return False
    host, path, query = _parts(url)
    if "matches" in body:
        return re.match(str(body["matches"]), _canonical(url)) is not None
    want = str(body["equals"] if "equals" in body else body["contains"])
    w_host, w_path, w_query = _parts(want)
    if w_host and w_host != host:
        return False
    if "equals" in body:
        return path == w_path and {k: sorted(v) for k, v in query.items()} == {
            k: sorted(v) for k, v in w_query.items()
        }
    if not (path == w_path or w_path == "/" or path.startswith(w_path + "/")):
        return False
    return all(set(vals) <= set(query.get(key, ())) for key, vals in w_query.items())


def _want(body: Mapping[str, Any]) -> str:
    if "equals" in body:
        return f"to be {body['equals']!r}"
    if "contains" in body:
        return f"to be at or below {body['contains']!r}"
    return f"to match {body['matches']!r}"


@register("url")
def check_url(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Compare the current URL, or every URL visited so far (error pages never count)."""
    url = ctx.url or ""
    errors = ctx.error_urls
    if body.get("current", False):
        if url not in errors and url_fits(body, url):
            return CheckResult.ok(f"URL {url!r} is as expected")
        why = " (the site answered it with an error)" if url in errors else ""
        return CheckResult.no(f"expected the current URL {_want(body)}, it is {url!r}{why}")
    seen = [*ctx.visited, url] if url else list(ctx.visited)
    for visited in seen:
        if visited not in errors and url_fits(body, visited):
            return CheckResult.ok(f"visited {visited!r}")
    recent = ", ".join(repr(u) for u in seen[-3:]) or "none"
    return CheckResult.no(f"expected a visited URL {_want(body)}; recent URLs: {recent}")
