"""Typed actions -> Playwright calls on the active tab, with precise errors for agent mistakes.

Why: an agent's impossible action (unknown id, off-screen point, typing with nothing focused, a
missing option, a URL outside the task's sites) must come back as one clear sentence in
``last_action_error`` (raised here as ``ActionError``), while a dead browser must surface as
``EnvError`` so the runner records an infrastructure fault, not a task failure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from guigym.envs.core.type_budget import TypeBudget, split_breaks
from guigym.envs.web.browser import site_host
from guigym.envs.web.deadline import CALL_TIMEOUT_MS, Input
from guigym.envs.web.locate import resolve_element
from guigym.envs.web.settle import settle
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from guigym.errors import ActionError, EnvError, did_you_mean

__all__ = ["Tabs", "Executor", "check_url", "goto_committed", "MAX_TYPED", "TYPE_CHUNK"]

_MAX_WAIT_S = 30.0
#: characters one type() sends key by key (~2 ms each here); longer text goes through fill()
MAX_TYPED = 1_000
#: characters per bounded keyboard call
TYPE_CHUNK = 20
#: the whole of one type(): chunks, line breaks and the waits after them
TYPE_BUDGET_S = 4.0
#: navigations started by an action (goto, back, forward, new_tab) must commit within this
NAV_TIMEOUT_MS = 8_000


def check_url(url: str, allowed_sites: Iterable[str]) -> str:
    """Return ``url`` if it points at one of the task's sites, else raise ``ActionError``."""
    hosts = sorted(site_host(s) for s in allowed_sites)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(
            f"goto needs an absolute http URL on the task's sites ({', '.join(hosts)}), got {url!r}"
        )
    if parts.hostname.lower() not in hosts:
        raise ActionError(
            f"blocked: {parts.hostname} is not one of this task's sites; reachable hosts: "
            f"{', '.join(hosts)}"
        )
    return url.strip()


def goto_committed(
    page: Page, url: str, attempts: int = 3, timeout_ms: float | None = None
) -> None:
    """``page.goto(url)`` until it commits, retrying when the page's own navigation won the race.

    Why: a page that keeps navigating itself (a reload loop, a script redirect) can start its
    navigation just after ours and abort it; a person's typed URL still gets there.
    """
    raced = ("interrupted by another navigation", "net::ERR_ABORTED")
    for attempt in range(attempts):
        try:
            page.goto(url, wait_until="commit", timeout=timeout_ms)
            return
        except PlaywrightError as exc:
            if not any(r in str(exc) for r in raced) or attempt == attempts - 1:
                raise


class Tabs:
    """The context's tabs in opening order and which one is active."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.context = context
        self.active_page = page
        self.opened: list[Page] = []
        self.own: list[Page] = []  # tabs opened by new_tab() (or by the env)
        self.reopened = False  # the env opened a tab because the page closed the last one
        context.on("page", self._on_page)

    def _on_page(self, page: Page) -> None:
        self.opened.append(page)

    @property
    def pages(self) -> list[Page]:
        return [p for p in self.context.pages if not p.is_closed()]

    @property
    def active(self) -> int:
        pages = self.pages
        if self.active_page not in pages:
            if not pages:
                raise EnvError("the browser has no open tab left")
            self.active_page = pages[-1]
        return pages.index(self.active_page)

    @property
    def page(self) -> Page:
        return self.pages[self.active]

    def follow_new(self) -> bool:
        """If tabs opened since the last call (target=_blank, window.open), activate the newest.

        Popups arrive as events while Playwright waits on other calls, so the env calls this
        again after settling. Returns True when the active tab changed.
        """
        # only popups; tabs opened by new_tab() were activated by the action itself
        opened = [p for p in self.opened if not p.is_closed() and p not in self.own]
        self.opened.clear()
        if opened and opened[-1] is not self.active_page:
            self.active_page = opened[-1]
            return True
        return False


class Executor:
    """Performs typed actions on the active tab of ``tabs``."""

    def __init__(
        self,
        tabs: Tabs,
        *,
        allowed_sites: Iterable[str],
        viewport: tuple[int, int],
        files_root: Path | None = None,
    ) -> None:
        self.tabs = tabs
        self.allowed_sites = tuple(allowed_sites)
        self.viewport = viewport
        self.files_root = files_root
        self.mouse = (viewport[0] / 2, viewport[1] / 2)

    # -- helpers -----------------------------------------------------------------------------
    @property
    def input(self) -> Input:
        """Bounded keyboard, mouse and evaluate on the active tab (see ``deadline.py``)."""
        return Input(self.tabs.page)

    def _point(self, x: float | None, y: float | None) -> tuple[float, float]:
        if x is None or y is None:
            return self.mouse
        width, height = self.viewport
        if not (0 <= x < width and 0 <= y < height):
            raise ActionError(
                f"point ({x:g}, {y:g}) is off-screen; the viewport is {width}x{height} "
                f"(x in 0..{width - 1}, y in 0..{height - 1})"
            )
        return float(x), float(y)

    def _locate(self, element: str) -> dict:
        found = self.input.evaluate(
            "(id) => window.__gg ? window.__gg.locate(id) : {error: 'noscript'}", element
        )
        return self._found(element, found)

    def _found(self, element: str, found: dict) -> dict:
        """Turn ``gg.locate``'s error codes into precise agent errors."""
        error = found.get("error")
        if error == "missing" or error == "noscript":
            ids = self.input.evaluate("window.__gg ? window.__gg.nearIds() : []")
            raise ActionError(
                f"unknown element id {element!r} on this page{did_you_mean(element, ids)}; "
                "use an id from the latest axtree/dom observation"
            )
        if error == "hidden":
            raise ActionError(f"element {element!r} is not visible (hidden or zero size)")
        return found

    def _target(self, x: float | None, y: float | None, element: str | None) -> tuple[float, float]:
        if element is not None:
            found = self._locate(element)
            if found.get("covered"):
                raise ActionError(
                    f"element {element!r} is covered by {found.get('coveredBy')!r} at its "
                    "centre; close what covers it or scroll first"
                )
            return float(found["x"]), float(found["y"])
        return self._point(x, y)

    def _control(self, element: str) -> str:
        """The element itself, or the control of a label (its ``for``/nested input)."""
        self._locate(element)  # precise error for an unknown or hidden id
        return self.input.evaluate("(id) => window.__gg.controlOf(id)", element)

    def _locator(self, element: str):
        return self.tabs.page.locator(f'[data-gg-id="{self._control(element)}"]')

    def _url(self, url: str) -> str:
        return check_url(url, self.allowed_sites)

    def _resolve_file(self, path: str) -> str:
        root = self.files_root
        if root is None:
            raise ActionError("this task provides no files to upload")
        rel = path[2:] if path.startswith("~/") else path
        full = (root / rel).resolve()
        if root.resolve() not in full.parents and full != root.resolve():
            raise ActionError(f"upload path {path!r} is outside the task's files (~/...)")
        if not full.is_file():
            names = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
            raise ActionError(f"no file {path!r}; available: {', '.join(names) or 'none'}")
        return str(full)

    # -- dispatch ----------------------------------------------------------------------------
    def run(self, action) -> None:
        """Perform ``action``; ``ActionError`` for agent mistakes, ``EnvError`` for faults."""
        kind = action.kind
        handler = getattr(self, f"_do_{kind}", None)
        if handler is None:
            raise ActionError(f"{kind}() is not available in the web env")
        try:
            element = getattr(action, "element", None)
            if element is not None:
                resolved = resolve_element(self.tabs.page, element)
                if resolved != element:
                    action = dataclasses.replace(action, element=resolved)
            handler(action)
        except (ActionError, EnvError):
            raise
        except PlaywrightError as exc:
            if not self.tabs.context.browser or not self.tabs.context.browser.is_connected():
                raise EnvError(f"the browser died during {kind}(): {exc}") from exc
            message = str(exc).split("\n", 1)[0]
            if "Target page, context or browser has been closed" in message:
                # The browser lives: the page closed its own tab (window.close()) while the
                # action ran; the env picks the next tab (or opens one) after the action.
                return
            raise ActionError(f"{kind}() failed: {message}") from exc
        self.tabs.follow_new()

    # pointer
    def _click(self, x, y, element, button="left", clicks=1) -> None:
        px, py = self._target(x, y, element)
        inp = self.input
        if clicks == 2:  # what Mouse.dblclick does: a click, then one with click count 2
            inp.click(px, py, button=button, click_count=1)
            inp.click(px, py, button=button, click_count=2)
        else:
            inp.click(px, py, button=button, click_count=clicks)
        self.mouse = (px, py)

    def _do_click(self, a) -> None:
        self._click(a.x, a.y, a.element, a.button, a.clicks)

    def _do_double_click(self, a) -> None:
        self._click(a.x, a.y, a.element, a.button, 2)

    def _do_right_click(self, a) -> None:
        self._click(a.x, a.y, a.element, "right", 1)

    def _do_hover(self, a) -> None:
        px, py = self._target(a.x, a.y, a.element)
        self.input.move(px, py)
        self.mouse = (px, py)

    def _do_move(self, a) -> None:
        px, py = self._point(a.x, a.y)
        self.input.move(px, py)
        self.mouse = (px, py)

    def _do_drag(self, a) -> None:
        x1, y1 = self._point(a.x1, a.y1)
        x2, y2 = self._point(a.x2, a.y2)
        inp = self.input
        inp.move(x1, y1)
        inp.mouse_down()
        inp.move(x2, y2, steps=5)
        inp.mouse_up()
        self.mouse = (x2, y2)

    def _do_mouse_down(self, a) -> None:
        px, py = self._point(a.x, a.y)
        self.input.move(px, py)
        self.input.mouse_down(button=a.button)
        self.mouse = (px, py)

    def _do_mouse_up(self, a) -> None:
        px, py = self._point(a.x, a.y)
        self.input.move(px, py)
        self.input.mouse_up(button=a.button)
        self.mouse = (px, py)

    def _do_scroll(self, a) -> None:
        px, py = self._target(a.x, a.y, a.element) if (a.element or a.x is not None) else self.mouse
        inp = self.input
        inp.move(px, py)
        inp.wheel(float(a.dx), float(a.dy))
        self.mouse = (px, py)

    # text and keys
    def _do_type(self, a) -> None:
        text = a.text
        if len(text) > MAX_TYPED:
            raise ActionError(
                f"type() sends at most {MAX_TYPED} characters key by key, got {len(text)}; "
                "use fill(id, text) for long text, or type it in parts"
            )
        editable = self.input.evaluate("window.__gg ? window.__gg.typeTarget() : 'none'")
        if editable == "none":
            raise ActionError(
                "type(): nothing has keyboard focus; click a text field first or use fill(id, text)"
            )
        if editable == "disabled":
            raise ActionError("type(): the focused field is disabled or read-only")
        if editable.startswith("notext:"):
            raise ActionError(
                f"type(): the focused element ({editable[7:]}) does not take text; "
                "click a text field first or use fill(id, text)"
            )
        self._type_text(text)

    def _type_text(self, text: str) -> None:
        """Type ``text`` in bounded chunks; each line break or tab is its own key press,
        followed by a wait until the page settles.

        Why: an Enter that submits a form while more keys are queued behind it is what wedged
        Playwright's keyboard (the hang in ``deadline.py``); a person also waits for the next
        page before typing on. A chunk that gets no answer in ``CALL_TIMEOUT_MS`` is a stall
        (``InputStall``, an ``EnvError``); typing that progresses but outlasts ``TYPE_BUDGET_S``
        (checked between chunks; a very busy machine) stops with an agent error saying how much
        was typed.
        """
        budget = TypeBudget(
            text,
            TYPE_BUDGET_S,
            "(a busy page); type the rest in another step or use fill(id, text)",
        )
        page = self.tabs.page
        inp = Input(page)

        def bounded(call, size: int) -> None:
            # the budget is checked between calls; each call gets the whole CALL_TIMEOUT_MS, so a
            # call that runs out is a stall (InputStall), never a slow but working page
            budget.left_ms()
            inp.timeout_ms = CALL_TIMEOUT_MS
            call()
            budget.typed += size

        for part in split_breaks(text):
            if part in ("\n", "\t"):
                bounded(lambda key=part: inp.press("Enter" if key == "\n" else "Tab"), 1)
                if page.is_closed():
                    return
                settle(page, 25, int(min(budget.left_ms(), 2_000)))
            else:
                for start in range(0, len(part), TYPE_CHUNK):
                    chunk = part[start : start + TYPE_CHUNK]
                    bounded(lambda chunk=chunk: inp.type(chunk), len(chunk))

    def _fill(self, element: str, text: str) -> None:
        """Find, focus and select the field in one round trip, then insert the text."""
        inp = self.input
        found = inp.evaluate(
            "(id) => window.__gg ? window.__gg.prepareFill(id) : {error: 'noscript'}", element
        )
        self._found(element, found)
        if found["status"] != "ok":
            raise ActionError(f"fill({element!r}): {found['status']}")
        if text:
            inp.insert_text(text)
        else:
            inp.press("Delete")

    def _do_fill(self, a) -> None:
        self._fill(a.element, a.text)

    def _do_clear(self, a) -> None:
        self._fill(a.element, "")

    def _do_press(self, a) -> None:
        if a.element is not None:
            self._locator(a.element).focus(timeout=2_000)
        self.input.press(a.keys)

    def _do_key_down(self, a) -> None:
        self.input.down(a.key)

    def _do_key_up(self, a) -> None:
        self.input.up(a.key)

    # form widgets
    def _do_focus(self, a) -> None:
        self._locator(a.element).focus(timeout=2_000)

    def _do_select(self, a) -> None:
        element = self._control(a.element)
        locator = self.tabs.page.locator(f'[data-gg-id="{element}"]')
        wanted = [a.option] if isinstance(a.option, str) else list(a.option)
        info = self.input.evaluate("([id, w]) => window.__gg.selectInfo(id, w)", [element, wanted])
        if "error" in info:
            raise ActionError(f"select({a.element!r}): {info['error']}")
        if "missing" in info:
            labels = info["labels"]
            raise ActionError(
                f"select({a.element!r}): no option {info['missing']!r}"
                f"{did_you_mean(info['missing'], labels)}; options: "
                + ", ".join(repr(x) for x in labels[:30])
            )
        if locator.evaluate(
            "(el) => el.disabled || !!el.closest('fieldset:disabled')", timeout=2_000
        ):
            raise ActionError(f"select({a.element!r}): the select box is disabled")
        locator.select_option(index=info["idx"], timeout=2_000)

    def _checkable(self, element: str):
        element = self._control(element)
        locator = self.tabs.page.locator(f'[data-gg-id="{element}"]')
        kind = self.input.evaluate("(id) => window.__gg.kindOf(id)", element)
        if kind not in ("checkbox", "radio", "switch", "menuitemcheckbox"):
            raise ActionError(f"element {element!r} is a {kind}, not a checkbox or radio button")
        return locator, kind

    def _do_check(self, a) -> None:
        locator, _ = self._checkable(a.element)
        locator.set_checked(True, force=True, timeout=2_000)

    def _do_uncheck(self, a) -> None:
        locator, kind = self._checkable(a.element)
        if kind == "radio":
            raise ActionError(f"element {a.element!r} is a radio button; check another option")
        locator.set_checked(False, force=True, timeout=2_000)

    def _do_upload(self, a) -> None:
        locator = self._locator(a.element)
        is_file = locator.evaluate(
            "(el) => el.tagName === 'INPUT' && el.type === 'file'", timeout=2_000
        )
        if not is_file:
            raise ActionError(f"element {a.element!r} is not a file input")
        paths = [a.path] if isinstance(a.path, str) else list(a.path)
        locator.set_input_files([self._resolve_file(p) for p in paths], timeout=2_000)

    # browser
    def _do_goto(self, a) -> None:
        goto_committed(self.tabs.page, self._url(a.url), timeout_ms=NAV_TIMEOUT_MS)

    def _do_back(self, a) -> None:
        if self.tabs.page.go_back(wait_until="commit", timeout=NAV_TIMEOUT_MS) is None:
            raise ActionError("back(): there is no previous page in this tab")

    def _do_forward(self, a) -> None:
        if self.tabs.page.go_forward(wait_until="commit", timeout=NAV_TIMEOUT_MS) is None:
            raise ActionError("forward(): there is no next page in this tab")

    def _do_new_tab(self, a) -> None:
        url = self._url(a.url) if a.url else None
        page = self.tabs.context.new_page()
        self.tabs.own.append(page)
        self.tabs.active_page = page
        if url:
            page.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)

    def _do_switch_tab(self, a) -> None:
        pages = self.tabs.pages
        if not 0 <= a.index < len(pages):
            raise ActionError(f"switch_tab({a.index}): tabs are numbered 0..{len(pages) - 1}")
        self.tabs.active_page = pages[a.index]
        pages[a.index].bring_to_front()

    def _do_close_tab(self, a) -> None:
        pages = self.tabs.pages
        if len(pages) <= 1:
            raise ActionError("close_tab(): this is the last tab; it cannot be closed")
        index = self.tabs.active
        pages[index].close()
        self.tabs.active_page = pages[index - 1] if index > 0 else pages[1]
        self.tabs.active_page.bring_to_front()

    def _do_wait(self, a) -> None:
        seconds = min(max(float(a.seconds), 0.0), _MAX_WAIT_S)
        self.tabs.page.wait_for_timeout(seconds * 1000)
