"""Apply a task's ``setup:`` list after reset: SQL statements and setup functions -> facts.

``sql`` steps are rendered (params and facts so far) and run through the site handle's
``exec(statement, params)`` (the control API's whitelisted DML). ``call`` steps load
``setup.py:fn`` by path and call ``fn(ctx)`` with a :class:`SetupContext`; a function returns a
mapping of facts (or None). Facts accumulate in order, so a later step may use earlier facts.
Every fact the task declares under ``facts:`` must have been returned.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guigym.tasks.loader import load_callable
from guigym.tasks.schema import TaskSpec
from guigym.tasks.templating import TemplateError, render_value

from guigym.errors import TaskError

__all__ = ["SetupContext", "apply_setup"]


@dataclass
class SetupContext:
    """What a setup function sees: site handles (``.sql``, ``.exec``, ``.get``), params, seed."""

    sites: Mapping[str, Any]
    params: Mapping[str, Any]
    seed: int
    facts: dict[str, Any] = field(default_factory=dict)
    desktop: Any = None
    rng: random.Random = field(default_factory=random.Random)

    def site(self, name: str) -> Any:
        """The handle of one site (TaskError if the task did not start it)."""
        try:
            return self.sites[name]
        except KeyError:
            raise TaskError(
                f"site {name!r} is not running (sites: {', '.join(self.sites)})"
            ) from None


def apply_setup(
    spec: TaskSpec,
    params: Mapping[str, Any],
    sites: Mapping[str, Any],
    *,
    seed: int = 0,
    desktop: Any = None,
) -> dict[str, Any]:
    """Run the setup steps in order and return the facts (TaskError names the failing step)."""
    ctx = SetupContext(
        sites=sites,
        params=dict(params),
        seed=seed,
        desktop=desktop,
        rng=random.Random(f"{spec.id}:{seed}:setup"),
    )
    for i, step in enumerate(spec.setup):
        where = f"{spec.id}: setup[{i}]"
        if "sql" in step:
            try:
                body = render_value(step["sql"], {**ctx.facts, **params})
            except TemplateError as exc:
                raise TaskError(f"{where}: {exc}") from None
            ctx.site(body["site"]).exec(body["statement"], body.get("params"))
            continue
        fn = load_callable(spec, step["call"])
        try:
            result = fn(ctx)
        except TaskError:
            raise
        except Exception as exc:
            raise TaskError(f"{where}: {step['call']} raised {type(exc).__name__}: {exc}") from exc
        if result is None:
            continue
        if not isinstance(result, Mapping):
            raise TaskError(
                f"{where}: {step['call']} must return a dict of facts or None, got {result!r}"
            )
        ctx.facts.update(result)
    missing = [name for name in spec.facts if name not in ctx.facts]
    if missing:
        raise TaskError(f"{spec.id}: setup returned no value for declared facts {missing}")
    return dict(ctx.facts)
