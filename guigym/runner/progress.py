"""The live progress display: episodes done/total, running SR/CR, errors, ETA (Rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["RunProgress"]


class RunProgress:
    """A Rich progress bar whose text shows SR, CR, errors and retries so far."""

    def __init__(self, total: int, done: int = 0, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._progress = Progress(
            TextColumn("[bold]episodes"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = self._progress.add_task("run", total=total, completed=done, stats="")
        self._successes = 0
        self._completion = 0.0
        self._scored = 0
        self._errors = 0
        self._retries = 0
        self._running = 0

    def __enter__(self) -> RunProgress:
        self._progress.start()
        self._refresh()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._refresh()
        self._progress.stop()

    def seed_records(self, records: list[dict[str, Any]]) -> None:
        """Count episodes finished by an earlier (resumed) run into the running numbers."""
        for record in records:
            self._count(record)
        self._refresh()

    def _count(self, record: dict[str, Any]) -> None:
        if record.get("error"):
            self._errors += 1
        else:
            self._scored += 1
            self._successes += bool(record.get("success"))
            self._completion += float(record.get("completion") or 0.0)

    def finished(self, record: dict[str, Any]) -> None:
        """One episode was recorded."""
        self._count(record)
        self._progress.advance(self._task)
        self._refresh()

    def retried(self) -> None:
        """One attempt failed and will be retried."""
        self._retries += 1
        self._refresh()

    def running(self, n: int) -> None:
        """How many episodes are in flight."""
        if n != self._running:
            self._running = n
            self._refresh()

    def _refresh(self) -> None:
        sr = f"{self._successes / self._scored:.2f}" if self._scored else "–"
        cr = f"{self._completion / self._scored:.2f}" if self._scored else "–"
        stats = (
            f"SR {sr}  CR {cr}  errors {self._errors}  retries {self._retries}"
            f"  running {self._running}"
        )
        self._progress.update(self._task, stats=stats)
