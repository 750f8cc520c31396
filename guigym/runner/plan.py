"""Expand a run's selection (suites, tasks, seeds, start subtasks) into episode specs.

Everything a user can get wrong is validated here, before any worker, browser or site starts:
unknown suites or task ids (with "did you mean"), out-of-range start subtasks, bad counts. The
plan's fingerprint identifies the configuration so ``--resume`` on a different one is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from guigym.errors import ConfigError, TaskError, did_you_mean

#: What agents observe by default: pixels, the accessibility tree and the text parts.
DEFAULT_OBS = ("screenshot", "axtree", "url", "instruction", "subtasks", "last_action_error")

__all__ = [
    "DEFAULT_OBS",
    "RunConfig",
    "EpisodeSpec",
    "build_plan",
    "fingerprint",
    "parse_agent_args",
]


@dataclass(frozen=True)
class RunConfig:
    """What the user asked for; ``result_fields`` are the ones that change episode outcomes."""

    agent: str
    agent_args: dict[str, Any] = field(default_factory=dict)
    suites: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    seeds: int = 1
    start_subtask: str = "0"
    max_steps: int | None = None
    retries: int = 1
    jobs: int = 1
    provider: str = "local"
    backend: str = "local"
    address: str | None = None
    timeout: float = 600.0
    obs: tuple[str, ...] = DEFAULT_OBS

    def result_fields(self) -> dict[str, Any]:
        """The settings a resumed run must share (not -j, backend, retries or timeouts)."""
        return {
            "agent": self.agent,
            "agent_args": self.agent_args,
            "max_steps": self.max_steps,
            "obs": list(self.obs),
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for config.json."""
        data = asdict(self)
        data["suites"], data["tasks"], data["obs"] = (
            list(self.suites),
            list(self.tasks),
            list(self.obs),
        )
        return data


@dataclass(frozen=True, order=True)
class EpisodeSpec:
    """One episode to run: a task at a seed, started at a subtask."""

    task_id: str
    seed: int
    start_subtask: int = 0
    env: str = "web"
    n_subtasks: int = 1
    max_steps: int | None = None

    @property
    def suite(self) -> str:
        """The suite is the task id's first dotted part."""
        return self.task_id.split(".", 1)[0]

    @property
    def key(self) -> str:
        """Identity of the episode in results.jsonl (one line per key)."""
        return f"{self.task_id}|s{self.seed}|k{self.start_subtask}"

    @property
    def dirname(self) -> str:
        """Folder name of the episode's trajectory (file-system safe)."""
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.task_id)
        return f"{safe}__s{self.seed}__k{self.start_subtask}"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (picklable and JSON-able) for workers."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeSpec:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


def parse_agent_args(items: Sequence[str]) -> dict[str, Any]:
    """Turn ``["k=v", ...]`` into a dict; values that read as JSON literals become numbers/bools."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key or not key.replace("_", "").replace("-", "").isalnum():
            raise ConfigError(f"--agent-arg expects key=value, got {item!r}")
        value: Any = raw
        if raw in ("true", "false", "null") or _looks_numeric(raw):
            value = json.loads(raw)
        out[key.replace("-", "_")] = value
    return out


def _looks_numeric(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return raw.strip() == raw and raw.lower() not in ("nan", "inf", "-inf", "infinity")


def _select_task_ids(config: RunConfig) -> list[str]:
    from guigym.tasks import list_suites, list_tasks

    if config.suites and config.tasks:
        raise ConfigError("give either --suite or --task, not both")
    if not config.suites and not config.tasks:
        raise ConfigError("nothing to run: give --suite NAME or --task ID")
    ids: list[str] = []
    if config.suites:
        suites = list(list_suites())
        for suite in config.suites:
            if suite not in suites:
                raise ConfigError(
                    f"unknown suite {suite!r}{did_you_mean(suite, suites)}"
                    f" (suites: {', '.join(suites) or 'none'})"
                )
            ids.extend(list_tasks(suite))
    else:
        known = list(list_tasks())
        for task_id in config.tasks:
            if task_id not in known:
                raise ConfigError(f"unknown task {task_id!r}{did_you_mean(task_id, known)}")
            ids.append(task_id)
    return list(dict.fromkeys(ids))


def _start_indices(config: RunConfig, task_id: str, n_subtasks: int) -> list[int]:
    if config.start_subtask == "all":
        return list(range(n_subtasks))
    try:
        k = int(config.start_subtask)
    except ValueError:
        raise ConfigError(
            f"--start-subtask expects an index or 'all', got {config.start_subtask!r}"
        ) from None
    if not 0 <= k < n_subtasks:
        raise ConfigError(
            f"--start-subtask {k} is out of range for {task_id} "
            f"({n_subtasks} subtasks: 0..{n_subtasks - 1})"
        )
    return [k]


def build_plan(config: RunConfig) -> list[EpisodeSpec]:
    """Validate the selection and list every episode, in a stable order; raises ConfigError."""
    from guigym.tasks import load_task

    if config.seeds < 1:
        raise ConfigError(f"--seeds expects a count >= 1, got {config.seeds}")
    if config.max_steps is not None and config.max_steps < 1:
        raise ConfigError(f"--max-steps expects a count >= 1, got {config.max_steps}")
    if config.retries < 0:
        raise ConfigError(f"--retries expects a count >= 0, got {config.retries}")
    if config.jobs < 1:
        raise ConfigError(f"-j expects a worker count >= 1, got {config.jobs}")
    specs: list[EpisodeSpec] = []
    for task_id in _select_task_ids(config):
        try:
            task = load_task(task_id)
        except TaskError as exc:
            raise ConfigError(f"task {task_id} cannot be loaded: {exc}") from exc
        n = len(task.subtasks)
        for k in _start_indices(config, task_id, n):
            for seed in range(config.seeds):
                specs.append(
                    EpisodeSpec(
                        task_id=task_id,
                        seed=seed,
                        start_subtask=k,
                        env=str(getattr(task, "env", "web")),
                        n_subtasks=n,
                        max_steps=config.max_steps or getattr(task, "max_steps", None),
                    )
                )
    return specs


def fingerprint(config: RunConfig, specs: Sequence[EpisodeSpec]) -> str:
    """A short hash of everything that changes results: agent, its args, steps, episodes."""
    payload = {**config.result_fields(), "episodes": sorted(s.key for s in specs)}
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
