"""A task with its params and facts filled in: what the env shows and the verifier checks.

``render_task`` renders the instruction, every subtask's instruction, check and oracle (Jinja2,
StrictUndefined); :func:`prefix_for` gives the subtasks a mid-chain start must replay, and
:func:`handoff` writes the text an agent starting at subtask k reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guigym.tasks.checkspec import iter_checks
from guigym.tasks.schema import CallOracle, Subtask, TaskSpec
from guigym.tasks.templating import TemplateError, render, render_value

from guigym.errors import TaskError

__all__ = [
    "takes_answer",
    "RenderedSubtask",
    "RenderedTask",
    "render_task",
    "prefix_for",
    "handoff",
    "render_text",
]


_ONE_VAR = re.compile(r"^\s*\{\{\s*([A-Za-z_]\w*)\s*\}\}\s*$")


def choice_alternatives(body: Mapping[str, Any], spec: TaskSpec) -> list[Any] | None:
    """The ``choice`` list of the param an answer ``contains: "{{ param }}"`` renders, if any."""
    found = _ONE_VAR.match(str(body.get("contains", "")))
    param = spec.params.get(found.group(1)) if found else None
    return list(param.choice) if param is not None and param.choice is not None else None


def with_alternatives(check: dict[str, Any], spec: TaskSpec) -> dict[str, Any]:
    """``check`` with ``alternatives`` filled in from a choice param where the author left them."""
    ((kind, body),) = check.items()
    if kind == "answer" and "contains" in body:
        if "alternatives" not in body and "alternatives_regex" not in body:
            alts = choice_alternatives(body, spec)
            if alts is not None:
                return {kind: {**body, "alternatives": alts}}
    elif kind in ("all", "any"):
        return {kind: [with_alternatives(c, spec) for c in body]}
    elif kind == "not":
        return {kind: with_alternatives(body, spec)}
    return check


def takes_answer(sub: Subtask) -> bool:
    """True for an answer subtask: ``answer: true`` or an ``answer`` check anywhere in its check."""
    return sub.answer or any(kind == "answer" for _, kind, _ in iter_checks(sub.check))


@dataclass(frozen=True)
class RenderedSubtask:
    """One subtask ready to run: ``oracle`` is a tuple of actions or a :class:`CallOracle`."""

    id: str
    index: int
    instruction: str
    check: dict[str, Any]
    oracle: tuple[Any, ...] | CallOracle
    depends_on: tuple[str, ...]
    weight: float = 1.0
    critical: bool = False
    #: ``answer: true`` in task.yaml (a ``call`` check that reads ``ctx.answers``)
    answer: bool = False

    @property
    def takes_answer(self) -> bool:
        """Answered with ``answer()``: its check sees only the one answer bound to it."""
        return self.answer or any(kind == "answer" for _, kind, _ in iter_checks(self.check))

    @property
    def oracle_steps(self) -> int | None:
        """Number of oracle actions, or None for a Python oracle."""
        return None if isinstance(self.oracle, CallOracle) else len(self.oracle)


@dataclass(frozen=True)
class RenderedTask:
    """A task for one episode: params and facts chosen, templates rendered."""

    id: str
    title: str
    env: str
    instruction: str
    subtasks: tuple[RenderedSubtask, ...]
    params: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    max_steps: int = 30
    infeasible: bool = False
    start_url: str | None = None
    login: tuple[str, str] | None = None  # (site, username)
    sites: tuple[str, ...] = ()
    task_dir: Path | None = None
    spec: TaskSpec | None = field(default=None, repr=False, compare=False)

    def index(self, key: int | str) -> int:
        """Index of a subtask given its index or id (TaskError otherwise)."""
        ids = [s.id for s in self.subtasks]
        if isinstance(key, int) and not isinstance(key, bool):
            if 0 <= key < len(ids):
                return key
            raise TaskError(f"{self.id} has subtasks 0..{len(ids) - 1}, got {key}")
        if key in ids:
            return ids.index(key)
        raise TaskError(f"{self.id} has no subtask {key!r} (ids: {', '.join(ids)})")

    def oracle_steps(self, start: int = 0) -> int | None:
        """Oracle actions from ``start`` on (+1 for fail() if infeasible); None if unknown."""
        counts = [s.oracle_steps for s in self.subtasks[start:]]
        if any(c is None for c in counts):
            return None
        return sum(counts) + (1 if self.infeasible else 0)


def _rendered(where: str, task_id: str, value: Any, variables: Mapping[str, Any]) -> Any:
    try:
        return render_value(value, variables)
    except TemplateError as exc:
        raise TaskError(f"{task_id}: {where}: {exc}") from None


def render_task(
    spec: TaskSpec, params: Mapping[str, Any], facts: Mapping[str, Any] | None = None
) -> RenderedTask:
    """Fill in ``params`` and ``facts``; a missing variable is a TaskError naming the field."""
    facts = dict(facts or {})
    missing = [name for name in spec.facts if name not in facts]
    if missing:
        raise TaskError(
            f"{spec.id}: setup returned no value for declared facts {missing} (got {sorted(facts)})"
        )
    variables = {**facts, **params}
    subtasks = []
    for i, sub in enumerate(spec.subtasks):
        where = f"subtasks[{i}]"
        oracle: tuple[Any, ...] | CallOracle
        if isinstance(sub.oracle, CallOracle):
            oracle = sub.oracle
        else:
            oracle = tuple(_rendered(f"{where}.oracle", spec.id, list(sub.oracle), variables))
        subtasks.append(
            RenderedSubtask(
                id=sub.id,
                index=i,
                instruction=_rendered(
                    f"{where}.instruction", spec.id, sub.instruction or "", variables
                ),
                check=_rendered(
                    f"{where}.check", spec.id, with_alternatives(sub.check, spec), variables
                ),
                oracle=oracle,
                depends_on=tuple(spec.depends(i)),
                weight=sub.weight,
                critical=sub.critical,
                answer=sub.answer,
            )
        )
    return RenderedTask(
        id=spec.id,
        title=_rendered("title", spec.id, spec.title, variables),
        env=spec.env,
        instruction=_rendered("instruction", spec.id, spec.instruction, variables).strip(),
        subtasks=tuple(subtasks),
        params=dict(params),
        facts=facts,
        max_steps=spec.max_steps,
        infeasible=spec.infeasible,
        start_url=_rendered("start.url", spec.id, spec.start.url, variables),
        login=(
            (
                spec.start.login.site,
                _rendered("start.login.user", spec.id, spec.start.login.user, variables),
            )
            if spec.start.login
            else None
        ),
        sites=tuple(spec.sites),
        task_dir=spec.path,
        spec=spec,
    )


def prefix_for(rendered: RenderedTask, k: int | str) -> list[RenderedSubtask]:
    """The subtasks ``k`` depends on, transitively, in chain order (not including ``k``)."""
    k = rendered.index(k)
    by_id = {s.id: s for s in rendered.subtasks}
    needed: set[str] = set()
    todo = list(rendered.subtasks[k].depends_on)
    while todo:
        sid = todo.pop()
        if sid in needed or sid not in by_id:
            continue
        needed.add(sid)
        todo.extend(by_id[sid].depends_on)
    return [s for s in rendered.subtasks if s.id in needed]


def handoff(
    rendered: RenderedTask,
    start_index: int | str,
    answers: Mapping[str, str] | Sequence[str] | None = None,
) -> str:
    """The instruction for an agent starting at subtask ``start_index`` of the chain.

    ``answers`` are the prefix's outputs: a mapping subtask id -> answer (shown next to that
    subtask), or the list of answers the prefix gave (shown together). Returns the plain
    instruction when nothing is done yet.
    """
    k = rendered.index(start_index)
    done = prefix_for(rendered, k)
    if not done:
        return rendered.instruction
    by_id: dict[str, str] = {}
    loose: list[str] = []
    if isinstance(answers, Mapping):
        by_id = {str(key): str(v) for key, v in answers.items() if v is not None}
    elif answers is not None and not isinstance(answers, str):
        loose = [str(a) for a in answers if a is not None]
    elif isinstance(answers, str):
        loose = [answers]
    lines = [rendered.instruction, "", "Part of this task is already done:"]
    for sub in done:
        text = sub.instruction or sub.id
        line = f"- {text}"
        if sub.id in by_id:
            line += f" (result: {by_id[sub.id]})"
        lines.append(line)
    if loose:
        lines.append("Answers given so far: " + "; ".join(loose))
    remaining = [s.instruction or s.id for s in rendered.subtasks[k:] if s.instruction]
    lines.append("")
    if remaining:
        lines.append(f"Continue from here: {remaining[0]}")
    else:
        lines.append("Continue from here and finish the task.")
    return "\n".join(lines)


def render_text(template: str, rendered: RenderedTask) -> str:
    """Render any extra text against an episode's params and facts (e.g. a custom hand-off)."""
    return render(template, {**rendered.facts, **rendered.params})
