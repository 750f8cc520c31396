"""One Chromium per env, one Playwright driver per process, one fresh context per reset.

Why this shape: launching Chromium costs ~0.5 s, a new ``BrowserContext`` ~10 ms, so a warm reset
swaps contexts and never relaunches. Site hosts (``shop.test``) are mapped to instance ports with
``--host-resolver-rules``, so pages and trajectories never show a port; every other host resolves
to nothing, and requests to hosts outside the task's sites are aborted by a context route.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Browser as _PWBrowser
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from guigym.errors import EnvError

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "Browser", "driver_running", "playwright", "site_host"]

#: statuses that mean the agent is not on the page it asked for (see error_documents)
_NOT_THE_PAGE = frozenset({401, 403, 404, 405, 410})

CHROMIUM = os.environ.get("GUIGYM_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,Translate,MediaRouter,"
    "SpareRendererForSitePerProcess,BackForwardCache",
    "--force-device-scale-factor=1",
    "--font-render-hinting=none",
    "--disable-lcd-text",
    "--force-color-profile=srgb",
    # no back-forward cache: it keeps the left page's renderer alive (~15 MB) and evicts on
    # timing and memory, so back() would differ run to run; back() reloads the page instead.
    # network service and GPU (software compositing) as threads of the browser process, not two
    # processes of their own: ~25-30 MB less per env, measured (see envs/README.md)
    "--enable-features=NetworkServiceInProcess2",
    "--in-process-gpu",
]
_PAGE_JS = (Path(__file__).with_name("page.js")).read_text(encoding="utf-8")

_driver: Playwright | None = None
_driver_pid: int | None = None


_users = 0  # live Browsers and open shared_playwright() blocks of this process


def playwright() -> Playwright:
    """The process's Playwright driver, started on first use (never inherited through fork)."""
    global _driver, _driver_pid, _users
    if _driver is None or _driver_pid != os.getpid():
        _driver = sync_playwright().start()
        _driver_pid = os.getpid()
        _users = 0
    return _driver


def _hold() -> Playwright:
    global _users
    driver = playwright()
    _users += 1
    return driver


def _release() -> None:
    """One user fewer; the last one stops the driver (its node process and thread), so a
    process whose envs are all closed holds nothing of Playwright's (a Ray worker, a test)."""
    global _driver, _users
    if _driver_pid != os.getpid():
        return
    _users = max(0, _users - 1)
    if _users == 0 and _driver is not None:
        driver, _driver = _driver, None
        try:
            driver.stop()
        except Exception:  # noqa: BLE001 - a dead driver is stopped enough
            pass


def driver_running() -> bool:
    """True while this process has a Playwright driver started."""
    return _driver is not None and _driver_pid == os.getpid()


@contextlib.contextmanager
def shared_playwright() -> Iterator[Playwright]:
    """The process's driver as a context manager that leaves it running.

    Why: Playwright's sync API allows one driver per thread, and ours lives as long as the
    process; code that would write ``with sync_playwright() as p`` next to a WebEnv (tests,
    report checks) uses this instead of starting a second one.
    """
    driver = _hold()
    try:
        yield driver
    finally:
        _release()


def site_host(site: str) -> str:
    """The stable host name agents see for a site: ``shop`` -> ``shop.test``."""
    return f"{site}.test"


def _blocked_pattern(allowed_sites: Iterable[str]) -> re.Pattern[str]:
    """Match http(s) URLs whose host is not one of the allowed ``<site>.test`` hosts."""
    hosts = "|".join(re.escape(site_host(s)) for s in sorted(allowed_sites)) or "(?!)"
    return re.compile(rf"^(?:https?|wss?)://(?!(?:{hosts})(?::\d+)?(?:[/?#]|$))", re.IGNORECASE)


class Browser:
    """A Chromium process whose ``<site>.test`` hosts resolve to local instance ports."""

    def __init__(self, host_ports: Mapping[str, int], *, headless: bool = True) -> None:
        self.host_ports = dict(host_ports)
        self.marker = f"--guigym-browser={uuid.uuid4().hex}"
        rules = [f"MAP {site_host(s)} 127.0.0.1:{p}" for s, p in sorted(self.host_ports.items())]
        rules.append("MAP * ~NOTFOUND")
        args = [*CHROMIUM_ARGS, f"--host-resolver-rules={', '.join(rules)}", self.marker]
        try:
            self._browser: _PWBrowser = _hold().chromium.launch(
                executable_path=CHROMIUM, headless=headless, args=args
            )
        except Exception as exc:  # noqa: BLE001 - any launch failure is an infrastructure fault
            _release()
            raise EnvError(f"could not launch Chromium at {CHROMIUM}: {exc}") from exc
        self._held = True
        self.context: BrowserContext | None = None
        #: URLs of page navigations the route refused (the env turns them into agent errors)
        self.blocked_navigations: list[str] = []
        self.dialogs: list[str] = []  # JavaScript dialogs answered during the current step
        #: URL -> HTTP status of main-frame documents whose latest response says "no such page"
        #: (401, 403, 404, 405, 410, 5xx); url checks do not count such a visit (a 404 page is
        #: not "the product page"). A form re-shown with 400/422 is the real page: it counts.
        self.error_documents: dict[str, int] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    def alive(self) -> bool:
        """True while the Chromium process is connected."""
        return self._browser.is_connected() and self.pid() is not None

    def pid(self) -> int | None:
        """PID of the Chromium browser process (found by its unique marker switch).

        The scan of /proc runs once; later calls re-read only the known process's command line
        (every warm reset asks, and a scan of a busy machine's /proc costs milliseconds).
        """
        known = getattr(self, "_pid", None)
        if known is not None and self._is_ours(str(known)):
            return known
        self._pid = None
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and self._is_ours(entry.name):
                self._pid = int(entry.name)
                return self._pid
        return None

    def _is_ours(self, pid: str) -> bool:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").split()
        except OSError:
            return False
        return self.marker.encode() in cmd and not any(a.startswith(b"--type=") for a in cmd)

    def kill(self) -> None:
        """End a wedged browser at once (SIGKILL), then let Playwright notice it is gone."""
        pid = self.pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        """Close the context and the browser; safe to call twice or on a dead browser."""
        self.close_context()
        try:
            self._browser.close()
        except Exception:  # noqa: BLE001 - already gone
            pass
        if getattr(self, "_held", False):
            self._held = False
            _release()

    # -- contexts ----------------------------------------------------------------------------
    def new_context(
        self,
        *,
        allowed_sites: Iterable[str],
        viewport: tuple[int, int],
        now: datetime | None = None,
        cookies: list[dict] | None = None,
    ) -> BrowserContext:
        """Close the previous context and open a fresh, deterministic one."""
        self.close_context()
        width, height = viewport
        try:
            ctx = self._browser.new_context(
                viewport={"width": width, "height": height},
                screen={"width": width, "height": height},
                device_scale_factor=1,
                locale="en-US",
                timezone_id="UTC",
                reduced_motion="reduce",
                color_scheme="light",
                service_workers="block",
                accept_downloads=False,
            )
            ctx.set_default_timeout(5_000)
            ctx.set_default_navigation_timeout(15_000)
            ctx.add_init_script(_PAGE_JS)
            ctx.route(_blocked_pattern(allowed_sites), self._block)
            ctx.on("dialog", self._answer_dialog)
            ctx.on("response", self._note_document)
            if now is not None:
                ctx.clock.set_fixed_time(now)
            if cookies:
                ctx.add_cookies(cookies)
        except Exception as exc:  # noqa: BLE001
            raise EnvError(f"could not open a browser context: {exc}") from exc
        self.context = ctx
        return ctx

    def _answer_dialog(self, dialog) -> None:
        """Accept every JavaScript dialog (alert OK, confirm OK, prompt's default, leave page).

        Why: without a listener Playwright dismisses them, so an agent could never confirm a
        site's "Delete this post?"; a person clicking Delete means it. The dialog is listed in
        ``dialogs`` so the env can tell the agent what it answered.
        """
        self.dialogs.append(f"{dialog.type} {dialog.message!r} accepted")
        try:
            dialog.accept(dialog.default_value if dialog.type == "prompt" else None)
        except PlaywrightError:
            pass  # the page went away meanwhile

    def _note_document(self, response) -> None:
        """Remember which page URLs the site answered with "no such page" (documents only)."""
        request = response.request
        if request.resource_type != "document" or response.frame.parent_frame is not None:
            return
        if response.status in _NOT_THE_PAGE or response.status >= 500:
            self.error_documents[response.url] = response.status
        else:
            self.error_documents.pop(response.url, None)

    def _block(self, route) -> None:
        request = route.request
        if request.is_navigation_request():
            self.blocked_navigations.append(request.url)
        route.abort("blockedbyclient")

    def close_context(self) -> None:
        """Close the current context, if any (ignores a browser that already died)."""
        ctx, self.context = self.context, None
        if ctx is not None:
            try:
                ctx.close()
            except Exception:  # noqa: BLE001
                pass

    def new_page(self) -> Page:
        """Open a tab in the current context."""
        if self.context is None:
            raise EnvError("no browser context: call reset() first")
        return self.context.new_page()
