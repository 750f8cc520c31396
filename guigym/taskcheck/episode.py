"""Episodes as `task check` drives them: every oracle action is a real ``env.step``.

``StepActor`` is the actor oracles see; ``_Episode`` tracks subtask states and turns an oracle's
action error into a problem naming the subtask; ``db_digest`` hashes the sites' databases so two
states can be compared exactly.
"""

from __future__ import annotations

import hashlib
import sqlite3
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guigym.taskcheck.leaks import leaks

__all__ = ["CheckRow", "TaskReport", "StepActor", "db_digest"]

#: Observation keys the checker's env produces on every step (the rest are fetched lazily).
STEP_OBS = ("url",)


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
        if key not in getattr(self._env, "offered_obs", ()):
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
        return site_instances(self.env)[name]

    @property
    def desktop(self) -> Any:
        """The desktop's control client (desktop envs only), as the env's own actor offers."""
        client = getattr(getattr(self.env, "provider", None), "client", None)
        if client is None:
            raise AttributeError("desktop: this env has no desktop")
        return client

    def wait_window(
        self, title_contains: str = "", app: str = "", gone: bool = False, timeout: float = 20.0
    ) -> Any:
        """Wait for a desktop window (a condition, not a sleep); see envs/desktop wait_window."""
        from guigym.envs.desktop.env import wait_window

        return wait_window(self.env, title_contains, app, gone, timeout)

    def do(self, action: Any) -> Mapping[str, Any]:
        self.observation = _Obs(self.env, self._episode.step(action))
        return self.observation

    act = do

    def __getattr__(self, kind: str) -> Callable[..., Mapping[str, Any]]:
        if kind.startswith("_"):
            raise AttributeError(kind)

        def call(*args: Any, **kwargs: Any) -> Mapping[str, Any]:
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            return self.do(f"{kind}({', '.join(parts)})")

        return call


class _Episode:
    """One episode driven by the checker: steps, the latest subtask states, action errors."""

    def __init__(self, env: Any, seed: int, spec: Any, k: int = 0) -> None:
        self.env = env
        options: dict[str, Any] = {"task": spec}
        if k:  # the prefix through the UI: proves the oracle prefix reaches the start state
            options.update(start_subtask=k, fast_forward=False)
        self.obs, info = env.reset(seed=seed, options=options)
        self.info = info
        self.states = env.unwrapped.verdicts()  # privileged: with the verifier's messages
        core = env.unwrapped
        seen = {**self.obs, "subtasks": core.subtasks_observation(), "last_action_error": ""}
        leaked = leaks(core.task.rendered, info, seen)
        if leaked:
            raise _Problem(f"the agent sees ground truth right after reset: {'; '.join(leaked)}")
        self.ended = False
        self.current = ""  # the subtask whose oracle is running (for messages)

    @property
    def rendered(self) -> Any:
        return self.env.task.rendered

    def step(self, action: Any) -> Mapping[str, Any]:
        if self.ended:  # the chain finished inside an oracle: the rest of it is not needed
            return self.obs
        self.obs, _, terminated, truncated, info = self.env.step(action)
        self.info, self.states = info, self.env.unwrapped.verdicts()
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


def site_instances(env: Any) -> Mapping[str, Any]:
    """The env's running site instances (the desktop provider keeps its sites in ``.sites``)."""
    provider = env.provider
    found = getattr(provider, "instances", None)
    if found is None:
        found = getattr(getattr(provider, "sites", None), "instances", {})
    return found


def db_digest(env: Any, sites: Iterable[str]) -> dict[str, str]:
    """``site.table`` -> hash of its rows: the sites' whole database state, compared exactly."""
    out: dict[str, str] = {}
    for name in sites:
        inst = site_instances(env)[name]
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
