"""The verifier: re-checks a task's subtasks after every step and turns them into rewards.

Reward = change in weighted completion, so an episode's rewards sum to its final completion and
undoing a subtask gives a negative reward. Critical gating ("a failed critical subtask zeroes
completion") applies to the *final* state: a critical subtask counts as failed when it is not
passing at the end of the episode (the update with ``final=True``, or :meth:`finish`). During the
episode completion is the ungated weighted share, so rewards stay dense; at the end the drop to
0 (if any) is the last reward.

An infeasible task (``infeasible: true``) gets one extra critical subtask, ``declare-infeasible``,
that passes only when the agent ended the episode with ``fail(...)`` (``ctx.ended == "fail"``).
"""

from __future__ import annotations

import time
from dataclasses import replace

from guigym.evaluators.answers import bind_answers
from guigym.evaluators.checks import run_check
from guigym.evaluators.context import CheckContext
from guigym.evaluators.metrics import completion_of, episode_metrics, prefix_of
from guigym.evaluators.results import CheckResult, EpisodeResult, SubtaskState
from guigym.tasks.rendered import RenderedTask

__all__ = ["Verifier", "INFEASIBLE_ID", "preconditions"]

#: Id of the synthetic subtask of infeasible tasks.
INFEASIBLE_ID = "declare-infeasible"


class Verifier:
    """Tracks one episode's subtasks. Subtasks before ``start_subtask`` are not scored."""

    def __init__(
        self,
        rendered: RenderedTask,
        start_subtask: int | str = 0,
        *,
        scored_from: int | str | None = None,
    ) -> None:
        self.task = rendered
        key = scored_from if scored_from is not None else start_subtask
        self.start = rendered.index(key) if rendered.subtasks else 0
        self._states: list[SubtaskState] = [
            SubtaskState(
                id=s.id,
                index=s.index,
                status="pending" if s.index >= self.start else "skipped",
                weight=s.weight,
                critical=s.critical,
                scored=s.index >= self.start,
            )
            for s in rendered.subtasks
        ]
        if rendered.infeasible:
            self._states.append(
                SubtaskState(id=INFEASIBLE_ID, index=len(rendered.subtasks), critical=True)
            )
        self._completion = 0.0
        self.last_reward = 0.0
        self.finished = False
        self.check_seconds = 0.0
        self.checks_run = 0
        self._visited: list[str] = []  # URLs seen at updates, first-visit order
        self._seen: set[str] = set()

    @property
    def states(self) -> list[SubtaskState]:
        """Every subtask's latest state (unscored ones have status ``skipped``)."""
        return list(self._states)

    def _check(self, index: int, ctx: CheckContext, bound: dict[str, str]) -> CheckResult:
        if index == len(self.task.subtasks):  # the infeasible task's declaration
            if ctx.ended == "fail":
                return CheckResult.ok("the agent declared the task infeasible with fail()")
            return CheckResult.no("the task is infeasible: the agent should end with fail(reason)")
        sub = self.task.subtasks[index]
        everything = ctx.answers
        ctx.answers = (bound[sub.id],) if sub.id in bound else ()  # its own answer only
        try:
            return run_check(sub.check, ctx)
        finally:
            ctx.answers = everything

    def update(self, ctx: CheckContext, step: int, *, final: bool = False) -> list[SubtaskState]:
        """Run every scored subtask's check once; set :attr:`last_reward`; return the states."""
        ctx.clear_memo()
        if ctx.task_dir is None:
            ctx.task_dir = self.task.task_dir
        if not ctx.params and self.task.params:
            ctx.params = self.task.params
        if not ctx.facts and self.task.facts:
            ctx.facts = self.task.facts
        ctx.step = step
        for url in [*ctx.visited, ctx.url]:
            if url and url not in self._seen and url not in ctx.error_urls:
                self._seen.add(url)
                self._visited.append(url)
        ctx.visited = tuple(self._visited)
        bound = bind_answers(self.task.subtasks, ctx.answers, self.start)
        started = time.perf_counter()
        for i, state in enumerate(self._states):
            if not state.scored:
                continue
            result = self._check(i, ctx, bound)
            self.checks_run += 1
            first = state.first_passed_step
            if result.passed and first is None:
                first = step
            self._states[i] = replace(
                state,
                status=result.status,
                score=result.score,
                message=result.message,
                first_passed_step=first,
            )
        self.check_seconds += time.perf_counter() - started
        if final:
            self.finished = True
        return self._reward()

    def finish(self) -> float:
        """Mark the episode ended (applies critical gating); returns the extra reward (<= 0)."""
        self.finished = True
        self._reward()
        return self.last_reward

    def _reward(self) -> list[SubtaskState]:
        new = self.completion()
        self.last_reward = new - self._completion
        self._completion = new
        return self.states

    def completion(self) -> float:
        """Weighted share of scored subtasks passing; critical gating once the episode ended."""
        return completion_of(self._states, gate=self.finished)

    def all_passed(self) -> bool:
        """Every scored subtask passes now (an infeasible task also needs the agent's fail())."""
        scored = [s for s in self._states if s.scored]
        return bool(scored) and all(s.passed for s in scored)

    def prefix(self) -> float:
        """Longest run of passing scored subtasks from the start, over the number scored."""
        return prefix_of(self._states)

    def episode_result(
        self,
        steps: int,
        *,
        seed: int | None = None,
        error: str | None = None,
        oracle_steps: int | None = None,
    ) -> EpisodeResult:
        """The episode's metrics (DESIGN.md §6); call after the final update."""
        if not self.finished:
            self.finish()
        if oracle_steps is None:
            oracle_steps = self.task.oracle_steps(self.start)
        return episode_metrics(
            self._states,
            task_id=self.task.id,
            steps=steps,
            seed=seed,
            start_subtask=self.start,
            oracle_steps=oracle_steps,
            error=error,
            extra={"params": dict(self.task.params)},
        )


def preconditions(rendered: RenderedTask, k: int | str, ctx: CheckContext) -> list[str]:
    """Problems with a mid-chain start at ``k`` (empty when sound): after the prefix's oracles,
    every subtask of :func:`guigym.tasks.prefix_for` must pass and ``k`` itself must not yet."""
    from guigym.tasks.rendered import prefix_for

    index = rendered.index(k)
    ctx.clear_memo()
    if ctx.task_dir is None:
        ctx.task_dir = rendered.task_dir
    if ctx.url and ctx.url not in ctx.visited and ctx.url not in ctx.error_urls:
        ctx.visited = (*ctx.visited, ctx.url)
    problems = []
    prefix = prefix_for(rendered, index)
    bound = bind_answers(rendered.subtasks, ctx.answers, 0, only={s.index for s in prefix})
    everything = ctx.answers
    for sub in prefix:
        ctx.answers = (bound[sub.id],) if sub.id in bound else ()
        result = run_check(sub.check, ctx)
        if not result.passed:
            problems.append(
                f"prefix subtask {sub.id!r} does not pass after its oracle: {result.message}"
            )
    target = rendered.subtasks[index]
    ctx.answers = ()  # the prefix's answers are bound to the prefix's subtasks
    result = run_check(target.check, ctx)
    ctx.answers = everything
    if result.passed:
        problems.append(
            f"subtask {target.id!r} already passes before the agent acts: {result.message}"
        )
    elif result.status == "error":
        problems.append(f"subtask {target.id!r} check is broken: {result.message}")
    return problems
