"""``file`` and ``window``: desktop checks. Registered so they answer clearly until the desktop
(issue 7) exists: running one is an ``error`` saying it is not available yet."""

from __future__ import annotations

from typing import Any

from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

from guigym.errors import NotAvailableError


@register("file")
def check_file(body: Any, ctx: CheckContext) -> CheckResult:
    """Not available yet."""
    raise NotAvailableError("file checks need the desktop, which is not available yet (issue 7)")


@register("window")
def check_window(body: Any, ctx: CheckContext) -> CheckResult:
    """Not available yet."""
    raise NotAvailableError("window checks need the desktop, which is not available yet (issue 7)")
