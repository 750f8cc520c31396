"""Record one episode's trajectory: steps.jsonl plus a JPEG screenshot (and text obs) per step.

PNG is too slow to encode every step; JPEG at quality 70 of a 1280x720 page takes a few
milliseconds. Each line is flushed as it is written, so a killed episode still shows how far it got.
"""

from __future__ import annotations

import json
import shutil
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
        """Write one steps.jsonl line, saving the observation's screenshot and text parts."""
        line: dict[str, Any] = {"step": step, **fields}
        if observation is not None:
            line["screenshot"] = self.screenshot(step, observation.get("screenshot"))
            for kind in ("axtree", "dom"):
                name = self.text(step, kind, observation.get(kind))
                if name:
                    line[kind] = name
            if "url" not in line and isinstance(observation.get("url"), str):
                line["url"] = observation["url"]
        self._fh.write(json.dumps(line, default=_json_default, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        """Close steps.jsonl."""
        if not self._fh.closed:
            self._fh.close()


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)
