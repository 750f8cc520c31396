"""`guigym task check`: prove in the real WebEnv that tasks are solvable and verified step by step.

For each task and seed: the oracle passes every subtask; a no-op episode passes none; before each
subtask's oracle its check fails and after it passes; the same seed twice gives the same outcome
(params, facts, instruction, answers, statuses and the sites' databases); and a mid-chain start at
each k reaches the database state that playing the oracle prefix reaches.

Why here (the front door) and not in ``guigym.tasks``: it drives envs, and tasks may not import
upward. One env per worker process is reused across tasks (warm resets); workers are spawned
processes (a Playwright driver is never inherited through fork).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CheckRow", "TaskReport", "check_tasks", "check_task", "TaskChecker"]

#: Observation keys the checker's env produces on every step (the rest are fetched lazily).
_STEP_OBS = ("url",)


@dataclass
class CheckRow:
    """One proven property of one task and seed."""

    check: str
    seed: int | None
    ok: bool
    seconds: float = 0.0
    detail: str = ""


@dataclass
class TaskReport:
    """Every check row of one task; ``problems`` are the failed rows' messages."""

    task_id: str
    rows: list[CheckRow] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    @property
    def problems(self) -> list[str]:
        out = []
        for r in self.rows:
            if not r.ok:
                seed = f" seed {r.seed}" if r.seed is not None else ""
                out.append(f"{self.task_id}{seed}: {r.check}: {r.detail}")
        return out


class _Problem(Exception):
    """A property does not hold (message names the subtask)."""


class _Obs(dict):
    """An observation that fetches keys the env did not produce (e.g. ``axtree``) on access."""

    def __init__(self, env: Any, base: Mapping[str, Any]) -> None:
        super().__init__(base)
        self._env = env

    def __missing__(self, key: str) -> Any:
        from guigym.envs.core.spaces import OBS_KEYS

        if key not in OBS_KEYS:
            raise KeyError(key)
        value = self._env._backend_observe((key,))[key]
        self[key] = value
        return value

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


class StepActor:
    """The actor oracles see; every action is a real ``env.step`` (so the verifier runs)."""

    def __init__(self, env: Any, episode: _Episode) -> None:
        self.env = env
        self._episode = episode
        self.observation: Mapping[str, Any] = _Obs(env, episode.obs)

    @property
    def params(self) -> Mapping[str, Any]:
        return self.env.task.params

    @property
    def facts(self) -> Mapping[str, Any]:
        return self.env.task.facts

    def site(self, name: str) -> Any:
        return self.env.provider.handles([name])[name]

    def do(self, action: Any) -> Mapping[str, Any]:
        self.observation = _Obs(self.env, self._episode.step(action))
        return self.observation

    act = do

    def __getattr__(self, kind: str) -> Callable[..., Mapping[str, Any]]:
        if kind.startswith("_"):
            raise AttributeError(kind)

        def call(*args: Any, **kwargs: Any) -> Mapping[str, Any]:
            parts = [repr(str(a)) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            return self.do(f"{kind}({', '.join(parts)})")

        return call


class _Episode:
    """One episode driven by the checker: steps, the latest subtask states, action errors."""

    def __init__(self, env: Any, seed: int, spec: Any, k: int = 0) -> None:
        self.env = env
        options: dict[str, Any] = {"task": spec}
        if k:
            options["start_subtask"] = k
        self.obs, info = env.reset(seed=seed, options=options)
        self.info = info
        self.states = info["subtasks"]
        self.ended = False
        self.current = ""  # the subtask whose oracle is running (for messages)

    @property
    def rendered(self) -> Any:
        return self.env.task.rendered

    def step(self, action: Any) -> Mapping[str, Any]:
        if self.ended:  # the chain finished inside an oracle: the rest of it is not needed
            return self.obs
        self.obs, _, terminated, truncated, info = self.env.step(action)
        self.info, self.states = info, info["subtasks"]
        if info["last_action_error"]:
            raise _Problem(
                f"oracle of {self.current!r}: action {action!r} failed: {info['last_action_error']}"
            )
        if truncated:
            raise _Problem(f"oracle of {self.current!r}: max_steps reached at {action!r}")
        self.ended = terminated
        return self.obs

    def status(self, i: int) -> tuple[str, str]:
        s = self.states[i]
        return s["status"], s["message"]

    def run_oracle(self, i: int) -> None:
        from guigym.tasks import CallOracle, load_callable

        sub = self.rendered.subtasks[i]
        self.current = sub.id
        if isinstance(sub.oracle, CallOracle):
            fn = load_callable(self.env.task.spec, sub.oracle.call)
            try:
                fn(StepActor(self.env, self))
            except _Problem:
                raise
            except Exception as exc:  # noqa: BLE001 - a broken solution is the author's problem
                where = traceback.extract_tb(exc.__traceback__)[-1]
                raise _Problem(
                    f"oracle of {sub.id!r} raised {type(exc).__name__}: {exc}"
                    f" ({Path(where.filename).name}:{where.lineno})"
                ) from None
        else:
            for action in sub.oracle:
                self.step(action)


def db_digest(env: Any, sites: Iterable[str]) -> dict[str, str]:
    """``site.table`` -> hash of its rows: the sites' whole database state, compared exactly."""
    out: dict[str, str] = {}
    for name in sites:
        inst = env.provider.instances[name]
        path = getattr(inst, "db_path", None)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for table in tables:
                h = hashlib.sha1()
                for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):  # noqa: S608
                    h.update(repr(row).encode())
                out[f"{name}.{table}"] = h.hexdigest()
        finally:
            conn.close()
    return out


def _diff(a: Mapping[str, str], b: Mapping[str, str]) -> str:
    keys = sorted(k for k in {*a, *b} if a.get(k) != b.get(k))
    return ", ".join(keys[:8]) + (" ..." if len(keys) > 8 else "")


class TaskChecker:
    """Checks tasks with one warm WebEnv (create once per process, ``close()`` at the end)."""

    def __init__(self, roots: Sequence[str | Path] | None = None, env: Any = None) -> None:
        self.roots = list(roots) if roots is not None else None
        self._env = env

    @property
    def env(self) -> Any:
        if self._env is None:
            from guigym.envs.web.env import WebEnv

            self._env = WebEnv(obs=_STEP_OBS)
        return self._env

    def close(self) -> None:
        if self._env is not None:
            self._env.close()
            self._env = None

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
        if spec.env != "web":
            report.rows.append(CheckRow("load", None, False, 0.0, f"env {spec.env!r}: not yet"))
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
        if prefix != list(range(k)):
            return f"prefix {prefix} is not the whole chain before k: state not compared"
        digest = db_digest(env, rendered.sites)
        if digest != run["digests"][k]:
            raise _Problem(
                f"start at {sub.id!r} reaches a different state than the oracle prefix:"
                f" tables {_diff(digest, run['digests'][k])}"
            )
        if list(env.answers) != run["answers"][k]:
            raise _Problem(
                f"start at {sub.id!r}: answers {list(env.answers)} != prefix's {run['answers'][k]}"
            )
        return f"from {sub.id!r}: same state as the prefix"


def check_task(task_id: str, seeds: Sequence[int] = (0, 1), **kwargs: Any) -> TaskReport:
    """Check one task in this process (a fresh env, closed afterwards)."""
    checker = TaskChecker(kwargs.pop("roots", None))
    try:
        return checker.check(task_id, seeds, **kwargs)
    finally:
        checker.close()


def _worker(roots: Any, seeds: list[int], mid: int, jobs: Any, results: Any) -> None:
    checker = TaskChecker(roots)
    try:
        while True:
            task_id = jobs.get()
            if task_id is None:
                return
            try:
                report = checker.check(task_id, seeds, mid)
            except BaseException as exc:  # noqa: BLE001 - report, keep the worker alive
                report = TaskReport(task_id, [CheckRow("checker", None, False, 0.0, repr(exc))])
            results.put(report)
    finally:
        checker.close()


def check_tasks(
    task_ids: Sequence[str],
    seeds: Sequence[int] = (0, 1),
    *,
    workers: int = 1,
    roots: Sequence[str | Path] | None = None,
    mid_chain_seeds: int = 1,
    on_report: Callable[[TaskReport], None] | None = None,
) -> list[TaskReport]:
    """Check tasks (in ``workers`` spawned processes when > 1); reports in ``task_ids`` order."""
    seeds = list(seeds)
    reports: dict[str, TaskReport] = {}
    if workers <= 1 or len(task_ids) <= 1:
        checker = TaskChecker(roots)
        try:
            for tid in task_ids:
                reports[tid] = checker.check(tid, seeds, mid_chain_seeds)
                if on_report:
                    on_report(reports[tid])
        finally:
            checker.close()
        return [reports[t] for t in task_ids]
    ctx = mp.get_context("spawn")
    jobs, results = ctx.Queue(), ctx.Queue()
    for tid in _longest_first(task_ids, roots):
        jobs.put(tid)
    n = min(workers, len(task_ids))
    for _ in range(n):
        jobs.put(None)
    roots_arg = [str(r) for r in roots] if roots is not None else None
    procs = [
        ctx.Process(target=_worker, args=(roots_arg, seeds, mid_chain_seeds, jobs, results))
        for _ in range(n)
    ]
    for p in procs:
        p.start()
    try:
        while len(reports) < len(task_ids):
            try:
                report = results.get(timeout=5)
            except Exception:  # noqa: BLE001 - queue.Empty: check the workers are alive
                if not any(p.is_alive() for p in procs):
                    for tid in task_ids:
                        if tid not in reports:
                            reports[tid] = TaskReport(
                                tid, [CheckRow("checker", None, False, 0.0, "a worker died")]
                            )
                    break
                continue
            reports[report.task_id] = report
            if on_report:
                on_report(report)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
    return [reports[t] for t in task_ids]


def _longest_first(task_ids: Sequence[str], roots: Any) -> list[str]:
    from guigym.tasks import load_task

    def size(tid: str) -> int:
        try:
            return len(load_task(tid, roots).subtasks)
        except Exception:  # noqa: BLE001
            return 0

    return sorted(task_ids, key=lambda t: -size(t))
