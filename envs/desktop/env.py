"""DesktopEnv: an agent drives a virtual desktop with real apps; the verifier scores subtasks.

Reset: (sites restored) -> desktop reset (apps closed, home restored from its snapshot) ->
task files copied in -> setup (SQL, setup.py with ``ctx.desktop``) -> the task's apps started
-> observation. Step: parse -> execute (XTest / AT-SPI) -> settle (the screen stops changing)
-> observe -> verify -> reward, all in the shared ``EpisodeCore``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from guigym.envs.core.episode import EpisodeCore
from guigym.envs.core.task import EpisodeTask
from guigym.envs.core.timing import Timings
from guigym.envs.desktop.executor import DesktopExecutor
from guigym.envs.desktop.task import resolve_desktop_task
from guigym.envs.providers.desktop_local import DesktopProvider

from guigym.errors import ActionError, ConfigError, ServiceError, TaskError

__all__ = ["DesktopEnv", "DESKTOP_OBS_KEYS", "wait_window"]

#: observation keys the desktop offers
DESKTOP_OBS_KEYS = (
    "screenshot", "axtree", "windows", "instruction", "subtasks", "last_action_error",
)  # fmt: skip


#: actions that may open a window or dialog: after them, settle waits (bounded) for a first change
_MAY_OPEN_WINDOWS = frozenset(
    {"click", "double_click", "right_click", "press", "key_up", "mouse_up", "goto", "new_tab",
     "back", "forward", "check", "uncheck"}
)  # fmt: skip


def wait_window(
    env: DesktopEnv,
    title_contains: str = "",
    app: str = "",
    gone: bool = False,
    timeout: float = 20.0,
) -> dict | None:
    """Wait until a window matching title/app is open and focused (or, ``gone``, closed).

    Oracles use it after an action that opens or closes a dialog: apps take their time, most of
    all on a busy machine. Polls the window list (a condition, not a sleep); TimeoutError when
    it never holds. Task checkers driving a DesktopEnv give their actor this as ``wait_window``.
    """
    import time

    client = env.provider.client
    deadline = time.monotonic() + timeout
    while True:
        found = [
            w for w in client.windows()
            if title_contains in w["title"] and app.lower() in w["app"].lower()
        ]  # fmt: skip
        ready = [w for w in found if w["active"]]  # a new window takes input once focused
        if (not found) if gone else bool(ready):
            client.settle(300, 3000)
            return None if gone else ready[0]
        if time.monotonic() > deadline:
            state = "close" if gone else "open and take the focus"
            raise TimeoutError(f"no window {title_contains!r} ({app}) did {state} in {timeout} s")
        time.sleep(0.05)


class _LazyObs(dict):
    """An observation dict that computes ``axtree``, ``windows``, ``screenshot`` on access."""

    def __init__(self, env: DesktopEnv) -> None:
        super().__init__()
        self._env = env

    def __missing__(self, key: str) -> Any:
        if key not in ("axtree", "windows", "screenshot"):
            raise KeyError(key)
        self[key] = self._env._backend_observe((key,))[key]
        return self[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


class _Actor:
    """Performs oracle actions through the real desktop (``actor.click(...)``, ``actor.act``)."""

    def __init__(self, env: DesktopEnv) -> None:
        self.env = env

    @property
    def params(self) -> Mapping[str, Any]:
        return getattr(self.env.task, "params", {})

    @property
    def facts(self) -> Mapping[str, Any]:
        return getattr(self.env.task, "facts", {})

    @property
    def desktop(self) -> Any:
        return self.env.provider.client

    @property
    def observation(self) -> dict:
        """The current observation; each part is fetched when first read (the tree is costly)."""
        return _LazyObs(self.env)

    def site(self, name: str) -> Any:
        return self.env.provider.sites.handles([name])[name]

    def wait_window(
        self, title_contains: str = "", app: str = "", gone: bool = False, timeout: float = 20.0
    ) -> dict | None:
        """See :func:`wait_window`."""
        return wait_window(self.env, title_contains, app, gone, timeout)

    def act(self, action: Any) -> dict:
        from guigym.envs.actions import parse_action

        parsed = parse_action(action)
        if parsed.kind == "answer":
            self.env.record_answer(parsed)
        elif parsed.kind not in ("done", "fail", "noop"):
            self.env._backend_execute(parsed, Timings())
        return self.observation

    do = act

    def __getattr__(self, kind: str) -> Any:
        if kind.startswith("_"):
            raise AttributeError(kind)

        def call(*args: Any, **kwargs: Any) -> dict:
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            return self.act(f"{kind}({', '.join(parts)})")

        return call


class DesktopEnv(EpisodeCore):
    """A Gymnasium env on a private Xvfb desktop with real apps (see envs/desktop/README.md)."""

    offered_obs = DESKTOP_OBS_KEYS

    def __init__(
        self,
        task: Any = None,
        obs: Sequence[str] = ("screenshot", "axtree"),
        viewport: tuple[int, int] = (1280, 720),
        max_steps: int | None = None,
        provider: str | DesktopProvider = "local",
        render_mode: str | None = None,
        seed: int | None = None,
        *,
        task_source: Any = None,
        settle_quiet_ms: float = 60,
        settle_timeout_ms: float = 2000,
        settle_change_ms: float = 1000,
        max_nodes: int = 3000,
    ) -> None:
        super().__init__(
            task, obs, viewport, max_steps, render_mode, seed,
            task_source or resolve_desktop_task,
        )  # fmt: skip
        if isinstance(provider, str):
            if provider == "docker":
                from guigym.envs.providers.docker_desktop import DockerDesktopProvider

                provider = DockerDesktopProvider(size=self.viewport)
            elif provider != "local":
                raise ConfigError(f"provider must be 'local' or 'docker', got {provider!r}")
            else:
                provider = DesktopProvider(size=self.viewport)
        self.provider = provider
        self.settle_quiet_ms = settle_quiet_ms
        self.settle_timeout_ms = settle_timeout_ms
        self.settle_change_ms = settle_change_ms
        self.max_nodes = max_nodes
        self.executor: DesktopExecutor | None = None
        self._prefix_cache: dict[str, tuple[list[str], Any]] = {}

    # -- hooks -----------------------------------------------------------------------------------
    def _backend_reset(self, task: EpisodeTask, seed: int | None, k: int, timings: Timings) -> None:
        with timings.phase("services"):
            inst = self.provider.ensure_desktop()
            instances = self.provider.sites.ensure(task.sites)
        self.executor = DesktopExecutor(inst.client)
        task.desktop = inst.client
        key = self._snapshot_key(task, seed, k)
        cached = k > 0 and key in self._prefix_cache and key in self.provider.home_snapshots
        with timings.phase("sites"):
            self.provider.sites.reset(task.sites, snapshot=key if cached else None)
        with timings.phase("desktop"):
            self.provider.reset_desktop(key if cached else "base")
        if not cached:
            with timings.phase("files"):
                self.provider.copy_files(task.files_root)
        with timings.phase("setup"):
            task.setup(instances, facts=self._prefix_cache[key][1] if cached else None)
        if cached:
            self.answers.extend(self._prefix_cache[key][0])
        elif k > 0:
            with timings.phase("prefix"):
                self._run_prefix(task, k, key)
        with timings.phase("apps"):
            self._start_apps(task)
        with timings.phase("settle"):  # longer quiet window: the panel follows the apps late
            inst.client.settle(
                max(300.0, self.settle_quiet_ms), max(3000.0, self.settle_timeout_ms)
            )

    def _start_apps(self, task: Any) -> None:
        apps = list(getattr(task, "apps", []))
        try:
            self.provider.start_apps(
                apps, getattr(task, "open_files", []), getattr(task, "start_url", ""), task.sites
            )
        except ActionError as exc:
            raise TaskError(f"{task.id}: start: {exc}") from exc

    def _snapshot_key(self, task: EpisodeTask, seed: int | None, k: int) -> str:
        params = getattr(task, "params", None)
        digest = hashlib.sha1(
            json.dumps([task.id, seed, k, params], sort_keys=True, default=str).encode()
        ).hexdigest()[:12]
        return re.sub(r"[^a-z0-9_.-]", "-", f"prefix-{task.id}-{k}-{digest}".lower())

    def _run_prefix(self, task: Any, k: int, key: str) -> None:
        """Run the prefix's oracles on the real desktop, check them, snapshot home and sites."""
        indices, steps = task.prefix(k)
        self._start_apps(task)
        actor = _Actor(self)
        for step in steps:
            try:
                step(actor) if callable(step) else actor.act(step)
            except ActionError as exc:
                raise TaskError(f"{task.id}: the oracle of the prefix failed: {exc}") from exc
        states = list(task.verifier(0).update(self._context(), 0))
        bad = [task.subtasks[i].id for i in indices if states[i].status != "pass"]
        if bad:
            raise TaskError(f"{task.id}: start_subtask={k}: prefix subtasks {bad} do not pass")
        if states[k].status == "pass":
            raise TaskError(f"{task.id}: subtask {task.subtasks[k].id!r} passes before it starts")
        self.provider.client.close_apps()
        self.provider.snapshot_home(key)
        self.provider.sites.snapshot(task.sites, key)
        self._prefix_cache[key] = (list(self.answers), getattr(task, "facts", None))

    def _backend_execute(self, action: Any, timings: Timings) -> None:
        if self.executor is None:
            raise ServiceError("no desktop: reset() first")
        client = self.provider.client
        change_ms = self.settle_change_ms if action.kind in _MAY_OPEN_WINDOWS else 0
        before = client.fingerprint() if change_ms else None
        with timings.phase("execute"):
            self.executor.run(action)
        with timings.phase("settle"):
            client.settle(self.settle_quiet_ms, self.settle_timeout_ms, change_ms, before)

    def _backend_observe(self, keys: Sequence[str]) -> dict:
        client = self.provider.client
        out: dict[str, Any] = {}
        for key in keys:
            if key == "screenshot":
                out[key] = client.screenshot()
            elif key == "axtree":
                out[key] = client.axtree(self.max_nodes)["text"]
            elif key == "windows":
                out[key] = _windows_text(client.windows())
        return out

    def _backend_check_state(self) -> dict:
        return {
            "sites": self.provider.sites.handles(self.task.sites),
            "desktop": self.provider.client,
        }

    def _backend_close(self) -> None:
        self.executor = None
        self.provider.close()


def _windows_text(wins: list[dict]) -> str:
    """One line per window: ``[active] "title" (app) at x,y wxh``."""
    lines = []
    for w in wins:
        flags = " active" if w["active"] else " minimized" if w["minimized"] else ""
        lines.append(
            f"{json.dumps(w['title'], ensure_ascii=False)} ({w['app']}) "
            f"at {w['x']},{w['y']} size {w['width']}x{w['height']}{flags}"
        )
    return "\n".join(lines)
