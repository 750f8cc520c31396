"""Record one episode's trajectory: steps.jsonl plus a JPEG screenshot (and text obs) per step.

Timings in steps.jsonl are milliseconds: ``agent`` (act), ``step`` (env.step), ``record`` (this
writer), ``reset``, and the env's own phases as ``env.<phase>``.

PNG is too slow to encode every step; JPEG at quality 70 of a 1280x720 page takes a few
milliseconds, and it happens in a background thread while the agent and env work on the next
step. Each line is flushed as it is written, so a killed episode still shows how far it got.
"""

from __future__ import annotations

import json
import queue
import shutil
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = ["TrajectoryWriter"]

JPEG_QUALITY = 70


class TrajectoryWriter:
    """Writes ``steps.jsonl`` and ``step-NNN.jpg`` into an episode folder (emptied first)."""

    def __init__(self, root: Path, *, save_text: bool = True) -> None:
        self.root = root
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        self.save_text = save_text
        self._fh = (root / "steps.jsonl").open("w", encoding="utf-8")
        self._error: Exception | None = None
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._drain, name="trajectory", daemon=True)
        self._thread.start()

    def screenshot(self, step: int, image: Any) -> str | None:
        """Save an HxWx3 uint8 array as JPEG; returns its file name (None if no image)."""
        if image is None:
            return None
        array = np.asarray(image)
        if array.ndim != 3 or array.size == 0:
            return None
        name = f"step-{step:03d}.jpg"
        Image.fromarray(array[..., :3].astype(np.uint8)).save(
            self.root / name, "JPEG", quality=JPEG_QUALITY
        )
        return name

    def text(self, step: int, kind: str, value: Any) -> str | None:
        """Save a text observation (axtree, dom) of this step; returns its file name."""
        if not self.save_text or not isinstance(value, str) or not value:
            return None
        name = f"step-{step:03d}.{kind}.txt"
        (self.root / name).write_text(value, encoding="utf-8")
        return name

    def record(self, step: int, observation: Mapping[str, Any] | None, **fields: Any) -> None:
        """Queue one steps.jsonl line; a background thread encodes and writes it, in order."""
        if self._error is not None:
            raise self._error
        self._jobs.put((step, observation, fields))

    def _drain(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                self._write(*job)
            except Exception as exc:  # noqa: BLE001 - re-raised in the episode's thread
                self._error = exc

    def _write(self, step: int, observation: Mapping[str, Any] | None, fields: dict) -> None:
        line: dict[str, Any] = {"step": step, **fields}
        started = time.perf_counter()
        if observation is not None:
            line["screenshot"] = self.screenshot(step, observation.get("screenshot"))
            for kind in ("axtree", "dom"):
                name = self.text(step, kind, observation.get(kind))
                if name:
                    line[kind] = name
            if "url" not in line and isinstance(observation.get("url"), str):
                line["url"] = observation["url"]
        timings = dict(line.get("timings") or {})
        timings["record"] = round((time.perf_counter() - started) * 1000, 2)
        line["timings"] = timings
        self._fh.write(json.dumps(line, default=_json_default, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        """Finish the queued lines and close steps.jsonl."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()
        if not self._fh.closed:
            self._fh.close()


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)
