"""Binding an ``answer()`` to one answer subtask, at step time (the rule: envs/README.md).

``answer(text, subtask=id)`` binds to that subtask; an unnamed answer binds to the first open
(not yet answered) answer subtask in chain order among those the episode scores. A bound answer
is final: a second answer to the same subtask, an answer to a subtask that takes none, or an
answer when no answer subtask is open is refused with an :class:`ActionError` (a no-op step with
``last_action_error``). So guessing never pays: N tries bind once, like one wrong answer.

The result is a ``str`` that carries ``subtask`` (the verifier reads that attribute, see
``guigym.evaluators.answers``), so lists of answers copied into prefix caches keep the binding.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from guigym.errors import ActionError, did_you_mean

__all__ = ["BoundAnswer", "bind_answer"]


class BoundAnswer(str):
    """An answer's text that remembers the subtask id it is bound to."""

    subtask: str

    def __new__(cls, text: str, subtask: str) -> BoundAnswer:
        obj = super().__new__(cls, text)
        obj.subtask = subtask
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (BoundAnswer, (str(self), self.subtask))


def bind_answer(
    text: str,
    subtask: str | None,
    subtasks: Sequence[Any],
    eligible: Collection[int],
    answers: Sequence[str],
) -> BoundAnswer:
    """Bind one answer or raise ActionError; ``eligible`` are the indices that may take one."""
    taken = {getattr(a, "subtask", None) for a in answers}
    takers = [s for i, s in enumerate(subtasks) if getattr(s, "takes_answer", False)]
    if subtask is None:
        for i, s in enumerate(subtasks):
            if getattr(s, "takes_answer", False) and i in eligible and s.id not in taken:
                return BoundAnswer(text, s.id)
        if not takers:
            raise ActionError("this task has no subtask that takes an answer(): nothing recorded")
        raise ActionError(
            "every answer subtask already has its answer (answers are final): nothing recorded"
        )
    ids = [s.id for s in subtasks]
    if subtask not in ids:
        hint = did_you_mean(subtask, ids)
        raise ActionError(f"answer(subtask={subtask!r}): no such subtask{hint}")
    index = ids.index(subtask)
    if not getattr(subtasks[index], "takes_answer", False):
        names = ", ".join(s.id for s in takers) or "none"
        raise ActionError(
            f"answer(subtask={subtask!r}): that subtask takes no answer (answer subtasks: {names})"
        )
    if subtask in taken:
        raise ActionError(
            f"answer(subtask={subtask!r}): it already has its answer (answers are final)"
        )
    if index not in eligible:
        raise ActionError(f"answer(subtask={subtask!r}): that subtask is not part of this episode")
    return BoundAnswer(text, subtask)
