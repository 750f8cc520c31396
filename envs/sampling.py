"""Task sampling for the generic envs ``guigym/Web-v0`` and ``guigym/Desktop-v0``.

Why: a trainer's loop (and Gymnasium's vector autoreset) calls ``reset()`` with no options, so a
generic env must know which task comes next. A ``TaskSampler`` is passed as the env's ``task``;
``EpisodeCore.reset`` asks it for the next task (and, for a curriculum, the start subtask) from
the env's own ``np_random``, so a seeded reset picks exactly the same task again and an unseeded
one continues the seeded stream. ``options={"task": ...}`` at reset still wins.

``make_web`` / ``make_desktop`` are the registered entry points: the env's own keywords plus
``tasks=``, ``suite=``, ``sampling=``, ``weights=``, ``curriculum=``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from guigym.errors import ConfigError, did_you_mean

__all__ = ["SAMPLING_RULES", "Draw", "TaskSampler", "make_desktop", "make_web"]

#: How the next task is chosen: uniformly, in turn, by weight, or uniformly with a start subtask
#: that moves from the last subtask towards the first as episodes accumulate (a reverse
#: curriculum: short chains first).
SAMPLING_RULES = ("uniform", "round_robin", "weights", "curriculum")


@dataclass(frozen=True)
class Draw:
    """One reset's choice: the task id and the start subtask (None: from the first)."""

    task: str
    start_subtask: int | None = None


class TaskSampler:
    """Chooses each episode's task among ``tasks`` (ids) or every task of ``suite``.

    Args:
        env: "web" or "desktop"; with neither ``tasks`` nor ``suite``, every task of this env.
        tasks: task ids.
        suite: a suite name or several (``"demo"``, ``["demo", "shop"]``).
        sampling: one of ``SAMPLING_RULES``; default "weights" when ``weights`` are given,
            "curriculum" when ``curriculum`` is, else "uniform".
        weights: a weight per task (a mapping id -> weight, or a list in ``tasks`` order).
        curriculum: episodes per curriculum stage (int, or ``{"episodes_per_stage": n}``).
            Stage s starts at subtask ``max(0, n_subtasks - 1 - s)``.

    Seeded resets restart the schedule: round-robin continues from ``seed % len(tasks)``, the
    curriculum from stage 0, so ``reset(seed=s)`` is reproducible whatever came before.
    """

    def __init__(
        self,
        env: str = "web",
        tasks: Sequence[str] | None = None,
        suite: str | Sequence[str] | None = None,
        sampling: str | None = None,
        weights: Mapping[str, float] | Sequence[float] | None = None,
        curriculum: int | Mapping[str, Any] | None = None,
    ) -> None:
        if env not in ("web", "desktop"):
            raise ConfigError(f"env must be 'web' or 'desktop', got {env!r}")
        self.env = env
        self._given = (list(tasks) if tasks is not None and not isinstance(tasks, str) else tasks,
                       suite)  # fmt: skip
        self._tasks: list[str] | None = None
        if tasks is not None or suite is not None:
            self._tasks = _task_list(env, tasks, suite)  # bad ids fail at construction
        if sampling is None:
            sampling = "weights" if weights is not None else "uniform"
            sampling = "curriculum" if curriculum is not None else sampling
        if sampling not in SAMPLING_RULES:
            raise ConfigError(
                f"sampling must be one of {', '.join(SAMPLING_RULES)}, got {sampling!r}"
                f"{did_you_mean(str(sampling), SAMPLING_RULES)}"
            )
        self.sampling = sampling
        if sampling == "weights" and weights is None:
            raise ConfigError("sampling='weights' needs weights=: a weight per task")
        self._weights = weights
        self.p = _probabilities(self.tasks, weights) if sampling == "weights" else None
        self.per_stage = _per_stage(curriculum) if sampling == "curriculum" else 0
        self._cursor = 0
        self._episodes = 0
        self._lengths: dict[str, int] = {}

    @property
    def tasks(self) -> list[str]:
        """The task ids sampled from (every task of the env's kind is listed on first use)."""
        if self._tasks is None:
            self._tasks = _task_list(self.env, *self._given)
        return self._tasks

    def draw(self, rng: np.random.Generator, seed: int | None) -> Draw:
        """The next episode's task (and start subtask), drawn from the env's ``np_random``."""
        n = len(self.tasks)
        if seed is not None:
            self._cursor, self._episodes = int(seed) % n, 0
        if self.sampling == "round_robin":
            i = self._cursor
            self._cursor = (self._cursor + 1) % n
        elif self.sampling == "weights":
            i = int(rng.choice(n, p=self.p))
        else:
            i = int(rng.integers(n))
        task = self.tasks[i]
        start = None
        if self.sampling == "curriculum":
            stage = self._episodes // self.per_stage
            start = max(0, self._subtask_count(task) - 1 - stage)
        self._episodes += 1
        return Draw(task, start)

    def _subtask_count(self, task: str) -> int:
        if task not in self._lengths:
            from guigym.tasks import load_task

            self._lengths[task] = len(load_task(task).subtasks)
        return self._lengths[task]

    def __repr__(self) -> str:
        return f"TaskSampler({self.env!r}, {len(self.tasks)} tasks, sampling={self.sampling!r})"


def _task_list(env: str, tasks: Sequence[str] | None, suite: str | Sequence[str] | None) -> list:
    from guigym.tasks import list_tasks

    if isinstance(tasks, str):
        tasks = [tasks]
    if tasks is not None and suite is not None:
        raise ConfigError("pass tasks=[...] or suite=..., not both")
    if tasks is not None:
        out = list(dict.fromkeys(tasks))
        known = set(list_tasks())
        for tid in out:
            if not isinstance(tid, str) or tid not in known:
                raise ConfigError(f"unknown task {tid!r}{did_you_mean(str(tid), known)}")
    else:
        suites = [suite] if isinstance(suite, str) else list(suite or [])
        ids = [t for s in suites for t in list_tasks(s)] if suites else list_tasks()
        out = [t for t in ids if _kind(t) == env]
    wrong = [t for t in out if _kind(t) != env]
    if wrong:
        raise ConfigError(f"{wrong[0]!r} is a {_kind(wrong[0])} task; this is the {env} env")
    if not out:
        raise ConfigError(f"no {env} tasks in tasks={tasks!r} suite={suite!r}")
    return out


def _kind(task_id: str) -> str:
    from guigym.tasks import load_task

    return load_task(task_id).env


def _probabilities(tasks: list[str], weights: Any) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, Mapping):
        unknown = [k for k in weights if k not in tasks]
        if unknown:
            raise ConfigError(f"weights name {unknown[0]!r}, which is not among the tasks")
        values = [float(weights.get(t, 0.0)) for t in tasks]
    else:
        values = [float(w) for w in weights]
        if len(values) != len(tasks):
            raise ConfigError(f"expected {len(tasks)} weights (one per task), got {len(values)}")
    arr = np.asarray(values, dtype=float)
    if (arr < 0).any() or not np.isfinite(arr).all() or arr.sum() <= 0:
        raise ConfigError(f"weights must be finite, >= 0 and not all 0, got {values}")
    return arr / arr.sum()


def _per_stage(curriculum: Any) -> int:
    value = curriculum.get("episodes_per_stage") if isinstance(curriculum, Mapping) else curriculum
    if value is None:
        value = 10
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"curriculum episodes_per_stage must be an int >= 1, got {value!r}")
    return value


_SAMPLER_KEYS = ("tasks", "suite", "sampling", "weights", "curriculum")


def _make(kind: str, cls: type, kwargs: dict) -> Any:
    picked = {k: kwargs.pop(k) for k in _SAMPLER_KEYS if k in kwargs}
    if picked and kwargs.get("task") is not None:
        raise ConfigError(f"pass task=... or {'/'.join(picked)}=..., not both")
    if kwargs.get("task") is None:
        kwargs["task"] = TaskSampler(kind, **picked)
    return cls(**kwargs)


def make_web(**kwargs: Any) -> Any:
    """``guigym/Web-v0``: a WebEnv whose reset() samples among tasks (see ``TaskSampler``)."""
    from guigym.envs.web.env import WebEnv

    return _make("web", WebEnv, kwargs)


def make_desktop(**kwargs: Any) -> Any:
    """``guigym/Desktop-v0``: a DesktopEnv whose reset() samples among desktop tasks."""
    from guigym.envs.desktop.env import DesktopEnv

    return _make("desktop", DesktopEnv, kwargs)
