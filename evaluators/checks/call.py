"""``call``: a function in the task's ``check.py`` decides: ``fn(ctx, **args)``.

It may return ``bool``, a ``float`` score in 0..1 (1.0 passes, less is a fail with partial
credit) or a :class:`CheckResult`. Raising is an ``error``, never a fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult
from guigym.tasks.loader import load_callable

from guigym.errors import CheckError


def coerce(value: Any, who: str) -> CheckResult:
    """Turn what a check function returned into a CheckResult."""
    if isinstance(value, CheckResult):
        return value
    if isinstance(value, bool):
        return CheckResult.ok(f"{who} passed") if value else CheckResult.no(f"{who} returned False")
    if isinstance(value, int | float):
        score = float(value)
        if not 0.0 <= score <= 1.0:
            return CheckResult.broken(f"{who} returned score {score}, expected 0..1")
        if score >= 1.0:
            return CheckResult.ok(f"{who} scored 1.0")
        return CheckResult.no(f"{who} scored {score:.2f}", score=score)
    return CheckResult.broken(
        f"{who} returned {value!r}; return bool, a float in 0..1 or CheckResult"
    )


@register("call")
def check_call(body: Any, ctx: CheckContext) -> CheckResult:
    """Load the function by path from the task folder and call it."""
    ref, args = (
        (body["fn"], dict(body.get("args") or {})) if isinstance(body, Mapping) else (body, {})
    )
    if ctx.task_dir is None:
        raise CheckError(f"call {ref!r} needs the task folder (ctx.task_dir is None)")
    fn = load_callable(ctx.task_dir, ref)
    return coerce(fn(ctx, **args), ref)
