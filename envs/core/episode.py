"""The episode core shared by WebEnv and DesktopEnv: reset/step bookkeeping and rewards.

Why one core: rewards (change in weighted completion), termination (all subtasks pass, ``done()``
or ``fail()``), truncation (``max_steps``), ``info["subtasks"]``, per-phase timings and the rule
"an agent's bad action is a no-op step with ``last_action_error``" must be identical for every
backend. A backend subclass implements the ``_backend_*`` hooks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import gymnasium as gym
import numpy as np
from guigym.envs.core.spaces import check_obs_keys, observation_space
from guigym.envs.core.task import EpisodeTask, TaskSource, VerifierLike
from guigym.envs.core.timing import Timings

from guigym.errors import ActionError, ConfigError, EnvError

__all__ = ["EpisodeCore"]

_CONTROL = ("answer", "done", "fail", "noop")


def _parse(action: Any) -> list:
    from guigym.envs.actions import parse_actions

    return parse_actions(action)


class EpisodeCore(gym.Env):
    """Backend-independent episode logic; subclasses provide services, actions, observations."""

    metadata = {"render_modes": ["rgb_array"], "render_fps": 4}
    #: observation keys this backend can produce
    offered_obs: tuple[str, ...] = ()
    #: the id used with ``task_source`` when reset() gets no task
    default_task: Any = None

    def __init__(
        self,
        task: Any = None,
        obs: Sequence[str] = ("screenshot", "axtree"),
        viewport: tuple[int, int] = (1280, 720),
        max_steps: int | None = None,
        render_mode: str | None = None,
        seed: int | None = None,
        task_source: TaskSource | None = None,
    ) -> None:
        if render_mode not in (None, "rgb_array"):
            raise ConfigError(f"render_mode must be None or 'rgb_array', got {render_mode!r}")
        self.viewport = (int(viewport[0]), int(viewport[1]))
        self.obs_keys = check_obs_keys(obs, self.offered_obs)
        self.observation_space = observation_space(self.obs_keys, self.viewport)
        from guigym.envs.actions import ActionSpace

        self.action_space = ActionSpace(screen_size=self.viewport, seed=seed)
        self.action_space.hint_source = self._sample_hints  # sample() acts on the current page
        self._last_axtree: str | None = None
        self.render_mode = render_mode
        self.task_ref = task
        self.max_steps_override = max_steps
        self.task_source = task_source
        self._init_seed = seed
        self.task: EpisodeTask | None = None
        self.verifier: VerifierLike | None = None
        self.scored_from = 0
        self.answers: list[str] = []
        self.steps = 0
        self.max_steps = max_steps or 0
        self._completion = 0.0
        self._done = False
        self._last_obs: dict | None = None
        self._last_screenshot: np.ndarray | None = None
        self._instruction = ""
        self._states: list = []
        self._ended: str | None = None

    # -- hooks for backends --------------------------------------------------------------------
    def _backend_reset(self, task: EpisodeTask, seed: int | None, k: int, timings: Timings) -> None:
        raise NotImplementedError

    def _backend_execute(self, action: Any, timings: Timings) -> None:
        raise NotImplementedError

    def _backend_observe(self, keys: Sequence[str]) -> dict:
        raise NotImplementedError

    def _backend_check_state(self) -> dict:
        """Extra state for the check context (e.g. url, dom getter, sites)."""
        return {}

    def _backend_close(self) -> None:
        pass

    # -- task resolution -----------------------------------------------------------------------
    def _resolve(self, seed: int | None, options: Mapping[str, Any]) -> EpisodeTask:
        ref = options.get("task", self.task_ref if self.task_ref is not None else self.default_task)
        if ref is None:
            raise ConfigError(
                "no task: pass task=... to the env or options={'task': id} to reset()"
            )
        params = options.get("params")
        if isinstance(ref, EpisodeTask):
            return ref
        if hasattr(ref, "resolve"):
            return ref.resolve(seed, params)
        source = self.task_source
        if source is None:
            from guigym.envs.core.tasks_adapter import resolve_task

            source = resolve_task
        return source(ref, seed, params)

    def _sample(self, seed: int | None, options: dict) -> dict:
        """A sampler given as the env's task (``guigym.envs.sampling``) picks the task to run
        when reset() names none, from ``np_random`` (so a seeded reset picks it again)."""
        ref = self.task_ref
        if "task" in options or not hasattr(ref, "draw"):
            return options
        draw = ref.draw(self.np_random, seed)
        options["task"] = draw.task
        if draw.start_subtask is not None:
            options.setdefault("start_subtask", draw.start_subtask)
        return options

    @staticmethod
    def _start_index(task: EpisodeTask, start: Any) -> int:
        if start is None:
            return 0
        ids = [s.id for s in task.subtasks]
        if isinstance(start, str) and not start.lstrip("-").isdigit():
            if start not in ids:
                from guigym.errors import did_you_mean

                raise ConfigError(f"unknown start_subtask {start!r}{did_you_mean(start, ids)}")
            return ids.index(start)
        k = int(start)
        if not 0 <= k < len(ids):
            raise ConfigError(f"start_subtask must be in 0..{len(ids) - 1}, got {k}")
        return k

    # -- Gymnasium API ---------------------------------------------------------------------------
    def reset(self, *, seed: int | None = None, options: Mapping[str, Any] | None = None):
        """Start an episode: services reset to the seeded state, setup applied, start page open."""
        if seed is None and self._np_random is None:
            seed = self._init_seed  # the first reset of an env made with seed=...
        super().reset(seed=seed)
        options = dict(options or {})
        timings = Timings()
        with timings.phase("resolve"):
            options = self._sample(seed, options)
            if seed is None:  # a fresh instance, reproducible from the last seeded reset
                seed = int(self.np_random.integers(2**31 - 1))
            task = self._resolve(seed, options)
            k = self._start_index(task, options.get("start_subtask"))
        self.task, self.scored_from = task, k
        self.max_steps = self.max_steps_override or task.max_steps
        self.steps, self._done, self.answers, self._ended = 0, False, [], None
        self._answer_scope = _prefix_indices(task.subtasks, k)  # the prefix's oracles answer
        self._backend_reset(task, seed, k, timings)  # may fill self.answers (mid-chain prefix)
        self._answer_scope = frozenset(range(k, len(task.subtasks)))  # the agent answers
        self._instruction = task.instruction_for(k, list(self.answers))
        with timings.phase("observe"):
            obs = self._page_observation()
        with timings.phase("verify"):
            self.verifier = task.verifier(k)
            self._states = list(self.verifier.update(self._context(), 0))
            self._completion = float(self.verifier.completion())
        return self._finish_observation(obs, ""), self._info(timings, error="")

    def step(self, action: Any):
        """Parse, execute, settle, observe, verify; bad actions are no-op steps with an error.

        Input that parses to several actions (OSWorld code blocks, ``dragTo``, ``a(); b()``) runs
        them in order; the first error stops the rest and is reported with its position
        ("action 2 of 3 (click): ..."); see envs/actions/README.md.
        """
        if self.task is None or self.verifier is None:
            raise EnvError("step() before reset(): call reset() first")
        if self._done:
            raise EnvError("step() after the episode ended: call reset()")
        timings = Timings()
        self.steps += 1
        error = ""
        ended_by: str | None = None
        with timings.phase("parse"):
            try:
                actions = _parse(action)
            except ActionError as exc:
                actions, error = [], str(exc)
        for i, parsed in enumerate(actions):  # in order; the first error ends the step
            try:
                if ended_by is not None:
                    raise ActionError(f"nothing runs after {ended_by}() in the same step")
                kind = parsed.kind
                if kind == "answer":
                    self.record_answer(parsed)
                elif kind in ("done", "fail"):
                    ended_by = self._ended = kind
                elif kind != "noop":
                    self._backend_execute(parsed, timings)
            except ActionError as exc:
                error = str(exc) if len(actions) == 1 else (
                    f"action {i + 1} of {len(actions)} ({parsed.kind}): {exc}"
                )  # fmt: skip
                break
        agent_ended = ended_by is not None
        with timings.phase("observe"):
            obs = self._page_observation()
        with timings.phase("verify"):
            self._states = list(self.verifier.update(self._context(), self.steps))
            completion = float(self.verifier.completion())
        obs = self._finish_observation(obs, error)
        all_passed = self._all_passed()
        terminated = agent_ended or all_passed
        truncated = not terminated and self.max_steps > 0 and self.steps >= self.max_steps
        self._done = terminated or truncated
        if self._done and hasattr(self.verifier, "finish"):
            self.verifier.finish()  # critical gating applies once the episode has ended
            completion = float(self.verifier.completion())
        reward = completion - self._completion
        self._completion = completion
        info = self._info(timings, error=error)
        info["ended_by"] = (
            ended_by if agent_ended else "all_passed" if all_passed else
            "max_steps" if truncated else None
        )  # fmt: skip
        return obs, float(reward), terminated, truncated, info

    def render(self):
        """``rgb_array``: the last screenshot (taken now if screenshots are not observed)."""
        if self.render_mode != "rgb_array":
            return None
        if self._last_screenshot is None and self.task is not None:
            self._last_screenshot = self._backend_observe(("screenshot",))["screenshot"]
        return self._last_screenshot

    def close(self) -> None:
        """Stop the browser/desktop and the services this env started."""
        self._backend_close()
        super().close()

    def record_answer(self, action: Any) -> str:
        """Bind a parsed ``answer`` action to its subtask and keep it (ActionError if refused).

        The one place answers enter an episode: the agent's steps and the oracles' actors (a
        mid-chain prefix binds to the prefix's subtasks) both come here.
        """
        from guigym.envs.core.answers import bind_answer

        subs = list(self.task.subtasks) if self.task is not None else []
        scope = getattr(self, "_answer_scope", frozenset(range(self.scored_from, len(subs))))
        bound = bind_answer(action.text, getattr(action, "subtask", None), subs, scope,
                            self.answers)  # fmt: skip
        self.answers.append(bound)
        return bound.subtask

    def verdicts(self) -> list[dict]:
        """Privileged: every subtask's full verdict, with the verifier's message.

        The messages name expected values, so they are never in ``info`` or observations; the
        runner's trajectories and reports, ``guigym task check`` and the oracle read them here
        (``env.unwrapped.verdicts()``). An agent under evaluation must not call this.
        """
        out = self._subtasks_info()
        for row, st in zip(out, self._states, strict=False):
            row["message"] = st.message
        return out

    # -- helpers ---------------------------------------------------------------------------------
    def _context(self) -> Any:
        return self.task.check_context(
            answers=list(self.answers),
            step=self.steps,
            ended=self._ended,
            **self._backend_check_state(),
        )

    def _all_passed(self) -> bool:
        if hasattr(self.verifier, "all_passed"):
            return bool(self.verifier.all_passed())
        scored = self._states[self.scored_from :]
        return bool(scored) and all(s.status == "pass" for s in scored)

    def _subtasks_info(self) -> list[dict]:
        subs = {s.id: s for s in self.task.subtasks}
        ids = [s.id for s in self.task.subtasks]
        out = []
        for i, st in enumerate(self._states):
            sid = getattr(st, "id", ids[i] if i < len(ids) else str(i))
            sub = subs.get(sid)
            out.append(
                {
                    "id": sid,
                    "instruction": sub.instruction if sub else "",
                    "status": st.status,
                    "score": float(st.score),
                    "first_passed_step": st.first_passed_step,
                    "scored": getattr(st, "scored", i >= self.scored_from),
                    "weight": getattr(st, "weight", sub.weight if sub else 1.0),
                    "critical": getattr(st, "critical", sub.critical if sub else False),
                }
            )
        return out

    def _page_observation(self) -> dict:
        page_keys = [k for k in self.obs_keys if k not in _CORE_KEYS]
        obs = self._backend_observe(page_keys) if page_keys else {}
        self._last_screenshot = obs.get("screenshot")
        self._last_axtree = obs.get("axtree")
        return obs

    def _sample_hints(self) -> dict:
        """For ``action_space.sample()``: the current page's element ids and whether anything
        has focus (from the last axtree; read now when axtree is not observed)."""
        if self.task is None or self._done:
            return {}
        if self._last_axtree is None:
            self._last_axtree = self._backend_observe(("axtree",)).get("axtree") or ""
        tree = self._last_axtree
        return {"element_ids": _ELEMENT_ID.findall(tree), "focused": bool(_FOCUSED.search(tree))}

    def _finish_observation(self, obs: dict, error: str) -> dict:
        for key in self.obs_keys:
            if key == "instruction":
                obs[key] = self._instruction
            elif key == "last_action_error":
                obs[key] = error
            elif key == "subtasks":
                obs[key] = self.subtasks_observation()
        return {k: obs[k] for k in self.obs_keys}

    def subtasks_observation(self) -> str:
        """The ``subtasks`` observation: each scored subtask's id, instruction and status only."""
        return json.dumps(
            [
                {"id": s["id"], "instruction": s["instruction"], "status": s["status"]}
                for s in self._subtasks_info()
                if s["scored"]
            ],
            ensure_ascii=False,
        )

    def _info(self, timings: Timings, error: str) -> dict:
        return {
            "task_id": self.task.id,
            "instruction": self._instruction,
            "step": self.steps,
            "start_subtask": self.scored_from,
            "completion": self._completion,
            "subtasks": self._subtasks_info(),
            "answers": [str(a) for a in self.answers],
            "answered": {getattr(a, "subtask", ""): str(a) for a in self.answers},
            "last_action_error": error,
            "timings": timings.as_dict(),
        }


_CORE_KEYS = ("instruction", "subtasks", "last_action_error")
_ELEMENT_ID = re.compile(r"^\s*\[(e\d+)\]", re.MULTILINE)
_FOCUSED = re.compile(r"^\s*\[e\d+\].* focused\b", re.MULTILINE)


def _prefix_indices(subtasks: Sequence[Any], k: int) -> frozenset[int]:
    """Indices of the subtasks a start at ``k`` depends on, transitively (default: previous)."""
    ids = [s.id for s in subtasks]
    todo = [k]
    out: set[int] = set()
    while todo:
        i = todo.pop()
        for dep in getattr(subtasks[i], "depends_on", ()) if i < len(subtasks) else ():
            j = ids.index(dep) if dep in ids else -1
            if j >= 0 and j not in out:
                out.add(j)
                todo.append(j)
    return frozenset(out)
