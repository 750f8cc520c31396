"""``dom``: an element exists (or not) on the current page, or its text contains something.

Prefer ``sql`` for outcomes that are state; ``dom`` is for what the page shows (a confirmation,
a filter applied). Text comparison ignores case and collapses whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks._selector import parse_html, select
from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult


def _tree(ctx: CheckContext):  # noqa: ANN202
    key = "dom-tree"
    if key not in ctx._memo:
        ctx._memo[key] = parse_html(ctx.html())
    return ctx._memo[key]


@register("dom")
def check_dom(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Select elements with a CSS selector and test them."""
    selector = str(body["selector"])
    nodes = select(_tree(ctx), selector)
    if "text_contains" in body:
        want = " ".join(str(body["text_contains"]).split()).casefold()
        for node in nodes:
            if want in node.text().casefold():
                return CheckResult.ok(f"{selector!r} contains {body['text_contains']!r}")
        if not nodes:
            return CheckResult.no(f"no element matches {selector!r} on {ctx.url or 'the page'}")
        texts = ", ".join(repr(n.text()[:60]) for n in nodes[:3])
        return CheckResult.no(
            f"expected {selector!r} to contain {body['text_contains']!r}, found {texts}"
        )
    exists = bool(body.get("exists", True))
    if bool(nodes) == exists:
        return CheckResult.ok(f"{selector!r} {'found' if exists else 'absent'} as expected")
    if exists:
        return CheckResult.no(
            f"expected an element matching {selector!r} on {ctx.url or 'the page'}, found none"
        )
    return CheckResult.no(f"expected no element matching {selector!r}, found {len(nodes)}")
