"""Keyboard, mouse and ``evaluate`` calls with a deadline, so no input call can hang a step.

Why: Playwright's public ``Keyboard``, ``Mouse`` and ``evaluate`` send their protocol calls with
no timeout. Chromium sometimes never acknowledges a key whose predecessor navigated the page
(``type("\\nab\\t")`` in a search box that submits to the same URL: 8 of 100 tries hung
forever). The driver's protocol takes a ``timeout`` on these very calls; this module passes one.
A call that runs out raises ``InputStall``, an ``EnvError``: the env drops that browser and the
next ``reset()`` starts a new one (see README.md, "Deadlines").

It reaches Playwright's channel objects (``page._impl_obj._channel``), the only place the
protocol timeout is exposed; ``check_supported`` says clearly when an installed Playwright lacks
them.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from guigym.errors import EnvError, NotAvailableError

__all__ = ["InputStall", "Input", "CALL_TIMEOUT_MS", "check_supported"]

#: one keyboard/mouse/evaluate round trip; an ordinary one takes 1-50 ms
CALL_TIMEOUT_MS = 4_000


class InputStall(EnvError):
    """The page stopped taking input: a bounded call ran out of time."""


def check_supported(page: Page) -> None:
    """Raise ``NotAvailableError`` unless this Playwright exposes protocol timeouts."""
    channel = getattr(getattr(page, "_impl_obj", None), "_channel", None)
    if channel is None or not hasattr(channel, "keyboardType"):
        raise NotAvailableError(
            "bounded input needs Playwright's channel API with protocol timeouts "
            "(playwright 1.65 is tested); install that version"
        )


class Input:
    """Bounded input on one page: each method is one protocol call with ``timeout_ms``."""

    def __init__(self, page: Page, timeout_ms: float = CALL_TIMEOUT_MS) -> None:
        check_supported(page)
        self.page = page
        self.timeout_ms = float(timeout_ms)
        self._impl = page._impl_obj
        self._channel = page._impl_obj._channel

    def _run(self, what: str, awaitable: Any) -> Any:
        try:
            return self.page._sync(awaitable)
        except PlaywrightTimeout as exc:
            raise InputStall(
                f"{what} did not finish within {self.timeout_ms / 1000:g} s: the page stopped "
                "taking input"
            ) from exc

    # -- keyboard ----------------------------------------------------------------------------
    def type(self, text: str, timeout_ms: float | None = None) -> None:
        """Key presses for each character of ``text`` (one protocol call)."""
        ms = timeout_ms if timeout_ms is not None else self.timeout_ms
        self._run(
            f"typing {len(text)} characters",
            self._channel.keyboardType(text=text, delay=None, timeout=ms),
        )

    def press(self, keys: str) -> None:
        self._run(
            f"press({keys!r})",
            self._channel.keyboardPress(key=keys, delay=None, timeout=self.timeout_ms),
        )

    def down(self, key: str) -> None:
        self._run(
            f"key_down({key!r})", self._channel.keyboardDown(key=key, timeout=self.timeout_ms)
        )

    def up(self, key: str) -> None:
        self._run(f"key_up({key!r})", self._channel.keyboardUp(key=key, timeout=self.timeout_ms))

    def insert_text(self, text: str) -> None:
        self._run(
            "inserting text", self._channel.keyboardInsertText(text=text, timeout=self.timeout_ms)
        )

    # -- mouse -------------------------------------------------------------------------------
    def move(self, x: float, y: float, steps: int | None = None) -> None:
        self._run(
            "moving the mouse",
            self._channel.mouseMove(x=x, y=y, steps=steps, timeout=self.timeout_ms),
        )

    def mouse_down(self, button: str = "left", click_count: int | None = None) -> None:
        self._run(
            "pressing a mouse button",
            self._channel.mouseDown(button=button, clickCount=click_count, timeout=self.timeout_ms),
        )

    def mouse_up(self, button: str = "left", click_count: int | None = None) -> None:
        self._run(
            "releasing a mouse button",
            self._channel.mouseUp(button=button, clickCount=click_count, timeout=self.timeout_ms),
        )

    def click(self, x: float, y: float, button: str = "left", click_count: int = 1) -> None:
        self._run(
            "clicking",
            self._channel.mouseClick(
                x=x, y=y, delay=None, button=button, clickCount=click_count,
                timeout=self.timeout_ms,
            ),
        )  # fmt: skip

    def wheel(self, dx: float, dy: float) -> None:
        self._run(
            "scrolling", self._channel.mouseWheel(deltaX=dx, deltaY=dy, timeout=self.timeout_ms)
        )

    # -- script ------------------------------------------------------------------------------
    def evaluate(self, expression: str, arg: Any = None) -> Any:
        """``page.evaluate(expression, arg)`` with the deadline (main frame)."""
        from playwright._impl.js_handle import parse_result, serialize_argument

        frame = self._impl._main_frame

        async def call() -> Any:
            result = await frame._channel.evaluateExpression(
                expression=expression,
                isFunction=None,
                arg=serialize_argument(arg),
                timeout=self.timeout_ms,
            )
            return parse_result(result["value"])

        return self._run("a page script", call())
