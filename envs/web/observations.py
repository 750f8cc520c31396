"""Observations of a browser tab: screenshot, axtree text, cleaned DOM, url, title, tabs.

Why this way: the screenshot is Playwright's JPEG capture with a timeout (see ``_capture``),
decoded with Pillow on a worker thread; the axtree and DOM come from one
``evaluate`` each of the walkers in ``page.js``, which also assigns the element ids (``data-gg-id``)
that element actions accept, so ids in ``axtree`` and ``dom`` always agree.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np
from PIL import Image
from playwright.sync_api import CDPSession, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

__all__ = ["WEB_OBS_KEYS", "Observer"]

T = TypeVar("T")

#: Errors a live tab gives for a moment while a document is replaced (a navigation committing,
#: an error page swapping renderers, a page reloading itself); retrying shortly succeeds.
_TRANSIENT = (
    "Not attached to an active page",
    "Unable to capture screenshot",
    "context was destroyed",
    "Cannot find context",
    "navigat",
    "detached",
)
_RETRY_S = 2.0
_POLL_MS = 50


def retry_transient(page: Page, read: Callable[[], T], budget_s: float = _RETRY_S) -> T:
    """``read()``, retried while the tab is mid-navigation; other errors (closed tab) raise.

    Why: an agent's click can leave the tab between two documents when the observation is taken
    (an error page committing, a page that reloads itself); that is not an infrastructure fault.
    """
    deadline = time.monotonic() + budget_s
    while True:
        try:
            return read()
        except PlaywrightError as exc:
            transient = any(h in str(exc) for h in _TRANSIENT)
            if page.is_closed() or not transient or time.monotonic() >= deadline:
                raise
        try:  # wait for the next document (a condition), polling while it commits
            page.wait_for_load_state("domcontentloaded", timeout=_POLL_MS * 4)
            page.wait_for_timeout(_POLL_MS)
        except PlaywrightError:
            if page.is_closed():
                raise


_SHOT_TIMEOUT_MS = 5_000

#: Observation keys a page can produce (the episode core adds instruction, subtasks, errors).
#: ``screenshot_som`` and ``elements`` are the set-of-marks keys (see ``set_of_marks.py``).
WEB_OBS_KEYS = ("screenshot", "axtree", "dom", "url", "title", "tabs", "screenshot_som", "elements")


_DECODER: ThreadPoolExecutor | None = None
_DECODER_PID: int | None = None


def _decoder() -> ThreadPoolExecutor:
    """One decode thread per process (created lazily, never used across a fork)."""
    global _DECODER, _DECODER_PID
    if _DECODER is None or _DECODER_PID != os.getpid():
        _DECODER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guigym-jpeg")
        _DECODER_PID = os.getpid()
    return _DECODER


class Observer:
    """Computes only the requested observation parts of the active tab."""

    def __init__(self, viewport: tuple[int, int]) -> None:
        self.viewport = viewport
        self._cdp: dict[Page, CDPSession] = {}

    def forget(self) -> None:
        """Drop CDP sessions (after the context they belong to was closed)."""
        self._cdp.clear()

    def session(self, page: Page) -> CDPSession:
        session = self._cdp.get(page)
        if session is None:
            for stale in [p for p in self._cdp if p.is_closed()]:
                del self._cdp[stale]
            session = page.context.new_cdp_session(page)
            self._cdp[page] = session
        return session

    def screenshot(self, page: Page) -> np.ndarray:
        """The viewport as uint8 H x W x 3 (JPEG quality 90: the same pixels give the same
        bytes, so it stays deterministic; cheaper to capture and decode than PNG)."""
        return self._decode(self._capture(page))

    def _capture(self, page: Page) -> bytes | None:
        """The viewport as JPEG bytes, or None when the page painted nothing in time.

        Why Playwright's screenshot and not CDP's ``Page.captureScreenshot`` (17 ms faster in
        ``guigym bench``: 48 vs 66 ms median): a CDP send has no timeout, and on a page that
        reloads itself every 50 ms one capture never returned, wedging the step. Using CDP only
        for pages that settled did not help: such a page settles between two reloads, and the
        step wedged again. This one waits for the next frame and gives up after
        ``_SHOT_TIMEOUT_MS``.
        """
        try:
            return page.screenshot(
                type="jpeg", quality=90, caret="initial", animations="allow",
                timeout=_SHOT_TIMEOUT_MS,
            )  # fmt: skip
        except PlaywrightTimeoutError:
            if page.is_closed():
                raise
            return None

    def _decode(self, data: bytes | None) -> np.ndarray:
        width, height = self.viewport
        if data is None:  # nothing painted in time: a white frame, as an unpainted tab shows
            return np.full((height, width, 3), 255, dtype=np.uint8)
        image = Image.open(io.BytesIO(data))
        if image.mode != "RGB":
            image = image.convert("RGB")
        if image.size != (width, height):  # e.g. a page that changed its own zoom
            image = image.resize((width, height))
        return np.asarray(image, dtype=np.uint8)

    @staticmethod
    def axtree(page: Page) -> str:
        """Accessibility-style tree: one element per line, ``[e12] role "name" state...``."""
        return retry_transient(
            page, lambda: page.evaluate("window.__gg ? window.__gg.axtree() : ''")
        )

    @staticmethod
    def dom(page: Page) -> str:
        """Cleaned HTML (no scripts, styles or hidden nodes) carrying the same element ids."""
        return retry_transient(page, lambda: page.evaluate("window.__gg ? window.__gg.dom() : ''"))

    @staticmethod
    def tabs(pages: Sequence[Page], active: int) -> str:
        """Open tabs as JSON: ``[{"index", "url", "title", "active"}]``."""
        out = []
        for i, p in enumerate(pages):
            try:
                title = p.title()
            except Exception:  # noqa: BLE001 - a tab mid-navigation has no title yet
                title = ""
            out.append({"index": i, "url": p.url, "title": title, "active": i == active})
        return json.dumps(out, ensure_ascii=False)

    def observe(self, keys: Sequence[str], pages: Sequence[Page], active: int) -> dict:
        """Compute the requested keys (subset of ``WEB_OBS_KEYS``) for the active tab."""
        page = pages[active]
        obs: dict = {}
        decoding = None
        if "screenshot" in keys:
            # Pillow decodes (GIL released) on a worker thread while the page answers the other
            # keys' round trips
            decoding = _decoder().submit(self._decode, self._capture(page))
        for key in keys:
            if key == "screenshot":
                obs[key] = None  # keeps the key order; filled below
            elif key == "axtree":
                obs[key] = self.axtree(page)
            elif key == "dom":
                obs[key] = self.dom(page)
            elif key == "url":
                obs[key] = page.url
            elif key == "title":
                obs[key] = retry_transient(page, page.title)
            elif key == "tabs":
                obs[key] = self.tabs(pages, active)
        if decoding is not None:
            obs["screenshot"] = decoding.result()
        if "screenshot_som" in keys or "elements" in keys:
            from guigym.envs.web.set_of_marks import som_observation

            shot = obs.get("screenshot")
            if shot is None and "screenshot_som" in keys:
                shot = self.screenshot(page)
            obs.update(som_observation(page, keys, shot))
        return obs
