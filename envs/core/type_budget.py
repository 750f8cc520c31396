"""One ``type()`` action's time budget, shared by the web and desktop executors.

Why: both envs type long text in chunks and press each line break or tab on its own, waiting for
the screen or page between them (see envs/web/README.md "Deadlines"). A step must still end in
bounded time, so the text gets a budget checked between chunks; when it runs out the agent gets
an ``ActionError`` saying how much was typed, and types the rest in another step.
"""

from __future__ import annotations

import math
import re
import time

from guigym.errors import ActionError

__all__ = ["TypeBudget", "split_breaks"]

_BREAKS = re.compile(r"([\n\t])")


def split_breaks(text: str) -> list[str]:
    """``text`` cut into runs of characters and single ``"\\n"``/``"\\t"`` items, in order."""
    return _BREAKS.split(text)


class TypeBudget:
    """``seconds`` for typing ``text``; ``typed`` counts what went out so far.

    ``advice`` ends the error message: why typing is slow here and what to do instead.
    """

    def __init__(self, text: str, seconds: float, advice: str) -> None:
        self.total = len(text)
        self.seconds = seconds
        self.advice = advice
        self.typed = 0
        self._deadline = time.monotonic() + seconds

    def left_ms(self, cap_ms: float = math.inf) -> float:
        """Milliseconds left (at most ``cap_ms``); ActionError when none are."""
        ms = (self._deadline - time.monotonic()) * 1000
        if ms <= 0:
            raise ActionError(
                f"type(): typed {self.typed} of {self.total} characters before its "
                f"{self.seconds:g} s ran out {self.advice}"
            )
        return min(ms, cap_ms)
