"""Screenshots with mss (X shared memory, ~1 ms) and "the screen has settled" detection.

Why settle on pixels: apps on the desktop have no network-idle signal; after an action the
screen is considered settled once two captures a short quiet window apart are identical (a
cheap hash of a subsampled frame), bounded by a timeout. No fixed sleep.
"""

from __future__ import annotations

import threading
import time
import zlib

import numpy as np

__all__ = ["Screen"]


class Screen:
    """Captures one display; thread-safe; one mss instance per thread (mss is not shareable)."""

    def __init__(self, display_name: str, size: tuple[int, int]) -> None:
        self.display_name = display_name
        self.size = size
        self._local = threading.local()

    def _mss(self):  # noqa: ANN202
        sct = getattr(self._local, "sct", None)
        if sct is None:
            import mss

            factory = getattr(mss, "MSS", None) or mss.mss
            sct = factory(display=self.display_name, with_cursor=False)
            self._local.sct = sct
        return sct

    def grab_bgra(self) -> np.ndarray:
        """The raw frame, H x W x 4 (BGRA)."""
        w, h = self.size
        shot = self._mss().grab({"left": 0, "top": 0, "width": w, "height": h})
        return np.frombuffer(shot.raw, dtype=np.uint8).reshape(h, w, 4)

    def grab(self) -> np.ndarray:
        """H x W x 3 RGB, uint8 (PIL's C unpacker does BGRX -> RGB ~4x faster than numpy)."""
        from PIL import Image

        w, h = self.size
        shot = self._mss().grab({"left": 0, "top": 0, "width": w, "height": h})
        image = Image.frombuffer("RGB", (w, h), shot.raw, "raw", "BGRX", 0, 1)
        return np.array(image)  # a writable copy (asarray would be read-only)

    def fingerprint(self) -> int:
        frame = self.grab_bgra()
        return zlib.crc32(frame[::4, ::4].tobytes())

    def settle(
        self,
        quiet_ms: float = 60,
        timeout_ms: float = 1500,
        change_ms: float = 0,
        before: int | None = None,
    ) -> float:
        """Wait until the screen stops changing for ``quiet_ms`` (at most ``timeout_ms``).

        With ``change_ms``, first wait up to that long for the screen to change at all (from
        ``before``, a fingerprint taken before the action, if given): a shortcut that opens a
        dialog draws nothing for a while, and "quiet" must not be mistaken for "done".
        Returns the milliseconds waited.
        """
        start = time.monotonic()
        last = self.fingerprint()
        if change_ms and (before is None or last == before):
            ref = last if before is None else before
            while (time.monotonic() - start) * 1000 < min(change_ms, timeout_ms):
                _until(time.monotonic() + 0.01)
                last = self.fingerprint()
                if last != ref:
                    break
        stable_since = time.monotonic()
        while True:
            now = time.monotonic()
            if (now - stable_since) * 1000 >= quiet_ms or (now - start) * 1000 >= timeout_ms:
                return (now - start) * 1000
            _until(now + 0.015)
            cur = self.fingerprint()
            if cur != last:
                last, stable_since = cur, time.monotonic()

    def png(self) -> bytes:
        """The current frame as PNG bytes."""
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(self.grab()).save(buf, format="PNG", compress_level=1)
        return buf.getvalue()


def _until(deadline: float) -> None:
    left = deadline - time.monotonic()
    if left > 0:
        time.sleep(left)
