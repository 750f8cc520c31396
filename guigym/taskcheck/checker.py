"""``TaskChecker``: every property of one task, per seed, with one warm WebEnv."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from guigym.taskcheck.episode import (
    STEP_OBS,
    CheckRow,
    TaskReport,
    _diff,
    _Episode,
    _Problem,
    db_digest,
)

__all__ = ["TaskChecker", "check_task"]


class TaskChecker:
    """Checks tasks with one warm WebEnv (create once per process, ``close()`` at the end)."""

    def __init__(self, roots: Sequence[str | Path] | None = None, env: Any = None) -> None:
        self.roots = list(roots) if roots is not None else None
        self._envs: dict[str, Any] = {"web": env} if env is not None else {}
        self.env: Any = None  # the env of the task being checked

    def env_for(self, kind: str) -> Any:
        """The warm env of this kind (``web`` or ``desktop``), created on first use."""
        env = self._envs.get(kind)
        if env is None:
            if kind == "web":
                from guigym.envs.web.env import WebEnv

                env = WebEnv(obs=STEP_OBS)
            elif kind == "desktop":
                from guigym.envs.desktop.env import DesktopEnv

                env = DesktopEnv(obs=("windows",))
            else:
                raise _Problem(f"no env for tasks of kind {kind!r}")
            self._envs[kind] = env
        return env

    def close(self) -> None:
        for env in self._envs.values():
            env.close()
        self._envs.clear()

    def check(self, task_id: str, seeds: Sequence[int], mid_chain_seeds: int = 1) -> TaskReport:
        """Every property for ``task_id`` and each seed; never raises for a task's problem."""
        from guigym.tasks import load_task

        report = TaskReport(task_id)
        started = time.perf_counter()
        try:
            spec = load_task(task_id, self.roots)
        except Exception as exc:  # noqa: BLE001
            report.rows.append(CheckRow("load", None, False, 0.0, str(exc)))
            return report
        try:
            self.env = self.env_for(spec.env)
        except Exception as exc:  # noqa: BLE001 - e.g. no desktop on this machine
            report.rows.append(CheckRow("env", None, False, 0.0, f"{type(exc).__name__}: {exc}"))
            return report
        for n, seed in enumerate(seeds):
            self._check_seed(report, spec, seed, mid_chain=n < mid_chain_seeds)
        report.seconds = time.perf_counter() - started
        return report

    # -- one seed ------------------------------------------------------------------------------
    def _row(self, report: TaskReport, name: str, seed: int, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        try:
            value = fn()
        except _Problem as exc:
            report.rows.append(CheckRow(name, seed, False, time.perf_counter() - started, str(exc)))
            return None
        except Exception as exc:  # noqa: BLE001 - env/site errors are problems too
            msg = f"{type(exc).__name__}: {exc}".splitlines()[0]
            report.rows.append(CheckRow(name, seed, False, time.perf_counter() - started, msg))
            return None
        detail = value if isinstance(value, str) else ""
        report.rows.append(CheckRow(name, seed, True, time.perf_counter() - started, detail))
        return value

    def _check_seed(self, report: TaskReport, spec: Any, seed: int, mid_chain: bool) -> None:
        run: dict[str, Any] = {}
        self._row(report, "oracle, step by step", seed, lambda: self._oracle_run(spec, seed, run))
        if "final" not in run:
            return
        self._row(report, "no-op, same seed twice", seed, lambda: self._replay(spec, seed, run))
        if not mid_chain:
            return
        n = len(run["digests"])
        for k in range(1, n):
            self._row(
                report, f"mid-chain start k={k}", seed, lambda k=k: self._mid(spec, seed, k, run)
            )

    def _oracle_run(self, spec: Any, seed: int, run: dict[str, Any]) -> str:
        env = self.env
        ep = _Episode(env, seed, spec)
        rendered = ep.rendered
        subs = rendered.subtasks
        run["start"] = (dict(env.task.params), dict(env.task.facts), ep.info["instruction"])
        for s in ep.states:
            if s["status"] == "pass":
                raise _Problem(
                    f"subtask {s['id']!r} passes right after reset, before its oracle ran:"
                    f" {s['message']}"
                )
        digests, answers = [], []
        for i, sub in enumerate(subs):
            status, message = ep.status(i)
            if status == "pass":
                raise _Problem(f"subtask {sub.id!r} passes before its oracle ran: {message}")
            if status == "error":
                raise _Problem(f"subtask {sub.id!r}: its check errors: {message}")
            if ep.ended:
                raise _Problem(f"the episode ended before subtask {sub.id!r}")
            digests.append(db_digest(env, rendered.sites))
            answers.append(list(env.answers))
            ep.run_oracle(i)
            status, message = ep.status(i)
            if status != "pass":
                raise _Problem(f"after its oracle, subtask {sub.id!r} does not pass: {message}")
            undone = [subs[j].id for j in range(i) if ep.status(j)[0] != "pass"]
            if undone:
                raise _Problem(f"the oracle of {sub.id!r} undid earlier subtask(s) {undone}")
        if rendered.infeasible:
            if ep.ended:
                raise _Problem("the infeasible task ended before the agent's fail()")
            ep.current = "declare-infeasible"
            ep.step("fail('this cannot be done')")
        failing = [f"{s['id']}: {s['message']}" for s in ep.states if s["status"] != "pass"]
        if failing:
            raise _Problem(f"at the end, not every subtask passes: {failing}")
        if not ep.ended:
            raise _Problem("every subtask passes but the episode did not end")
        run["digests"], run["answers"] = digests, answers
        run["final"] = (
            [s["status"] for s in ep.states],
            list(env.answers),
            db_digest(env, rendered.sites),
        )
        return f"{len(subs)} subtasks, {env.steps} steps"

    def _replay(self, spec: Any, seed: int, run: dict[str, Any]) -> str:
        env = self.env
        ep = _Episode(env, seed, spec)
        start = (dict(env.task.params), dict(env.task.facts), ep.info["instruction"])
        if start != run["start"]:
            raise _Problem(f"the same seed gave different params/facts/instruction: {start}")
        ep.current = "no-op"
        ep.step("noop()")
        passing = [s["id"] for s in ep.states if s["status"] == "pass"]
        if passing:
            raise _Problem(f"a no-op episode passes subtask(s) {passing}")
        sites = ep.rendered.sites
        first = db_digest(env, sites)
        if first != run["digests"][0]:
            raise _Problem(
                f"the same seed reset to another state: {_diff(first, run['digests'][0])}"
            )
        for i in range(len(ep.rendered.subtasks)):
            ep.run_oracle(i)
        if ep.rendered.infeasible:
            ep.step("fail('this cannot be done')")
        final = ([s["status"] for s in ep.states], list(env.answers), db_digest(env, sites))
        statuses, answers, digest = run["final"]
        if final[0] != statuses:
            raise _Problem(f"the same seed twice: statuses {final[0]} then {statuses}")
        if final[1] != answers:
            raise _Problem(f"the same seed twice: answers {final[1]} then {answers}")
        if final[2] != digest:
            raise _Problem(
                f"the same seed twice: the sites' state differs in {_diff(final[2], digest)}"
            )
        return "no-op passes none; same outcome"

    def _mid(self, spec: Any, seed: int, k: int, run: dict[str, Any]) -> str:
        from guigym.tasks import prefix_for

        env = self.env
        ep = _Episode(env, seed, spec, k)
        rendered = ep.rendered
        sub = rendered.subtasks[k]
        status, message = ep.status(k)
        if status == "pass":
            raise _Problem(f"start at {sub.id!r}: it passes before the agent acts: {message}")
        prefix = [s.index for s in prefix_for(rendered, k)]
        compared = prefix == list(range(k))
        if compared:
            digest = db_digest(env, rendered.sites)
            if digest != run["digests"][k]:
                raise _Problem(
                    f"start at {sub.id!r} reaches a different state than the oracle prefix:"
                    f" tables {_diff(digest, run['digests'][k])}"
                )
            if list(env.answers) != run["answers"][k]:
                raise _Problem(
                    f"start at {sub.id!r}: answers {list(env.answers)}"
                    f" != the prefix's {run['answers'][k]}"
                )
        # the hand-off is a real start: the subtask's own oracle must solve it from here (the
        # task's start page in the prefix's browser session, so oracles may not rely on the page
        # the prefix left open)
        ep.run_oracle(k)
        status, message = ep.status(k)
        if status != "pass":
            raise _Problem(f"started at {sub.id!r}, its oracle does not pass it: {message}")
        state = "same state as the prefix" if compared else f"prefix {prefix}: state not compared"
        return f"from {sub.id!r}: {state}; its oracle passes"


def check_task(task_id: str, seeds: Sequence[int] = (0, 1), **kwargs: Any) -> TaskReport:
    """Check one task in this process (a fresh env, closed afterwards)."""
    checker = TaskChecker(kwargs.pop("roots", None))
    try:
        return checker.check(task_id, seeds, **kwargs)
    finally:
        checker.close()
