"""``url``: the page the agent is on (``equals`` ignores a trailing slash; ``matches`` is a regex
searched anywhere in the URL, anchor it with ^ and $ to match the whole)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult


def _strip(url: str) -> str:
    return url.strip().rstrip("/")


@register("url")
def check_url(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Compare the current URL."""
    url = ctx.url or ""
    if "equals" in body:
        ok, want = _strip(url) == _strip(str(body["equals"])), f"to be {body['equals']!r}"
    elif "contains" in body:
        ok, want = str(body["contains"]) in url, f"to contain {body['contains']!r}"
    else:
        ok, want = re.search(str(body["matches"]), url) is not None, f"to match {body['matches']!r}"
    if ok:
        return CheckResult.ok(f"URL {url!r} is as expected")
    return CheckResult.no(f"expected the URL {want}, it is {url!r}")
