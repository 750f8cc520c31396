"""A minimal task for WebEnv tests: Python checks over the test site, oracles as actions.

It implements the episode core's ``EpisodeTask`` protocol directly, so these tests exercise the
env without depending on the task format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from guigym.envs.core.task import SubtaskInfo


@dataclass
class StubState:
    status: str = "fail"
    score: float = 0.0
    message: str = ""
    first_passed_step: int | None = None


@dataclass
class StubSubtask:
    id: str
    instruction: str
    check: Callable[[Any], bool]
    oracle: Sequence[Any] = ()
    weight: float = 1.0
    critical: bool = False


class StubVerifier:
    def __init__(self, subtasks: Sequence[StubSubtask], scored_from: int) -> None:
        self.subtasks = subtasks
        self.scored_from = scored_from
        self.states = [StubState() for _ in subtasks]

    def update(self, ctx: Any, step: int) -> list[StubState]:
        for sub, state in zip(self.subtasks, self.states, strict=True):
            ok = bool(sub.check(ctx))
            state.status, state.score = ("pass", 1.0) if ok else ("fail", 0.0)
            state.message = "ok" if ok else "not yet"
            if ok and state.first_passed_step is None:
                state.first_passed_step = step
        return list(self.states)

    def completion(self) -> float:
        scored = list(zip(self.subtasks, self.states, strict=True))[self.scored_from :]
        total = sum(s.weight for s, _ in scored)
        return sum(s.weight * st.score for s, st in scored) / total if total else 0.0


@dataclass
class StubTask:
    id: str = "test.stub"
    sites: tuple[str, ...] = ("gymtest",)
    instruction: str = "Add an item called kiwi."
    start_url: str = "http://gymtest.test/"
    login: tuple[str, str] | None = ("gymtest", "admin")
    max_steps: int = 20
    stubs: list[StubSubtask] = field(default_factory=list)
    files_root: Path | None = None
    setup_sql: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    @property
    def subtasks(self) -> list[SubtaskInfo]:
        return [SubtaskInfo(s.id, s.instruction, s.weight, s.critical) for s in self.stubs]

    def setup(self, sites: Any, facts: Any = None) -> dict:
        if facts is None:
            for statement in self.setup_sql:
                sites[self.sites[0]].exec(statement)
            facts = {"items": len(sites[self.sites[0]].sql("SELECT id FROM items"))}
        self.facts = dict(facts)
        return self.facts

    def verifier(self, scored_from: int) -> StubVerifier:
        return StubVerifier(self.stubs, scored_from)

    def check_context(self, **state: Any) -> SimpleNamespace:
        return SimpleNamespace(facts=self.facts, **state)

    def prefix(self, k: int) -> tuple[list[int], list[Any]]:
        steps = [a for s in self.stubs[:k] for a in s.oracle]
        return list(range(k)), steps

    def instruction_for(self, k: int, answers: Sequence[str]) -> str:
        if k == 0:
            return self.instruction
        done = "; ".join(s.instruction for s in self.stubs[:k])
        return f"{self.instruction}\nAlready done: {done}. Answers so far: {list(answers)}"


def has_item(name: str) -> Callable[[Any], bool]:
    def check(ctx: Any) -> bool:
        rows = ctx.sites["gymtest"].sql("SELECT id FROM items WHERE name = :n", {"n": name})
        return bool(rows)

    return check


def kiwi_task(**kwargs: Any) -> StubTask:
    """Two subtasks: add kiwi, then add mango (oracles use element-free actions)."""
    stubs = [
        StubSubtask(
            "add-kiwi",
            "Add an item called kiwi.",
            has_item("kiwi"),
            ["fill('e15', 'kiwi')", "press('Enter')"],
        ),
        StubSubtask("add-mango", "Add an item called mango.", has_item("mango")),
    ]
    return StubTask(stubs=stubs, **kwargs)
