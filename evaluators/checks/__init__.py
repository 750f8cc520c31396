"""The check library: one module per check type, all registered in :data:`REGISTRY`.

Start at ``base.py`` (:func:`run_check`), then the module of the type you care about.
"""

from guigym.evaluators.checks import (  # noqa: F401 - each module registers its check type
    answer,
    call,
    combinators,
    dom,
    file,
    sql,
    url,
    window,
)
from guigym.evaluators.checks.base import REGISTRY, register, run_check
from guigym.evaluators.checks.call import coerce

__all__ = ["REGISTRY", "register", "run_check", "coerce"]
