"""How the agent's ``answer()`` texts bind to answer subtasks: one answer per subtask, final.

An answer subtask is one whose check has an ``answer`` check (or ``answer: true`` in task.yaml).
``answer(text, subtask=id)`` binds to that subtask; an unnamed answer binds to the first open
(not yet answered) scored answer subtask in chain order. Once bound, a subtask's answer is final:
the env refuses a second one (``last_action_error``), so trying N values scores no more than one
wrong answer. Each answer subtask's check sees only its own bound answer (``ctx.answers`` is that
one text, or empty), ``call`` checks included; other subtasks see no answers.

The env binds at ``step`` time and hands the verifier answers that carry their subtask (a
``str`` with a ``subtask`` attribute, ``guigym.envs.core.answers.BoundAnswer``). Plain strings
(a test's or a re-score's list of texts) are bound here by the same rule, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["bind_answers"]


def bind_answers(
    subtasks: Sequence[Any],
    answers: Iterable[str],
    scored_from: int = 0,
    *,
    only: Iterable[int] | None = None,
) -> dict[str, str]:
    """Subtask id -> its one answer. ``subtasks`` have ``id``, ``index`` and ``takes_answer``.

    Answers that carry a subtask (``BoundAnswer``) keep it (the first one per subtask wins);
    plain texts go, in order, to the first open answer subtask from ``scored_from`` (or among
    ``only``); a text with nowhere to go binds to nothing.
    """
    allowed = set(only) if only is not None else None
    takers = [
        s.id
        for s in subtasks
        if getattr(s, "takes_answer", False)
        and (s.index in allowed if allowed is not None else s.index >= scored_from)
    ]
    bound: dict[str, str] = {}
    for text in answers:
        sid = getattr(text, "subtask", None)
        if sid is None:
            sid = next((t for t in takers if t not in bound), None)
        if sid is not None and sid not in bound:
            bound[sid] = str(text)
    return bound
