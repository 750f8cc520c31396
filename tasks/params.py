"""Seeded choice of a task's params: the same (task, seed) always gives the same values.

Each param draws from its own ``random.Random`` seeded with ``"<task id>:<seed>:<name>"`` (string
seeds hash with SHA-512, stable across runs and machines), so adding a param to a task does not
change the values the others get.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from guigym.tasks.schema import ParamSpec, TaskSpec

from guigym.errors import TaskError, did_you_mean

__all__ = ["choose_params", "param_values"]


def param_values(spec: ParamSpec) -> list[Any]:
    """Every value a param may take (a constant has one)."""
    if spec.choice is not None:
        return list(spec.choice)
    if spec.int_range is not None:
        lo, hi = spec.int_range
        return list(range(lo, hi + 1))
    return [spec.value]


def _check_override(task: TaskSpec, name: str, spec: ParamSpec, value: Any) -> Any:
    if spec.kind == "choice":
        if value in spec.choice:
            return value
        for option in spec.choice:  # "20" from a command line means 20
            if str(option) == str(value):
                return option
        raise TaskError(f"{task.id}: param {name}={value!r} is not one of {spec.choice!r}")
    if spec.kind == "int":
        lo, hi = spec.int_range
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise TaskError(f"{task.id}: param {name} expects an integer, got {value!r}") from None
        if not lo <= number <= hi:
            raise TaskError(f"{task.id}: param {name}={number} is outside [{lo}, {hi}]")
        return number
    return value


def choose_params(
    task: TaskSpec, seed: int | None = 0, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Pick every param for ``seed`` (None means 0); ``overrides`` win but must be valid values."""
    overrides = dict(overrides or {})
    for name in overrides:
        if name not in task.params:
            raise TaskError(
                f"{task.id} has no param {name!r}{did_you_mean(name, task.params)}"
                f" (params: {', '.join(task.params) or 'none'})"
            )
    chosen: dict[str, Any] = {}
    for name, spec in task.params.items():
        if name in overrides:
            chosen[name] = _check_override(task, name, spec, overrides[name])
            continue
        rng = random.Random(f"{task.id}:{0 if seed is None else int(seed)}:{name}")
        if spec.kind == "choice":
            chosen[name] = spec.choice[rng.randrange(len(spec.choice))]
        elif spec.kind == "int":
            chosen[name] = rng.randint(*spec.int_range)
        else:
            chosen[name] = spec.value
    return chosen
