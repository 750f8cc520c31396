"""``all``, ``any``, ``not``: combine checks.

``all`` passes when every child passes (score: mean); ``any`` when one does (score: max);
``not`` inverts. Errors win over fails in ``all`` and ``not`` (a broken child makes the result
unknown); ``any`` passes if some child passes even when another errored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks.base import register, run_check
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult


@register("all")
def check_all(body: list[Mapping[str, Any]], ctx: CheckContext) -> CheckResult:
    """Every child passes."""
    results = [run_check(c, ctx) for c in body]
    errors = [r for r in results if r.status == "error"]
    if errors:
        return CheckResult.broken("; ".join(r.message for r in errors))
    score = sum(r.score for r in results) / len(results)
    failed = [r for r in results if r.status == "fail"]
    if failed:
        return CheckResult.no("; ".join(r.message for r in failed), score=min(score, 0.999))
    return CheckResult.ok("; ".join(r.message for r in results))


@register("any")
def check_any(body: list[Mapping[str, Any]], ctx: CheckContext) -> CheckResult:
    """At least one child passes."""
    results = [run_check(c, ctx) for c in body]
    for r in results:
        if r.passed:
            return CheckResult.ok(r.message)
    errors = [r for r in results if r.status == "error"]
    if errors:
        return CheckResult.broken("; ".join(r.message for r in errors))
    return CheckResult.no(
        "none passed: " + "; ".join(r.message for r in results), score=max(r.score for r in results)
    )


@register("not")
def check_not(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """The child fails."""
    r = run_check(body, ctx)
    if r.status == "error":
        return r
    if r.passed:
        return CheckResult.no(f"expected this not to hold, but it does: {r.message}")
    return CheckResult.ok(f"does not hold, as expected: {r.message}")
