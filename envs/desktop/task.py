"""Desktop tasks: a ``task.yaml`` with ``env: desktop`` adapted to the episode core.

Reuses the core's :class:`~guigym.envs.core.tasks_adapter.SpecTask` and adds what a desktop
episode needs: the desktop handle for setup functions and checks (``ctx.desktop``), the apps to
start and the files to open (``start.apps`` / ``start.open``, rendered over params and facts),
and the task's ``files/`` folder, copied into the home at reset (``files/Documents/a.txt`` ->
``~/Documents/a.txt``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guigym.envs.core.tasks_adapter import SpecTask

from guigym.errors import ConfigError

__all__ = ["DesktopTask", "resolve_desktop_task"]


def resolve_desktop_task(
    ref: Any, seed: int | None, overrides: Mapping[str, Any] | None
) -> DesktopTask:
    """A desktop task id (or loaded ``TaskSpec``) -> one episode of it."""
    from guigym.tasks import choose_params, load_task

    spec = load_task(ref) if isinstance(ref, str) else ref
    if spec.env != "desktop":
        raise ConfigError(f"task {spec.id!r} is a {spec.env} task; use the {spec.env} env")
    return DesktopTask(spec, choose_params(spec, seed, overrides), seed or 0)


class DesktopTask(SpecTask):
    """A desktop episode of a TaskSpec; ``desktop`` is set by the env before ``setup``."""

    desktop: Any = None

    @property
    def apps(self) -> list[str]:
        """Apps to have open at the start (``start.apps``; else none)."""
        return list(self.spec.start.apps)

    @property
    def open_files(self) -> list[str]:
        """Files (inside the home) to open at the start, rendered over params and facts."""
        from guigym.tasks.templating import render_value

        return [
            str(v) for v in render_value(list(self.spec.start.open), {**self.facts, **self.params})
        ]

    @property
    def start_url(self) -> str:
        rendered = self.rendered.start_url if self.rendered is not None else None
        return rendered or ""

    def setup(self, sites: Mapping[str, Any], facts: Any = None) -> dict[str, Any]:
        from guigym.tasks import apply_setup, render_task

        if facts is None:
            facts = apply_setup(self.spec, self.params, sites, seed=self.seed, desktop=self.desktop)
        self.facts = dict(facts)
        self.rendered = render_task(self.spec, self.params, self.facts)
        return self.facts

    def check_context(self, **state: Any) -> Any:
        ctx = super().check_context(**state)
        ctx.desktop = state.get("desktop")
        return ctx
