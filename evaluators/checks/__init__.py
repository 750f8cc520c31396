"""The check library: one module per check type, all registered in :data:`REGISTRY`.

Start at ``base.py`` (:func:`run_check`), then the module of the type you care about.
"""

from guigym.evaluators.checks import answer, call, combinators, desktop, dom, sql, url  # noqa: F401
from guigym.evaluators.checks.base import REGISTRY, register, run_check
from guigym.evaluators.checks.call import coerce

__all__ = ["REGISTRY", "register", "run_check", "coerce"]
