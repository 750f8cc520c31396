"""The ``oracle`` agent: replays a task's oracles, step by step, through the runner's own loop.

It is the runner's self-test (SR must be 1.0 on every suite) and a reference trajectory for
efficiency. List oracles are replayed action by action. ``call: solution.py:fn`` oracles run
``fn(actor)`` in a helper thread: the thread only produces action strings and reads the
observations handed back (and may read the sites' databases); every action is performed by the
runner's ``env.step`` in the main thread, where Playwright lives, so it is recorded like any
agent's step.

Privileged: it reads the episode's rendered task (oracles, params, facts) from
``task_info["env"]``.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from guigym.agents.base import Action, TaskInfo

from guigym.errors import AgentError

__all__ = ["OracleAgent", "BridgeActor", "oracle_plan"]


class _Stop(BaseException):
    """Raised inside a solution thread to unwind it when the episode is over."""


class BridgeActor:
    """The actor a solution function sees: ``do(action) -> observation`` plus helpers.

    ``do`` hands the action to the main thread and blocks until the env has performed it.
    ``actor.<kind>(...)`` for any action kind (``click``, ``fill``, ``goto``, ``press``, ...)
    writes that action in the action language; anything else (``desktop``, ``wait_window``,
    ``site``) comes from the env's own actor, which only reads state (the main thread is
    waiting for the next action meanwhile, so the two never run at once).
    """

    def __init__(
        self,
        bridge: _Bridge,
        *,
        params: Mapping[str, Any],
        facts: Mapping[str, Any],
        sites: Mapping[str, Any],
        observation: Mapping[str, Any],
        env_actor: Any = None,
    ) -> None:
        self._bridge = bridge
        self._env_actor = env_actor
        self.params = dict(params)
        self.facts = dict(facts)
        self.sites = sites
        self.observation = observation

    def do(self, action: Action) -> Mapping[str, Any]:
        """Perform one action through the real env; returns the next observation."""
        self.observation = self._bridge.perform(action)
        return self.observation

    act = do  # the env's internal actor protocol calls it ``act``

    def site(self, name: str) -> Any:
        """A site handle (``.sql(query, params)`` for read-only look-ups)."""
        if name in self.sites:
            return self.sites[name]
        if self._env_actor is not None:
            return self._env_actor.site(name)
        known = ", ".join(self.sites)
        raise AgentError(f"the task has no site {name!r} (sites: {known})")

    def answer(self, text: Any) -> Mapping[str, Any]:
        """Record an answer (numbers are written as text)."""
        return self.do(f"answer({_q(str(text))})")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        from guigym.envs.actions import SPECS

        if name in SPECS:

            def perform(*args: Any, **kwargs: Any) -> Mapping[str, Any]:
                parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
                return self.do(f"{name}({', '.join(parts)})")

            return perform
        if self._env_actor is not None:
            return getattr(self._env_actor, name)
        raise AttributeError(f"the oracle's actor has no {name!r}")


def _q(text: str) -> str:
    """A Python string literal for the action language (the parser reads literals only)."""
    return repr(str(text))


class _Bridge:
    """Runs ``fn(actor)`` in a thread, turning its ``do()`` calls into ``act()`` answers."""

    def __init__(
        self, fn: Callable[[Any], Any], make_actor: Callable[[_Bridge], Any], timeout: float
    ):
        self._actions: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._observations: queue.Queue[Any] = queue.Queue()
        self._waiting = False
        self._timeout = timeout
        self._thread = threading.Thread(
            target=self._run, args=(fn, make_actor), name="oracle-solution", daemon=True
        )
        self._thread.start()

    def _run(self, fn: Callable[[Any], Any], make_actor: Callable[[_Bridge], Any]) -> None:
        try:
            fn(make_actor(self))
        except _Stop:
            return
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            self._actions.put(("error", exc))
            return
        self._actions.put(("end", None))

    # solution thread side
    def perform(self, action: Action) -> Any:
        self._actions.put(("action", action))
        observation = self._observations.get()
        if observation is _STOP:
            raise _Stop()
        return observation

    # main thread side
    def next_action(self, observation: Mapping[str, Any]) -> Action | None:
        """Deliver the latest observation; the solution's next action, or None when it is done."""
        if self._waiting:
            self._observations.put(observation)
            self._waiting = False
        try:
            kind, value = self._actions.get(timeout=self._timeout)
        except queue.Empty:
            self.stop()
            raise AgentError(
                f"the solution function produced no action within {self._timeout}s"
            ) from None
        if kind == "action":
            self._waiting = True
            return value
        if kind == "error":
            raise AgentError(
                f"the solution function raised {type(value).__name__}: {value}"
            ) from value
        return None

    def stop(self) -> None:
        """Unwind a solution thread that is still waiting for an observation."""
        if self._waiting:
            self._observations.put(_STOP)
            self._waiting = False


_STOP = object()


def oracle_plan(env: Any, start: int) -> tuple[list[Any], dict[str, Any], dict[str, Any]]:
    """(steps, params, facts) for subtasks ``start``.. of the env's current episode.

    A step is an action (string/dict) or a callable taking an actor.
    """
    from guigym.tasks import CallOracle, load_callable

    task = getattr(env, "task", None)
    if task is None:
        raise AgentError("the oracle needs an env that has been reset (env.task is missing)")
    rendered = getattr(task, "rendered", None) or task
    subtasks = getattr(rendered, "subtasks", None)
    if not subtasks or not hasattr(subtasks[0], "oracle"):
        raise AgentError(f"the oracle cannot read the oracles of {type(task).__name__}")
    owner = getattr(rendered, "spec", None) or getattr(rendered, "task_dir", None) or rendered.id
    steps: list[Any] = []
    for sub in subtasks[start:]:
        oracle = sub.oracle
        if isinstance(oracle, CallOracle):
            steps.append(load_callable(owner, oracle.call))
        else:
            steps.extend(oracle)
    if getattr(rendered, "infeasible", False):
        steps.append('fail("the task is infeasible")')
    params = dict(getattr(rendered, "params", {}) or {})
    facts = dict(getattr(rendered, "facts", {}) or {})
    return steps, params, facts


def _sites(env: Any) -> Mapping[str, Any]:
    try:
        return env.provider.handles(env.task.sites)
    except Exception:  # noqa: BLE001 - an env without site handles: look-ups will say so
        return {}


def _env_actor(env: Any) -> Any:
    """The env's own oracle actor (for ``desktop``, ``wait_window``, ...), if it has one."""
    factory = getattr(env, "actor", None)
    if callable(factory):
        return factory()
    module = sys.modules.get(type(env).__module__)
    cls = getattr(module, "_Actor", None)
    return cls(env) if cls is not None else None


class OracleAgent:
    """Replays the task's oracles from the start subtask on; then ``done()``."""

    privileged = True

    def __init__(self, step_timeout: float = 120.0) -> None:
        self.step_timeout = float(step_timeout)
        self._steps: Iterator[Any] = iter(())
        self._bridge: _Bridge | None = None
        self._env: Any = None
        self._params: dict[str, Any] = {}
        self._facts: dict[str, Any] = {}

    def reset(self, task_info: TaskInfo) -> None:
        """Read the episode's oracles from the env (privileged)."""
        self.close()
        env = task_info.get("env")
        if env is None:
            raise AgentError("the oracle agent is privileged: task_info must carry the env")
        start = int(task_info.get("start_subtask") or 0)
        steps, self._params, self._facts = oracle_plan(env, start)
        self._env = env
        self._steps = iter(steps)

    def act(self, observation: Mapping[str, Any]) -> Action:
        """The next oracle action (``done()`` once every oracle has run)."""
        while True:
            if self._bridge is not None:
                action = self._bridge.next_action(observation)
                if action is not None:
                    return action
                self._bridge = None
            step = next(self._steps, None)
            if step is None:
                return "done()"
            if not callable(step):
                return step
            self._bridge = _Bridge(step, self._actor_factory(observation), self.step_timeout)

    def _actor_factory(self, observation: Mapping[str, Any]) -> Callable[[_Bridge], BridgeActor]:
        sites = _sites(self._env)
        env_actor = _env_actor(self._env)

        def make(bridge: _Bridge) -> BridgeActor:
            return BridgeActor(
                bridge,
                params=self._params,
                facts=self._facts,
                sites=sites,
                observation=observation,
                env_actor=env_actor,
            )

        return make

    def close(self) -> None:
        """Unwind a solution thread left over from the previous episode."""
        if self._bridge is not None:
            self._bridge.stop()
            self._bridge = None
