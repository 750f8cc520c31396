"""WebEnv: an agent drives real Chromium over the task's sites; the verifier scores subtasks.

Reset order (warm): sites restored to their seeded snapshot -> setup -> the browser's context is
recycled (cookies, storage, tabs and history cleared) or replaced -> logged-in start page ->
observation. Step: parse -> execute -> settle -> observe -> verify -> reward (in ``EpisodeCore``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from guigym.envs.core.episode import EpisodeCore
from guigym.envs.core.spaces import OBS_KEYS
from guigym.envs.core.task import EpisodeTask
from guigym.envs.core.timing import Timings
from guigym.envs.providers import LocalProvider, make_provider
from guigym.envs.web.browser import Browser, site_host
from guigym.envs.web.deadline import InputStall
from guigym.envs.web.executor import Executor, Tabs, check_url, goto_committed
from guigym.envs.web.observations import Observer, retry_transient
from guigym.envs.web.prefix import PrefixCache, play_prefix
from guigym.envs.web.settle import DEFAULT_QUIET_MS, DEFAULT_TIMEOUT_MS, settle
from playwright.sync_api import Error as PlaywrightError

from guigym.errors import ActionError, EnvError, TaskError

__all__ = ["WebEnv"]

_MODIFIERS = ("Shift", "Control", "Alt", "Meta")
#: the net::ERR_... code Chromium's error page shows
#: actions whose failure may leave the tab on Chromium's error page
_NAVIGATING = ("goto", "back", "forward", "new_tab")
_ERROR_CODE_JS = "(document.querySelector('.error-code') || {}).textContent || ''"


class _Actor:
    """Performs oracle actions through the real env: ``actor.click("e3")``, ``actor.act(...)``.

    Every action returns the next observation (``url``, ``title`` and ``axtree`` at least), as
    ``tasks/README.md`` promises oracle authors.
    """

    def __init__(self, env: WebEnv) -> None:
        self.env = env

    @property
    def params(self) -> Mapping[str, Any]:
        return getattr(self.env.task, "params", {})

    @property
    def facts(self) -> Mapping[str, Any]:
        return getattr(self.env.task, "facts", {})

    @property
    def observation(self) -> dict:
        keys = ("url", "title", "axtree", *(k for k in ("dom",) if k in self.env.obs_keys))
        return self.env._backend_observe(keys)

    def site(self, name: str) -> Any:
        return self.env.provider.handles([name])[name]

    def act(self, action: Any) -> dict:
        from guigym.envs.actions import parse_action

        parsed = parse_action(action)
        if parsed.kind == "answer":
            self.env.record_answer(parsed)
        elif parsed.kind not in ("done", "fail", "noop"):
            self.env._backend_execute(parsed, Timings())
        return self.observation

    def __getattr__(self, kind: str) -> Any:
        if kind.startswith("_"):
            raise AttributeError(kind)

        def call(*args: Any, **kwargs: Any) -> dict:
            # Written out as text and parsed again, so an oracle is held to the same language.
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            return self.act(f"{kind}({', '.join(parts)})")

        return call


class WebEnv(EpisodeCore):
    """A Gymnasium env on real sites in real Chromium (see envs/README.md)."""

    offered_obs = OBS_KEYS

    def __init__(
        self,
        task: Any = None,
        obs: Sequence[str] = ("screenshot", "axtree"),
        viewport: tuple[int, int] = (1280, 720),
        max_steps: int | None = None,
        provider: str | LocalProvider = "local",
        render_mode: str | None = None,
        seed: int | None = None,
        *,
        task_source: Any = None,
        fresh_context: bool = False,
        settle_quiet_ms: int = DEFAULT_QUIET_MS,
        settle_timeout_ms: int = DEFAULT_TIMEOUT_MS,
        headless: bool = True,
        fast_forward: bool = True,
    ) -> None:
        super().__init__(task, obs, viewport, max_steps, render_mode, seed, task_source)
        self.provider = make_provider(provider) if isinstance(provider, str) else provider
        self.fresh_context = fresh_context
        self.settle_quiet_ms = settle_quiet_ms
        self.settle_timeout_ms = settle_timeout_ms
        self.headless = headless
        self.browser: Browser | None = None
        self.tabs: Tabs | None = None
        self.executor: Executor | None = None
        self.observer = Observer(self.viewport)
        self._routed: tuple[str, ...] | None = None
        self._held = False
        self.fast_forward = fast_forward
        self._fast = fast_forward
        self._prefix = PrefixCache()
        self._site_now: dict[str, datetime | None] = {}
        self._clock_now: datetime | None = None

    # -- browser ---------------------------------------------------------------------------------
    def _ensure_browser(self, sites: Sequence[str]) -> None:
        for name in sites:
            self.provider.reserve(name)
        browser = self.browser
        if browser is not None and browser.alive():
            if all(s in browser.host_ports for s in sites):
                return
        if browser is not None:
            browser.close()
        self.tabs = self.executor = None
        self._routed = None
        self.observer.forget()
        self.browser = Browser(self.provider.ports, headless=self.headless)

    def _now(self, site: str, instance: Any) -> datetime | None:
        if site not in self._site_now:
            value = getattr(instance, "now", None)
            if value is None:
                try:
                    value = instance.health().get("now")
                except Exception:  # noqa: BLE001 - a site without a clock keeps the real time
                    value = None
            if isinstance(value, str):
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            self._site_now[site] = value
        return self._site_now[site]

    def _open_context(
        self, task: EpisodeTask, instances: Mapping[str, Any], storage: dict | None = None
    ) -> None:
        """A clean context with the start login, or with ``storage`` (a mid-chain session)."""
        sites = tuple(sorted(task.sites))
        now = next((self._now(s, instances[s]) for s in sites if self._now(s, instances[s])), None)
        cookies = []
        if storage is not None:
            cookies = list(storage.get("cookies", ()))
        elif task.login:
            site, user = task.login
            cookies.append(instances[site].login_cookie(user))
        recycled = False
        if not (
            self.fresh_context or self.tabs is None or self._routed != sites or not self.tabs.pages
        ):
            try:
                self._recycle_context(sites, now, cookies)
                recycled = True
            except PlaywrightError:
                recycled = False  # e.g. a crashed tab: fall back to a brand-new context
        if not recycled:
            ctx = self.browser.new_context(
                allowed_sites=sites, viewport=self.viewport, now=now, cookies=cookies
            )
            self.observer.forget()
            self.tabs = Tabs(ctx, ctx.new_page())
            self._routed = sites
            self._clock_now = now
        if storage is not None and storage.get("origins"):
            self.tabs.context.set_storage_state(storage)  # localStorage too (cookies again)
        self.executor = Executor(
            self.tabs, allowed_sites=sites, viewport=self.viewport, files_root=task.files_root
        )

    def _recycle_context(self, sites: Sequence[str], now: datetime | None, cookies: list) -> None:
        """Make the current context as good as new: one tab, no cookies, storage or history."""
        tabs = self.tabs
        ctx = tabs.context
        pages = tabs.pages
        keep = pages[0]
        for page in pages[1:]:
            page.close()
        tabs.active_page = keep
        tabs.opened.clear()
        tabs.own.clear()
        tabs.reopened = False
        if self._held:
            for key in _MODIFIERS:
                keep.keyboard.up(key)
            keep.mouse.up()
            self._held = False
        # Session storage belongs to the tab, which is kept; this also proves the tab is alive
        # (a crashed tab raises here, and the caller replaces the whole context).
        keep.evaluate("try { sessionStorage.clear() } catch (e) {}")
        ctx.clear_cookies()
        cdp = self.observer.session(keep)
        for site in sites:
            cdp.send(
                "Storage.clearDataForOrigin",
                {"origin": f"http://{site_host(site)}", "storageTypes": "all"},
            )
        if now is not None and now != self._clock_now:
            ctx.clock.set_fixed_time(now)
            self._clock_now = now
        if cookies:
            ctx.add_cookies(cookies)

    def reset(self, *, seed: int | None = None, options: Mapping[str, Any] | None = None):
        """Gymnasium reset; option ``fast_forward`` (default: the env's) lets a mid-chain start
        apply a prefix subtask through its ``fast_forward`` instead of its UI oracle."""
        self._fast = bool((options or {}).get("fast_forward", self.fast_forward))
        return super().reset(seed=seed, options=options)

    # -- hooks -----------------------------------------------------------------------------------
    def _backend_reset(self, task: EpisodeTask, seed: int | None, k: int, timings: Timings) -> None:
        try:
            self._reset_inner(task, seed, k, timings)
        except PlaywrightError as exc:
            raise EnvError(f"browser failed during reset: {exc}") from exc

    def _reset_inner(self, task: EpisodeTask, seed: int | None, k: int, timings: Timings) -> None:
        with timings.phase("services"):
            instances = self.provider.ensure(task.sites)
        with timings.phase("browser"):
            self._ensure_browser(task.sites)
        base = self._prefix.base(task, seed)
        node = self._prefix.cached_start(base, k, self._fast, self.provider, task.sites)
        with timings.phase("sites"):
            self.provider.reset(task.sites, snapshot=node.snapshot if node else None)
        with timings.phase("setup"):
            task.setup(instances, facts=node.facts if node else None)
        path = None
        if k > 0 and node is None:
            with timings.phase("prefix"):
                path, node, _played = play_prefix(self, task, k, base, self._fast, instances)
        if node is not None:
            self.answers[:] = list(node.answers)
        with timings.phase("context"):
            self._open_context(task, instances, storage=node.storage if node else None)
        with timings.phase("start"):
            self._open_start(task)
        if path is not None:  # checked once per start; later starts at k restore the node
            state = self._backend_check_state()
            ctx = task.check_context(answers=list(self.answers), step=0, ended=None, **state)
            states = list(task.verifier(k).update(ctx, 0))
            if states[k].status == "pass":
                raise TaskError(
                    f"{task.id}: subtask {task.subtasks[k].id!r} passes before it starts"
                )
            self._prefix.paths[(base, k, self._fast)] = path

    def _open_start(self, task: EpisodeTask) -> None:
        """Open the task's start URL in the current tab, settled, with an empty history."""
        page = self.tabs.page
        goto_committed(page, check_url(task.start_url, task.sites))
        self._settle()
        self.observer.session(page).send("Page.resetNavigationHistory")

    def _settle(self) -> str:
        page = self.tabs.page
        try:
            status = settle(page, self.settle_quiet_ms, self.settle_timeout_ms)
        except PlaywrightError:
            if not page.is_closed():
                raise
            status = "closed"  # the page closed its own tab (window.close()) while settling
        if status.endswith(":popup") and not self.tabs.opened:
            try:  # the page announced a popup; its tab arrives once its renderer runs
                self.tabs.context.wait_for_event("page", timeout=self.settle_timeout_ms)
            except PlaywrightError:
                pass  # blocked by the page or never opened: stay on this tab
        return status

    def _fault(self, what: str, exc: Exception) -> EnvError:
        if self.browser is None or not self.browser.alive():
            return EnvError(f"the browser died during {what}: {exc}")
        dead = self.provider.dead(self.task.sites) if self.task else []
        if dead:
            return EnvError(f"site(s) {', '.join(dead)} died during {what}")
        return EnvError(f"browser error during {what}: {exc}")

    def _info(self, timings: Timings, error: str) -> dict:
        info = super()._info(timings, error)
        info["dialogs"] = list(getattr(self.browser, "dialogs", ()))  # answered: accepted
        return info

    def _backend_execute(self, action: Any, timings: Timings) -> None:
        if self.executor is None:
            raise EnvError("no browser: reset() first")
        if action.kind in ("key_down", "mouse_down"):
            self._held = True
        self.browser.blocked_navigations.clear()
        self.browser.dialogs.clear()
        before = self._page_url()
        failed: ActionError | None = None
        try:
            with timings.phase("execute"):
                try:
                    self.executor.run(action)
                except InputStall:
                    self._abandon_browser()  # wedged: the next reset() launches a new one
                    raise
                except ActionError as exc:
                    if action.kind not in _NAVIGATING:
                        raise
                    failed = exc  # e.g. net::ERR_... from goto: settle on its error page first
            with timings.phase("settle"):
                if not self.tabs.pages:
                    self._reopen_tab(before)
                status = self._settle()
                if self.tabs.follow_new() or status == "closed":
                    self._settle()
                if not self.tabs.pages:
                    self._reopen_tab(before)
        except PlaywrightError as exc:
            raise self._fault(f"{action.kind}()", exc) from exc
        if self.tabs.reopened:
            self.tabs.reopened = False
            raise ActionError(
                "the page closed its own tab (window.close()); a new tab was opened at "
                f"{self._page_url()}"
            )
        if self.tabs.page.url.startswith("chrome-error:"):
            self._error_page(before)
        if failed is not None:
            raise failed

    def _abandon_browser(self) -> None:
        """Kill a browser whose page stopped taking input; ``_ensure_browser`` starts anew."""
        browser, self.browser = self.browser, None
        self.tabs = self.executor = None
        self._routed = None
        self.observer.forget()
        if browser is not None:
            browser.kill()

    def _page_url(self) -> str:
        pages = self.tabs.pages if self.tabs is not None else []
        return self.tabs.page.url if pages else ""

    def _reopen_tab(self, url: str) -> None:
        """The last tab closed itself: open a new one where the agent was (or the start page)."""
        url = self._safe_url(url)
        page = self.tabs.context.new_page()
        self.tabs.own.append(page)
        self.tabs.active_page = page
        self.tabs.reopened = True
        page.goto(url, wait_until="commit")

    def _error_page(self, before: str) -> None:
        """The active tab shows Chromium's error page: an agent error unless a site died."""
        dead = self.provider.dead(self.task.sites)
        if dead:
            raise EnvError(f"site(s) {', '.join(dead)} died (the page could not load)")
        page = self.tabs.page
        blocked = self.browser.blocked_navigations
        url, code = blocked[-1] if blocked else self._failed_url(page), ""
        if not blocked:
            try:
                code = retry_transient(page, lambda: page.evaluate(_ERROR_CODE_JS)) or ""
            except PlaywrightError:
                code = ""
        self._leave_error_page(before)
        try:
            check_url(url, self.task.sites)
        except ActionError:
            hosts = ", ".join(site_host(s) for s in self.task.sites)
            raise ActionError(
                f"blocked: {url} is outside this task's sites (reachable: {hosts}); "
                "stayed on the previous page"
            ) from None
        reason = f" ({code.strip()})" if code.strip() else ""
        raise ActionError(f"could not load {url}{reason}; stayed on the previous page")

    def _failed_url(self, page: Any) -> str:
        """The URL Chromium failed to load (its error page's history entry keeps it)."""
        try:
            history = retry_transient(
                page, lambda: self.observer.session(page).send("Page.getNavigationHistory")
            )
            return history["entries"][history["currentIndex"]]["url"]
        except (PlaywrightError, LookupError):
            return "the page"

    def _leave_error_page(self, before: str) -> None:
        """Back to where the agent was before a failed navigation (a failed popup closes)."""
        page = self.tabs.page
        try:
            if page.go_back(wait_until="commit") is None:
                if len(self.tabs.pages) > 1:
                    page.close()
                else:
                    page.goto(self._safe_url(before), wait_until="commit")
            self._settle()
        except PlaywrightError as exc:
            raise self._fault("leaving a blocked page", exc) from exc

    def _safe_url(self, url: str) -> str:
        try:
            return check_url(url, self.task.sites)
        except ActionError:
            return check_url(self.task.start_url, self.task.sites)

    def _backend_observe(self, keys: Sequence[str]) -> dict:
        if self.tabs is None:
            raise EnvError("no browser: reset() first")
        try:
            return self.observer.observe(keys, self.tabs.pages, self.tabs.active)
        except PlaywrightError as exc:
            raise self._fault("observe", exc) from exc

    def _backend_check_state(self) -> dict:
        page = self.tabs.page if self.tabs is not None else None
        return {
            "sites": self.provider.handles(self.task.sites),
            "url": page.url if page is not None else "",
            "dom": (lambda: self.observer.dom(page)) if page is not None else (lambda: ""),
            "error_urls": frozenset(self.browser.error_documents) if self.browser else frozenset(),
        }

    def _backend_close(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None
        self.tabs = self.executor = None
        self.provider.close()
