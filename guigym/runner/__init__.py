"""guigym.runner: plan, run and report evaluations (`guigym run`, `guigym view`)."""

from guigym.runner.plan import EpisodeSpec, RunConfig, build_plan, fingerprint, parse_agent_args
from guigym.runner.progress import RunProgress
from guigym.runner.store import RunStore, read_results

__all__ = [
    "EpisodeSpec",
    "RunConfig",
    "RunProgress",
    "RunStore",
    "build_plan",
    "fingerprint",
    "parse_agent_args",
    "read_results",
]
