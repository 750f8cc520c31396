"""Test helpers for sites: a crawler that proves every reachable page renders.

``crawl(base_url, cookies)`` follows same-site links breadth first (GET only; never /logout
or /_env) and returns every fetched URL with its status, so a site's tests can assert
``not failures(pages)`` for the anonymous and a logged-in user. Pages whose paths differ only
by numbers (``/products/1``, ``/products/2``) count as one pattern, visited at most
``per_pattern`` times, so a crawl covers breadth instead of 300 product pages.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

__all__ = ["crawl", "failures", "links_in"]

_SKIP = ("/logout", "/_env")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.pages.append(a["href"] or "")
        elif tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.assets.append(a["href"] or "")
        elif tag in ("script", "img") and a.get("src"):
            self.assets.append(a["src"] or "")


def links_in(html: str) -> tuple[list[str], list[str]]:
    """(page links, asset links) of an HTML document, as written in it."""
    parser = _Links()
    parser.feed(html)
    return parser.pages, parser.assets


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(
    base_url: str,
    cookies: Mapping[str, str] | None = None,
    max_pages: int = 300,
    *,
    start: str | Iterable[str] = "/",
    per_pattern: int = 3,
    skip: Iterable[str] = _SKIP,
    host: str | None = None,
    timeout: float = 30.0,
) -> list[tuple[str, int]]:
    """Crawl the site at ``base_url``; returns ``[(url, status), ...]`` for every GET it made.

    ``cookies``: e.g. ``{cookie["name"]: cookie["value"]}`` from ``/_env/login`` to crawl as
    a logged-in user. ``host``: send this Host header (e.g. "shop.test") as the browser does.
    Redirects are reported (3xx) and followed when they stay on the site. Stylesheets,
    scripts and images are fetched once each but not parsed.
    """
    base = urlsplit(base_url)
    skip = tuple(skip)
    starts = [start] if isinstance(start, str) else list(start)
    queue: deque[tuple[str, bool]] = deque((urljoin(base_url, s), True) for s in starts)
    seen: set[str] = set()
    per: dict[str, int] = {}
    out: list[tuple[str, int]] = []
    headers = {"Host": host} if host else {}
    with httpx.Client(
        cookies=dict(cookies or {}), timeout=timeout, trust_env=False, headers=headers
    ) as client:
        while queue and len(out) < max_pages:
            url, is_page = queue.popleft()
            url = urldefrag(url)[0]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc not in (base.netloc, host):
                continue
            url = base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")
            if url in seen or parts.path.startswith(skip):
                continue
            seen.add(url)
            if is_page:
                pattern = _pattern(parts.path)
                if per.get(pattern, 0) >= per_pattern:
                    continue
                per[pattern] = per.get(pattern, 0) + 1
            try:
                response = client.get(url, follow_redirects=False)
            except httpx.HTTPError:
                out.append((url, 0))
                continue
            out.append((url, response.status_code))
            if response.is_redirect and "location" in response.headers:
                queue.append((urljoin(url, response.headers["location"]), True))
                continue
            if not is_page or "text/html" not in response.headers.get("content-type", ""):
                continue
            pages, assets = links_in(response.text)
            queue.extend((urljoin(url, link), True) for link in pages)
            queue.extend((urljoin(url, link), False) for link in assets)
    return out


def failures(pages: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """The crawled ``(url, status)`` pairs that are not 2xx/3xx."""
    return [(url, status) for url, status in pages if not 200 <= status < 400]
