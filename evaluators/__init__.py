"""guigym.evaluators: the check library, the check context, the verifier and the metrics.

Start reading at ``README.md``, then ``verifier.py``. Imports ``guigym.tasks`` and
``guigym.errors`` only; never the sites (a site handle is the :class:`SiteHandle` protocol).
"""

from guigym.evaluators.answers import bind_answers
from guigym.evaluators.checks import REGISTRY, coerce, register, run_check
from guigym.evaluators.checks.answer import names_only
from guigym.evaluators.context import CheckContext, SiteHandle
from guigym.evaluators.fastsql import LocalReads, local_reads
from guigym.evaluators.metrics import (
    Summary,
    aggregate,
    completion_of,
    episode_metrics,
    prefix_of,
)
from guigym.evaluators.results import CheckResult, EpisodeResult, SubtaskState
from guigym.evaluators.verifier import INFEASIBLE_ID, Verifier, preconditions

__all__ = [
    "INFEASIBLE_ID",
    "LocalReads",
    "REGISTRY",
    "CheckContext",
    "CheckResult",
    "EpisodeResult",
    "SiteHandle",
    "SubtaskState",
    "Summary",
    "Verifier",
    "aggregate",
    "bind_answers",
    "names_only",
    "coerce",
    "completion_of",
    "episode_metrics",
    "local_reads",
    "preconditions",
    "prefix_of",
    "register",
    "run_check",
]
