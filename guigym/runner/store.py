"""A run's folder: results.jsonl (append-only, atomic lines), config fingerprint, trajectories.

Every finished episode is one JSON line, written with a single ``write`` then ``flush`` and
``fsync`` under a file lock, so a ``kill -9`` can at worst leave a torn last line; that line is
dropped when the run is resumed, and the episode simply runs again. ``config.json`` keeps the
configuration's fingerprint so ``--resume`` on a different configuration is refused.

Layout::

    DIR/config.json            fingerprint, the configuration, the episode count
    DIR/results.jsonl          one line per finished episode (errors included)
    DIR/episodes/<episode>/    steps.jsonl and step-NNN.jpg screenshots
    DIR/summary.json, DIR/report.html, DIR/viewer.html
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from guigym.errors import ConfigError
from guigym.runner.plan import EpisodeSpec, RunConfig, fingerprint

__all__ = ["RunStore", "read_results"]

RESULTS = "results.jsonl"
CONFIG = "config.json"
EPISODES = "episodes"


def read_results(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Parse results.jsonl: (records, unreadable lines skipped); the first line per key wins."""
    if not path.exists():
        return [], 0
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    bad = 0
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):  # torn last line from a killed writer
                bad += 1
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                bad += 1
                continue
            if not isinstance(record, dict) or "key" not in record:
                bad += 1
                continue
            if record["key"] in seen:
                continue
            seen.add(record["key"])
            records.append(record)
    return records, bad


class RunStore:
    """The output folder of one run; open it with :meth:`open`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.results_path = root / RESULTS
        self.config_path = root / CONFIG
        self._thread_lock = threading.Lock()

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        root: str | os.PathLike[str],
        config: RunConfig,
        specs: Sequence[EpisodeSpec],
        *,
        resume: bool = False,
    ) -> RunStore:
        """Prepare ``root`` for this run; raises ConfigError for unwritable or mismatched dirs.

        Without ``resume``, a previous run in ``root`` is moved to ``<root>.prev`` (replacing an
        older one there) rather than mixed with the new one or deleted.
        """
        path = Path(root).expanduser().resolve()
        _check_writable(path)
        store = cls(path)
        fp = fingerprint(config, specs)
        if store.config_path.exists() or store.results_path.exists():
            if resume:
                old = store._read_config()
                if old.get("fingerprint") != fp:
                    raise ConfigError(
                        f"--resume: {path} holds a run with a different configuration "
                        f"({_describe_difference(old, config, len(specs))}); "
                        "use a new --out or drop --resume"
                    )
            else:
                store._archive_previous()
        elif resume:
            pass  # nothing to resume: start fresh, quietly
        path.mkdir(parents=True, exist_ok=True)
        (path / EPISODES).mkdir(exist_ok=True)
        store._repair_torn_tail()
        if not store.config_path.exists():
            payload = {
                "fingerprint": fp,
                "config": config.to_dict(),
                "episodes": len(specs),
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            _write_atomic(store.config_path, json.dumps(payload, indent=2) + "\n")
        return store

    def _read_config(self) -> dict[str, Any]:
        try:
            return json.loads(self.config_path.read_text())
        except (OSError, ValueError):
            return {}

    def _archive_previous(self) -> None:
        prev = self.root.with_name(self.root.name + ".prev")
        if prev.exists():
            shutil.rmtree(prev)
        self.root.rename(prev)
        self.root.mkdir(parents=True)

    def _repair_torn_tail(self) -> None:
        """Cut a torn last line (no newline) so the next append starts on a fresh line."""
        if not self.results_path.exists():
            return
        with self._locked(), self.results_path.open("rb+") as fh:
            data = fh.read()
            if data and not data.endswith(b"\n"):
                fh.truncate(data.rfind(b"\n") + 1)
                fh.flush()
                os.fsync(fh.fileno())

    # -- results ---------------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock, open(self.root / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, record: dict[str, Any]) -> None:
        """Append one finished episode: one write of one line, flushed and fsynced."""
        if "key" not in record:
            raise ValueError("a result record needs its episode 'key'")
        line = (json.dumps(record, default=str, ensure_ascii=False) + "\n").encode()
        with self._locked():
            fd = os.open(self.results_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def results(self) -> list[dict[str, Any]]:
        """Every finished episode so far (first record per key)."""
        return read_results(self.results_path)[0]

    def done_keys(self) -> set[str]:
        """Keys of finished episodes (errors included): a resume skips these."""
        return {r["key"] for r in self.results()}

    def config(self) -> dict[str, Any]:
        """The stored config.json."""
        return self._read_config()

    # -- trajectories ----------------------------------------------------------------------
    def episode_dir(self, spec: EpisodeSpec) -> Path:
        """Where an episode's trajectory goes (not created here)."""
        return self.root / EPISODES / spec.dirname

    def write_json(self, name: str, data: Any) -> Path:
        """Write ``DIR/name`` atomically (summary.json and the like)."""
        path = self.root / name
        _write_atomic(path, json.dumps(data, indent=2, default=str) + "\n")
        return path


def _check_writable(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"--out {path} is not writable: {exc.strerror or exc}") from None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


_COMPARED = ("agent", "agent_args", "suites", "tasks", "seeds", "start_subtask", "max_steps")


def _describe_difference(old: dict[str, Any], config: RunConfig, n_specs: int) -> str:
    old_cfg = old.get("config", {})
    new = config.to_dict()
    diffs = [
        f"{name}: {old_cfg.get(name)!r} -> {new[name]!r}"
        for name in _COMPARED
        if old_cfg.get(name) != new[name]
    ]
    if not diffs and old.get("episodes") != n_specs:
        diffs.append(f"episodes: {old.get('episodes')} -> {n_specs}")
    return "; ".join(diffs) or "fingerprint differs"
