"""Per-phase wall-clock timings (milliseconds) that envs put into ``info["timings"]``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Timings", "PhaseTimes", "Ms"]


class Ms(float):
    """A duration in milliseconds; any two durations compare equal.

    Timings are measurements of this machine, not part of the env's dynamics: with ``Ms`` values,
    two runs with the same seed and actions have equal infos (as Gymnasium's determinism check
    requires), while the numbers stay ordinary floats for ``<``, arithmetic and JSON.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, int | float)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return 0


class PhaseTimes(dict):
    """Milliseconds per phase (``Ms`` values), as put into ``info["timings"]``."""


class Timings:
    """Accumulates milliseconds per phase name; ``as_dict()`` rounds them for ``info``."""

    def __init__(self) -> None:
        self._ms: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self._ms[name] = self._ms.get(name, 0.0) + (time.perf_counter() - start) * 1000

    def as_dict(self) -> PhaseTimes:
        out = PhaseTimes((k, Ms(round(v, 2))) for k, v in self._ms.items())
        out["total"] = Ms(round(sum(self._ms.values()), 2))
        return out
