"""Per-phase wall-clock timings (milliseconds) that envs put into ``info["timings"]``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Timings", "PhaseTimes", "Ms"]


class Ms(float):
    """A duration in milliseconds: an ordinary float that equals any other ``Ms``.

    Timings measure this machine, not the env's dynamics, so two runs with the same seed and
    actions must still have equal infos (Gymnasium's determinism check compares ``info`` leaf
    by leaf with ``==``, after checking both leaves have the same type). Equality is therefore
    "both are durations", and only that: an ``Ms`` never equals a plain number. (It used to
    equal every number, so ``json``'s ``o == float("inf")`` test was true and ``json.dumps``
    printed every timing as ``Infinity``.) ``<``, arithmetic and JSON see the float.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ms)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, Ms)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return float.__repr__(self)


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
