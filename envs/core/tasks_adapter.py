"""Adapts a ``task.yaml`` task (guigym.tasks + guigym.evaluators) to the core's ``EpisodeTask``.

Why here: the core only knows the small ``EpisodeTask`` protocol; this module is the one place
that knows the task format's API (load_task, choose_params, apply_setup, render_task, Verifier,
CheckContext, prefix_for, handoff), so a change there touches one file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guigym.envs.core.task import SubtaskInfo

from guigym.errors import ConfigError, TaskError

__all__ = ["PrefixStep", "SpecTask", "resolve_task"]


@dataclass(frozen=True)
class PrefixStep:
    """One subtask of a mid-chain prefix: its oracle steps and optional fast-forward.

    ``steps`` are actions (strings/dicts) or callables taking an actor; ``fast(sites)``, when
    present, applies the same effect through the sites' control API without the browser.
    """

    index: int
    id: str
    steps: list[Any]
    fast: Callable[[Mapping[str, Any]], None] | None = None


def resolve_task(ref: Any, seed: int | None, overrides: Mapping[str, Any] | None) -> SpecTask:
    """A task id (or a loaded ``TaskSpec``) -> an ``EpisodeTask`` for one episode."""
    from guigym.tasks import choose_params, load_task

    spec = load_task(ref) if isinstance(ref, str) else ref
    if spec.env != "web":
        raise ConfigError(f"task {spec.id!r} is a {spec.env} task; use the {spec.env} env")
    return SpecTask(spec, choose_params(spec, seed, overrides), seed or 0)


class SpecTask:
    """One episode of a ``TaskSpec``: params chosen; rendered once setup has found the facts."""

    def __init__(self, spec: Any, params: Mapping[str, Any], seed: int) -> None:
        from guigym.tasks import render_task

        self.spec = spec
        self.params = dict(params)
        self.seed = seed
        self.facts: dict[str, Any] = {}
        self.id = spec.id
        self.sites = tuple(spec.sites)
        self.max_steps = spec.max_steps
        login = spec.start.login
        self.login = (login.site, login.user) if login is not None else None
        folder = getattr(spec, "path", None)
        files = Path(folder) / "files" if folder else None
        self.files_root = files if files is not None and files.is_dir() else None
        try:  # rendered again after setup; tasks without facts render fully here
            self.rendered = render_task(spec, self.params, {})
        except TaskError:
            self.rendered = None

    def _need_rendered(self) -> Any:
        if self.rendered is None:
            raise TaskError(f"{self.id}: not rendered yet (setup has not run)")
        return self.rendered

    @property
    def instruction(self) -> str:
        return self._need_rendered().instruction

    @property
    def start_url(self) -> str:
        url = self._need_rendered().start_url
        if not url:
            site = self.sites[0] if self.sites else None
            if site is None:
                raise TaskError(f"{self.id}: a web task needs sites or start.url")
            url = f"http://{site}.test/"
        return url

    @property
    def subtasks(self) -> list[SubtaskInfo]:
        # Before setup (facts unknown) the ids are known but instructions may be templates.
        from guigym.tasks.rendered import takes_answer

        subs = self.rendered.subtasks if self.rendered is not None else self.spec.subtasks
        return [
            SubtaskInfo(
                s.id,
                s.instruction,
                s.weight,
                s.critical,
                tuple(self.spec.depends(i)),
                takes_answer(orig),
            )  # fmt: skip
            for i, (s, orig) in enumerate(zip(subs, self.spec.subtasks, strict=True))
        ]

    def setup(self, sites: Mapping[str, Any], facts: Any = None) -> dict[str, Any]:
        from guigym.tasks import apply_setup, render_task

        if facts is None:  # reads straight from local database files, as the verifier does
            from guigym.evaluators import local_reads

            reads = {name: local_reads(handle) for name, handle in sites.items()}
            facts = apply_setup(self.spec, self.params, reads, seed=self.seed)
        self.facts = dict(facts)
        self.rendered = render_task(self.spec, self.params, self.facts)
        self.login = self.rendered.login  # start.login.user may be a template over facts
        return self.facts

    def verifier(self, scored_from: int) -> Any:
        from guigym.evaluators import Verifier

        return Verifier(self._need_rendered(), scored_from=scored_from)

    def check_context(self, **state: Any) -> Any:
        from guigym.evaluators import CheckContext, local_reads

        sites = {name: local_reads(handle) for name, handle in state.get("sites", {}).items()}
        return CheckContext(
            sites=sites,
            answers=tuple(state.get("answers", ())),
            params=self.params,
            facts=self.facts,
            url=state.get("url", ""),
            dom=state.get("dom"),
            visited=tuple(state.get("visited", ())),
            error_urls=frozenset(state.get("error_urls", ())),
            step=state.get("step", 0),
            ended=state.get("ended"),
            task_dir=self._need_rendered().task_dir,
        )

    def prefix(self, k: int) -> tuple[list[int], list[Any]]:
        from guigym.tasks import CallOracle, load_callable, prefix_for

        subs = prefix_for(self._need_rendered(), k)
        steps: list[Any] = []
        for sub in subs:
            if isinstance(sub.oracle, CallOracle):
                steps.append(load_callable(self.spec, sub.oracle.call))
            else:
                steps.extend(sub.oracle)
        return [s.index for s in subs], steps

    def prefix_plan(self, k: int) -> list[PrefixStep]:
        """The prefix of a start at ``k`` as one entry per subtask, each with its fast-forward.

        The env caches the state after every entry, so a later start that shares the first
        entries restores that state and plays only the rest.
        """
        from guigym.tasks import CallOracle, SetupContext, load_callable, prefix_for

        out = []
        for sub in prefix_for(self._need_rendered(), k):
            fast = None
            if isinstance(sub.oracle, CallOracle):
                steps: list[Any] = [load_callable(self.spec, sub.oracle.call)]
                if sub.oracle.fast_forward:
                    fn = load_callable(self.spec, sub.oracle.fast_forward)

                    def fast(sites: Mapping[str, Any], fn: Any = fn) -> None:
                        fn(SetupContext(sites=sites, params=self.params, seed=self.seed,
                                        facts=dict(self.facts)))  # fmt: skip
            else:
                steps = list(sub.oracle)
            out.append(PrefixStep(sub.index, sub.id, steps, fast))
        return out

    def instruction_for(self, k: int, answers: Sequence[str]) -> str:
        from guigym.tasks import handoff, prefix_for

        rendered = self._need_rendered()
        bound = {a.subtask: str(a) for a in answers if getattr(a, "subtask", None)}
        text = handoff(rendered, k, bound if bound else list(answers))
        if k > 0 and prefix_for(rendered, k):
            text += (
                f"\nYou are on {self.start_url} in the browser session the earlier part left"
                " (its sign-ins are kept)."
            )
        return text
