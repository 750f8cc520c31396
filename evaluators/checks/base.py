"""The check registry and :func:`run_check`, which never lets a broken check look like a fail."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult
from guigym.tasks.checkspec import CHECK_TYPES

from guigym.errors import did_you_mean

__all__ = ["CheckFn", "REGISTRY", "register", "run_check"]

CheckFn = Callable[[Any, CheckContext], CheckResult]
#: check type -> function(body, ctx) -> CheckResult; filled by the modules of this package.
REGISTRY: dict[str, CheckFn] = {}


def register(kind: str) -> Callable[[CheckFn], CheckFn]:
    """Register the function that runs checks of type ``kind`` (one of CHECK_TYPES)."""
    if kind not in CHECK_TYPES:
        raise ValueError(f"{kind!r} is not in guigym.tasks.checkspec.CHECK_TYPES")

    def deco(fn: CheckFn) -> CheckFn:
        REGISTRY[kind] = fn
        return fn

    return deco


def run_check(check: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Run one rendered check; a check that raises is ``error`` with the reason, never ``fail``."""
    if not isinstance(check, Mapping) or len(check) != 1:
        return CheckResult.broken(f"a check is a mapping with one type key, got {check!r}")
    ((kind, body),) = check.items()
    fn = REGISTRY.get(kind)
    if fn is None:
        hint = did_you_mean(str(kind), REGISTRY, n=1)
        return CheckResult.broken(
            f"unknown check type {kind!r}{hint} (expected one of {', '.join(CHECK_TYPES)})"
        )
    try:
        result = fn(body, ctx)
    except Exception as exc:  # the check broke: report it, never score it
        return CheckResult.broken(f"{kind} check raised {type(exc).__name__}: {exc}")
    if not isinstance(result, CheckResult):
        return CheckResult.broken(f"{kind} check returned {result!r}, not a CheckResult")
    return result
