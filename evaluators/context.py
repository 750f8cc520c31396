"""What a check can see: the sites' real state, the agent's answers, the page, params and facts.

Evaluators never import the sites: a site handle is anything with the :class:`SiteHandle`
methods (``guigym.images.sites.instance.SiteInstance`` has them; tests use a small sqlite3
handle). The context memoises SQL results and the DOM for one verifier update, so several
subtasks asking the same question cost one round trip.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from guigym.errors import CheckError

__all__ = ["SiteHandle", "CheckContext"]


@runtime_checkable
class SiteHandle(Protocol):
    """The part of a running site a check or setup step uses."""

    def sql(
        self, query: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> list[dict[str, Any]]:
        """Run a read-only query; rows as dicts."""
        ...

    def get(self, path: str, user: str | None = None) -> Any:
        """HTTP GET a page of the site (optionally logged in as ``user``)."""
        ...

    def exec(self, statement: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> int:
        """Run one whitelisted DML statement; returns the row count."""
        ...


@dataclass
class CheckContext:
    """Everything a check may read at one step (``ctx`` in check.py functions).

    ``answers`` are the texts of the agent's ``answer(...)`` calls so far; ``ended`` is ``"done"``
    or ``"fail"`` once the agent has ended the episode with ``done()``/``fail()``; ``dom`` is a
    callable returning the current page's HTML (None when there is no page); ``visited`` is the
    URLs seen so far this episode (the verifier fills it in from ``url`` at every update);
    ``error_urls`` are page URLs the site answered with an HTTP error (they never count as
    visited).
    """

    sites: Mapping[str, SiteHandle] = field(default_factory=dict)
    desktop: Any = None
    answers: Sequence[str] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    facts: Mapping[str, Any] = field(default_factory=dict)
    url: str = ""
    visited: Sequence[str] = ()
    error_urls: Collection[str] = frozenset()
    dom: Callable[[], str] | None = None
    step: int = 0
    ended: str | None = None
    task_dir: Path | None = None
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def site(self, name: str) -> SiteHandle:
        """The handle of a running site (CheckError if the task did not start it)."""
        try:
            return self.sites[name]
        except KeyError:
            known = ", ".join(self.sites) or "none"
            raise CheckError(
                f"site {name!r} is not running in this episode (sites: {known})"
            ) from None

    def sql(
        self, site: str, query: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a read-only query, memoised for this update."""
        key = ("sql", site, query, json.dumps(params, sort_keys=True, default=str))
        if key not in self._memo:
            self._memo[key] = self.site(site).sql(query, params)
        return self._memo[key]

    def html(self) -> str:
        """The current page's HTML, fetched once per update (CheckError without a page)."""
        if "html" not in self._memo:
            if self.dom is None:
                raise CheckError("no page to inspect: this episode has no DOM (dom is None)")
            self._memo["html"] = self.dom()
        return self._memo["html"]

    @property
    def answer(self) -> str | None:
        """The agent's latest answer, or None."""
        return self.answers[-1] if self.answers else None

    def clear_memo(self) -> None:
        """Forget memoised results (the verifier calls this at every update)."""
        self._memo.clear()
