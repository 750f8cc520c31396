"""Per-phase wall-clock timings (milliseconds) that envs put into ``info["timings"]``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Timings"]


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

    def as_dict(self) -> dict[str, float]:
        out = {k: round(v, 2) for k, v in self._ms.items()}
        out["total"] = round(sum(self._ms.values()), 2)
        return out
