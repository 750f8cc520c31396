"""A worker: one process owning its env instances and its agent, running one attempt at a time.

The parent (pool.py, or a Ray actor in ray_backend.py) sends episode specs; the worker runs the
episode, records its trajectory and answers with an outcome: the metrics of a finished episode,
or the kind and message of the error that stopped this attempt (env, check, agent, timeout).
Retrying is the parent's job, so a worker that dies outright is handled the same way.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from guigym.errors import AgentError, CheckError, ConfigError, EnvError, GuigymError, TaskError
from guigym.runner.plan import EpisodeSpec
from guigym.runner.trajectory import TrajectoryWriter

__all__ = ["EpisodeRunner", "worker_main", "EpisodeTimeout"]

ENV_IDS = {"web": "guigym/Web-v0", "desktop": "guigym/Desktop-v0"}
_WEB_ONLY = ("dom", "url", "title", "tabs", "screenshot_som", "elements")


class EpisodeTimeout(GuigymError):
    """The episode ran past its time budget."""


class _AgentFault(Exception):
    """Wraps whatever the agent raised, so it is told apart from env faults."""


def _subtask_view(states: Any) -> list[dict[str, Any]]:
    """Compact per-step subtask status for steps.jsonl."""
    out = []
    for s in states or []:
        d = s.to_dict() if hasattr(s, "to_dict") else dict(s)
        out.append({k: d.get(k) for k in ("id", "status", "score", "message", "first_passed_step")})
    return out


class EpisodeRunner:
    """Owns one env per env kind (made lazily, rebuilt after an env fault) and one agent."""

    def __init__(
        self,
        agent: str,
        agent_args: Mapping[str, Any] | None = None,
        *,
        obs: tuple[str, ...] = ("screenshot", "axtree"),
        provider: str = "local",
        max_steps: int | None = None,
        save_text: bool = True,
    ) -> None:
        from guigym.agents import make_agent

        self.agent_name = agent
        self.agent = make_agent(agent, **dict(agent_args or {}))
        self.obs = tuple(obs)
        self.provider = provider
        self.max_steps = max_steps
        self.save_text = save_text
        self._envs: dict[str, Any] = {}
        self._env_faults: dict[str, int] = {}

    # -- envs ------------------------------------------------------------------------------
    def _env(self, kind: str) -> Any:
        if kind not in self._envs:
            import gymnasium as gym

            import guigym  # noqa: F401  (registers the env ids)

            env_id = ENV_IDS.get(kind)
            if env_id is None:
                raise EnvError(f"no env for tasks of kind {kind!r}")
            wanted = (*self.obs, *getattr(self.agent, "extra_obs", ()))  # e.g. set-of-marks
            obs = tuple(k for k in dict.fromkeys(wanted) if kind == "web" or k not in _WEB_ONLY)
            kwargs: dict[str, Any] = {"obs": obs, "provider": self.provider}
            if self.max_steps is not None:
                kwargs["max_steps"] = self.max_steps
            self._envs[kind] = gym.make(env_id, **kwargs)
        return self._envs[kind]

    def _drop_env(self, kind: str) -> None:
        self._env_faults.pop(kind, None)
        env = self._envs.pop(kind, None)
        if env is not None:
            try:
                env.close()
            except Exception:  # noqa: BLE001 - a dead env may fail to close; it is gone anyway
                pass

    def close(self) -> None:
        """Close every env and the agent."""
        for kind in list(self._envs):
            self._drop_env(kind)
        close = getattr(self.agent, "close", None)
        if callable(close):
            try:
                close()
            except Exception:  # noqa: BLE001
                pass

    # -- one attempt -----------------------------------------------------------------------
    def run(
        self,
        spec: EpisodeSpec,
        ep_dir: Path,
        *,
        timeout: float | None = None,
        on_reset: Callable[[], None] | None = None,
    ) -> dict:
        """Run one attempt of ``spec``; never raises: the outcome says ok or which error.

        ``timeout`` bounds the steps (agent + env), counted from the end of the reset, whose
        duration depends on cold starts, not on the agent; ``on_reset`` is called then.
        """
        started = time.time()
        writer = TrajectoryWriter(ep_dir, save_text=self.save_text)
        outcome: dict[str, Any] = {"key": spec.key, "pid": os.getpid()}
        try:
            outcome.update(self._episode(spec, writer, timeout, on_reset))
            outcome["ok"] = True
        except EpisodeTimeout as exc:
            outcome.update(ok=False, error_kind="timeout", error=str(exc))
        except _AgentFault as exc:
            cause = exc.__cause__ or exc
            outcome.update(ok=False, error_kind="agent", error=_describe(cause))
        except CheckError as exc:
            outcome.update(ok=False, error_kind="check", error=_describe(exc))
        except AgentError as exc:
            outcome.update(ok=False, error_kind="agent", error=_describe(exc))
        except (TaskError, ConfigError) as exc:  # the task itself is broken: retrying won't help
            outcome.update(ok=False, error_kind="task", error=_describe(exc), retry=False)
        except Exception as exc:  # noqa: BLE001 - EnvError or a crash inside the env
            outcome.update(ok=False, error_kind="env", error=_describe(exc))
            # An EnvError promises that the next reset recovers (a new browser, restarted
            # sites); a reset that fails right after one, or any other crash, gets a new env.
            self._env_faults[spec.env] = self._env_faults.get(spec.env, 0) + 1
            if not isinstance(exc, EnvError):
                outcome["traceback"] = traceback.format_exc(limit=8)
            if not isinstance(exc, EnvError) or self._env_faults[spec.env] > 1:
                self._drop_env(spec.env)
        finally:
            writer.close()
        outcome["wall_time"] = round(time.time() - started, 3)
        return outcome

    def _episode(
        self,
        spec: EpisodeSpec,
        writer: TrajectoryWriter,
        timeout: float | None,
        on_reset: Callable[[], None] | None,
    ) -> dict:
        env = self._env(spec.env)
        t0 = time.perf_counter()
        obs, info = env.reset(
            seed=spec.seed, options={"task": spec.task_id, "start_subtask": spec.start_subtask}
        )
        reset_time = time.perf_counter() - t0
        self._env_faults[spec.env] = 0  # the env is healthy again
        deadline = time.monotonic() + timeout if timeout else None
        if on_reset is not None:
            on_reset()
        task_info = self._task_info(spec, env, obs, info)
        try:
            self.agent.reset(task_info)
        except Exception as exc:  # noqa: BLE001
            raise _AgentFault() from exc
        writer.record(
            0,
            obs,
            action=None,
            subtasks=_subtask_view(_verdicts(env, info)),
            timings={"reset": _ms(reset_time), **_timings(info)},
            instruction=task_info["instruction"],
        )
        steps = 0
        total_reward = 0.0
        terminated = truncated = False
        while not (terminated or truncated):
            if deadline is not None and time.monotonic() > deadline:
                raise EpisodeTimeout(f"episode ran past its time budget after {steps} steps")
            t_agent = time.perf_counter()
            try:
                action = self.agent.act(obs)
            except Exception as exc:  # noqa: BLE001
                raise _AgentFault() from exc
            t_env = time.perf_counter()
            obs, reward, terminated, truncated, info = env.step(action)
            t_end = time.perf_counter()
            steps += 1
            total_reward += float(reward)
            writer.record(
                steps,
                obs,
                action=_action_text(action),
                action_error=_action_error(obs, info),
                **_agent_record(self.agent),
                reward=round(float(reward), 6),
                terminated=bool(terminated),
                truncated=bool(truncated),
                subtasks=_subtask_view(_verdicts(env, info)),
                timings={
                    "agent": _ms(t_env - t_agent),
                    "step": _ms(t_end - t_env),
                    **_timings(info),
                },
            )
        return self._result(spec, env, info, steps, total_reward, task_info)

    def _task_info(self, spec: EpisodeSpec, env: Any, obs: Any, info: Mapping) -> dict[str, Any]:
        instruction = ""
        if isinstance(obs, Mapping) and isinstance(obs.get("instruction"), str):
            instruction = obs["instruction"]
        instruction = info.get("instruction", instruction) or instruction
        subtasks = [
            {"id": s.get("id"), "instruction": s.get("instruction", "")}
            for s in _subtask_view(info.get("subtasks"))
        ]
        task_info: dict[str, Any] = {
            "task_id": spec.task_id,
            "seed": spec.seed,
            "start_subtask": spec.start_subtask,
            "instruction": instruction,
            "subtasks": subtasks,
            "max_steps": spec.max_steps,
        }
        if getattr(self.agent, "privileged", False):
            task_info["env"] = env.unwrapped
        return task_info

    def _result(
        self,
        spec: EpisodeSpec,
        env: Any,
        info: Mapping,
        steps: int,
        total_reward: float,
        task_info: Mapping[str, Any],
    ) -> dict[str, Any]:
        from guigym.evaluators import episode_metrics

        states = [_state(i, s) for i, s in enumerate(_verdicts(env, info))]
        broken = [s for s in states if s.scored and s.status == "error"]
        if broken:
            raise CheckError(f"the check of subtask {broken[0].id!r} broke: {broken[0].message}")
        result = episode_metrics(
            states,
            task_id=spec.task_id,
            seed=spec.seed,
            start_subtask=spec.start_subtask,
            steps=steps,
            oracle_steps=_oracle_steps(env, spec.start_subtask),
        )
        data = result.to_dict()
        data["reward_total"] = round(total_reward, 6)
        data["instruction"] = task_info.get("instruction", "")
        data["answers"] = list(info.get("answers") or [])
        data["ended_by"] = info.get("ended_by")
        return {"result": data}


def _verdicts(env: Any, info: Mapping) -> list[Any]:
    """The subtasks with the verifier's messages (privileged; the agent's ``info`` has none)."""
    verdicts = getattr(env.unwrapped, "verdicts", None)
    return verdicts() if callable(verdicts) else list(info.get("subtasks") or [])


def _state(index: int, data: Any) -> Any:
    """A SubtaskState from one entry of ``info["subtasks"]``."""
    from guigym.evaluators import SubtaskState

    if isinstance(data, SubtaskState):
        return data
    return SubtaskState(
        id=str(data.get("id")),
        index=int(data.get("index", index)),
        status=data.get("status", "pending"),
        score=float(data.get("score") or 0.0),
        message=str(data.get("message") or ""),
        first_passed_step=data.get("first_passed_step"),
        weight=float(data.get("weight", 1.0)),
        critical=bool(data.get("critical", False)),
        scored=bool(data.get("scored", True)),
    )


def _oracle_steps(env: Any, start: int) -> int | None:
    """The oracle's length from ``start`` on, when the task knows it (for efficiency)."""
    task = getattr(env.unwrapped, "task", None)
    for holder in (task, getattr(task, "rendered", None)):
        fn = getattr(holder, "oracle_steps", None)
        if callable(fn):
            try:
                value = fn(start)
            except Exception:  # noqa: BLE001 - efficiency is optional
                return None
            return value if isinstance(value, int) else None
    return None


def _agent_record(agent: Any) -> dict[str, Any]:
    """The agent's own record of its last step (``last_record``: prompts, replies, tokens)."""
    record = getattr(agent, "last_record", None)
    return {"agent": record} if record else {}


def _action_error(obs: Any, info: Mapping) -> str:
    if isinstance(info, Mapping) and isinstance(info.get("last_action_error"), str):
        return info["last_action_error"]
    if isinstance(obs, Mapping) and isinstance(obs.get("last_action_error"), str):
        return obs["last_action_error"]
    return ""


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _timings(info: Mapping) -> dict[str, float]:
    """The env's per-phase timings (milliseconds), prefixed so they read apart from ours."""
    timings = info.get("timings") if isinstance(info, Mapping) else None
    if not isinstance(timings, Mapping):
        return {}
    return {
        f"env.{k}": round(float(v), 2) for k, v in timings.items() if isinstance(v, int | float)
    }


def _action_text(action: Any) -> str:
    if isinstance(action, str):
        return action
    try:
        import json

        return json.dumps(action, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(action)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def worker_main(
    worker_id: int,
    agent: str,
    agent_args: dict[str, Any],
    options: dict[str, Any],
    conn: Any,
) -> None:
    """Entry point of a spawned worker process: run attempts sent on ``conn`` until ``None``."""
    import signal

    from guigym.runner._proc import exit_when_orphaned

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    exit_when_orphaned()
    try:
        runner = EpisodeRunner(agent, agent_args, **options)
    except Exception as exc:  # noqa: BLE001
        conn.send(("fatal", worker_id, _describe(exc)))
        return
    conn.send(("ready", worker_id, os.getpid()))
    try:
        while True:
            try:
                message = conn.recv()
            except EOFError:
                break
            if message is None:
                break
            spec_dict, ep_dir, timeout = message
            spec = EpisodeSpec.from_dict(spec_dict)
            outcome = runner.run(
                spec,
                Path(ep_dir),
                timeout=timeout,
                on_reset=lambda: conn.send(("stepping", worker_id, None)),
            )
            conn.send(("done", worker_id, outcome))
    finally:
        runner.close()
