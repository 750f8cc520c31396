"""Per-phase wall-clock timings (milliseconds) that envs put into ``info["timings"]``."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

__all__ = ["Timings", "PhaseTimes"]


class PhaseTimes(Mapping[str, float]):
    """Milliseconds per phase, as put into ``info["timings"]`` (``dict(t)`` for JSON).

    Equality compares the phase names only: timings are measurements of this machine, not part
    of the env's dynamics, so two runs with the same seed and actions have equal infos (as
    Gymnasium's determinism check expects) while the numbers stay readable.
    """

    def __init__(self, items: Iterable[tuple[str, float]] = ()) -> None:
        self._ms = dict(items)

    def __getitem__(self, key: str) -> float:
        return self._ms[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ms)

    def __len__(self) -> int:
        return len(self._ms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and set(self) == set(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PhaseTimes({self._ms!r})"


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
        items = [(k, round(v, 2)) for k, v in self._ms.items()]
        items.append(("total", round(sum(self._ms.values()), 2)))
        return PhaseTimes(items)
