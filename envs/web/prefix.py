"""Mid-chain starts: play a start's oracle prefix one subtask at a time and cache every state.

Why per subtask: the starts k = 1..n of one chain share their prefixes. Caching the state after
each prefix subtask (site snapshot, answers, facts, the browser's cookies and localStorage, the
URLs visited) lets a start at k restore the longest cached prefix and play only the rest, so a
start at every k (as ``guigym task check`` does) costs n oracle runs instead of n²/2.

Why every entry starts on the task's start page: a cached start reopens the browser session the
prefix left (its cookies, so sign-ins to other sites are kept) on the task's start URL. The first,
uncached play does exactly the same at each subtask boundary, so a first start and a cached one
reach the same state, whichever earlier node the play resumed from, and a fast-forwarded subtask
(no browser at all) leaves the agent where a UI-played one would.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guigym.errors import ActionError, TaskError

if TYPE_CHECKING:
    from guigym.envs.core.task import EpisodeTask
    from guigym.envs.web.env import WebEnv

__all__ = ["PrefixCache", "PrefixNode", "play_prefix"]

#: one played prefix entry: (subtask index, "ui" or "fast")
Path = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class PrefixNode:
    """The state after a prefix path: what a cached start restores."""

    snapshot: str  # the sites' snapshot name
    answers: tuple[str, ...]
    facts: Any
    storage: dict | None  # Playwright storage_state(); None: a fresh session (start login only)
    visited: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    index: int
    id: str
    steps: list[Any]
    fast: Any = None


class PrefixCache:
    """Nodes by (task, seed, params, path), and the path each start k resolved to."""

    def __init__(self) -> None:
        self.nodes: dict[str, PrefixNode] = {}
        self.paths: dict[tuple[str, int, bool], Path] = {}

    @staticmethod
    def base(task: EpisodeTask, seed: int | None) -> str:
        params = getattr(task, "params", None)
        return json.dumps([task.id, seed, params], sort_keys=True, default=str)

    @staticmethod
    def name(base: str, path: Path) -> str:
        digest = hashlib.sha1(json.dumps([base, path]).encode()).hexdigest()[:16]
        task_id = json.loads(base)[0]
        return re.sub(r"[^A-Za-z0-9_.-]", "-", f"prefix-{task_id}-{len(path)}-{digest}")

    def node(self, base: str, path: Path, provider: Any, sites: Sequence[str]) -> PrefixNode | None:
        node = self.nodes.get(self.name(base, path))
        if node is not None and provider.has_snapshot(sites, node.snapshot):
            return node
        return None

    def cached_start(
        self, base: str, k: int, fast: bool, provider: Any, sites: Sequence[str]
    ) -> PrefixNode | None:
        """The node of a start at ``k`` already played (and checked) once, if any."""
        path = self.paths.get((base, k, fast))
        return self.node(base, path, provider, sites) if path is not None else None


def _plan(task: EpisodeTask, k: int) -> list[_Entry]:
    plan = getattr(task, "prefix_plan", None)
    if plan is not None:
        return [_Entry(p.index, p.id, list(p.steps), p.fast) for p in plan(k)]
    indices, steps = task.prefix(k)  # a task without per-subtask plans: one entry
    if not indices:
        return []
    return [_Entry(indices[-1], ",".join(str(i) for i in indices), list(steps))]


def play_prefix(
    env: WebEnv, task: EpisodeTask, k: int, base: str, fast: bool, instances: Mapping
) -> tuple[Path, PrefixNode, int]:
    """Reach the state of a start at ``k``; returns its path, node and how many entries ran.

    The sites were reset to the seeded state and the setup applied. Each subtask of the prefix
    runs its oracle through the UI, or its fast-forward when ``fast`` and it has one, and must
    pass right after; its state is snapshotted and cached as a node.
    """
    from guigym.envs.web.env import _Actor

    cache: PrefixCache = env._prefix
    plan = _plan(task, k)
    path: Path = tuple((e.index, "fast" if fast and e.fast else "ui") for e in plan)
    done, node = 0, None
    for j in range(len(path), 0, -1):
        node = cache.node(base, path[:j], env.provider, task.sites)
        if node is not None:
            done = j
            break
    if node is not None:
        env.provider.reset(task.sites, snapshot=node.snapshot)
        task.setup(instances, facts=node.facts)
    env.answers[:] = list(node.answers) if node else []
    visited = list(node.visited) if node else []
    storage = node.storage if node else None
    verifier = task.verifier(0)
    actor = _Actor(env)
    for j in range(done, len(path)):
        entry = plan[j]
        ui = path[j][1] == "ui"
        if ui:
            env._open_context(task, instances, storage=storage)
            env._open_start(task)

        def update(ui: bool = ui) -> list:
            state = env._backend_check_state()
            if not ui:  # no page of this episode is open: nothing was visited
                state.update(url="", dom=lambda: "")
            elif state["url"] and state["url"] not in visited:
                visited.append(state["url"])
            ctx = task.check_context(
                answers=list(env.answers), step=0, ended=None, visited=tuple(visited), **state
            )
            return list(verifier.update(ctx, 0))

        if ui:
            states = update()
            for step in entry.steps:
                try:
                    step(actor) if callable(step) else actor.act(step)
                except ActionError as exc:
                    raise TaskError(
                        f"{task.id}: the oracle of prefix subtask {entry.id!r} failed: {exc}"
                    ) from exc
                env._settle()
                states = update()
        else:
            entry.fast(env.provider.handles(task.sites))
            states = update(False)
        if states[entry.index].status != "pass":
            raise TaskError(
                f"{task.id}: start_subtask={k}: prefix subtask {entry.id!r} does not pass after"
                f" its {'oracle' if ui else 'fast_forward'}: {states[entry.index].message}"
            )
        if ui:
            storage = env.tabs.context.storage_state()
        name = cache.name(base, path[: j + 1])
        env.provider.snapshot(task.sites, name)
        node = PrefixNode(
            name, tuple(env.answers), getattr(task, "facts", None), storage, tuple(visited)
        )
        cache.nodes[name] = node
    return path, node, len(path) - done
