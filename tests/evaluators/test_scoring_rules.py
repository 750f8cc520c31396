"""The scoring rules an agent cannot game, as pure functions: answer binding, ``contains`` with
alternatives, parsed URL comparison, and browser window checks that read the address bar."""

from __future__ import annotations

import pytest
from guigym.envs.core.answers import BoundAnswer, bind_answer
from guigym.envs.core.task import SubtaskInfo
from guigym.evaluators import CheckContext, bind_answers, names_only, run_check
from guigym.tasks import RenderedSubtask

from guigym.errors import ActionError

SUBS = [
    SubtaskInfo("open", "open it"),
    SubtaskInfo("count", "how many", takes_answer=True),
    SubtaskInfo("name", "who", takes_answer=True),
]


def test_unnamed_answers_fill_open_answer_subtasks_in_chain_order() -> None:
    first = bind_answer("3", None, SUBS, range(3), [])
    second = bind_answer("ann", None, SUBS, range(3), [first])
    assert (first.subtask, second.subtask) == ("count", "name")
    with pytest.raises(ActionError, match="every answer subtask already has its answer"):
        bind_answer("bob", None, SUBS, range(3), [first, second])


@pytest.mark.parametrize(
    ("subtask", "words"),
    [
        ("open", "takes no answer"),
        ("nope", "no such subtask"),
        ("count", "already has its answer"),
    ],
)
def test_named_answers_are_checked(subtask: str, words: str) -> None:
    with pytest.raises(ActionError, match=words):
        bind_answer("4", subtask, SUBS, range(3), [BoundAnswer("3", "count")])


def test_a_named_answer_outside_the_episode_is_refused() -> None:
    with pytest.raises(ActionError, match="not part of this episode"):
        bind_answer("3", "count", SUBS, {2}, [])
    assert bind_answer("x", None, SUBS, {2}, []).subtask == "name"  # scored from k=2


def _rsub(i: int, sid: str, check: dict) -> RenderedSubtask:
    return RenderedSubtask(sid, i, sid, check, ("noop()",), ())


def test_the_verifier_binds_plain_answers_one_per_subtask() -> None:
    subs = [
        _rsub(0, "a", {"answer": {"equals": "x"}}),
        _rsub(1, "b", {"url": {"contains": "/x"}}),
        _rsub(2, "c", {"answer": {"equals": "y"}}),
    ]
    assert bind_answers(subs, ["1", "2", "3"]) == {"a": "1", "c": "2"}
    assert bind_answers(subs, [BoundAnswer("y", "c"), "1"]) == {"c": "y", "a": "1"}
    assert bind_answers(subs, ["1", "2"], 1) == {"c": "1"}


ROLES = ["guest", "reporter", "developer", "maintainer", "owner"]
USER = r"(?<![\w@.])[a-z]+\.[a-z]+(?![\w@]|\.\w)"


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("developer", True),
        ("The role is Developer.", True),
        (" ".join(ROLES), False),
        ("developer or owner", False),
        ("developer " + "very " * 25, False),  # a bound on extra words
    ],
)
def test_contains_with_alternatives(answer: str, ok: bool) -> None:
    body = {"contains": "developer", "alternatives": ROLES}
    result = run_check({"answer": body}, CheckContext(answers=[answer]))
    assert result.passed is ok, result.message


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("darius.young", True),
        ("Escalate to darius.young (darius.young@mail.test).", True),
        ("darius.young amber.holden", False),
        ("darius.young, amber.holden.", False),
    ],
)
def test_contains_with_an_alternatives_pattern(answer: str, ok: bool) -> None:
    assert (names_only(answer, "darius.young", pattern=USER) is None) is ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://shop.test/product/KB-111", True),
        ("http://shop.test/product/KB-111/", True),
        ("http://shop.test/product/KB-111/reviews?page=2#top", True),
        ("http://shop.test/no-such-page?x=/product/KB-111", False),
        ("http://shop.test/search?q=/product/KB-111", False),
        ("http://shop.test/#/product/KB-111", False),
        ("http://shop.test/product/KB-1110", False),
        ("http://mail.test/product/KB-111", False),
        ("data:text/html,shop.test/product/KB-111", False),
    ],
)
def test_url_contains_compares_parsed_parts(url: str, ok: bool) -> None:
    check = {"url": {"contains": "shop.test/product/KB-111", "current": True}}
    assert run_check(check, CheckContext(url=url)).passed is ok


def test_url_query_and_equals_and_error_pages() -> None:
    ctx = CheckContext(url="http://shop.test/admin/orders?page=2&status=processing")
    assert run_check({"url": {"contains": "shop.test/admin/orders?status=processing"}}, ctx).passed
    assert not run_check({"url": {"contains": "shop.test/admin/orders?status=shipped"}}, ctx).passed
    eq = {"equals": "http://shop.test/admin/orders?status=processing&page=2"}
    assert run_check({"url": eq}, ctx).passed
    assert not run_check({"url": {"equals": "shop.test/admin/orders?page=2"}}, ctx).passed
    assert not run_check({"url": {"matches": r"status=processing"}}, ctx).passed  # from the host
    missing = CheckContext(
        url="http://shop.test/product/KB-1", error_urls={"http://shop.test/product/KB-1"}
    )
    assert not run_check({"url": {"contains": "/product/KB-1"}}, missing).passed


class _Desktop:
    """A desktop as its control server reports it: windows and Chromium's address bars."""

    def __init__(self, title: str, url: str, editing: bool = False) -> None:
        self.title, self.url, self.editing = title, url, editing

    def windows(self) -> list[dict]:
        return [{"title": self.title, "app": "Chromium-browser", "active": True}]

    def browser_urls(self) -> list[dict]:
        return [{"title": self.title, "url": self.url, "editing": self.editing}]


@pytest.mark.parametrize(
    ("url", "editing", "ok"),
    [
        ("shop.test/product/KB-111", False, True),
        ("data:text/html,<title>Ducky One</title>", False, False),
        ("shop.test/search?q=Ducky+One", False, False),  # on the site, but not the page
        ("mail.test/product/KB-111", False, False),
        ("127.0.0.1:8000/product/KB-111", False, False),
        ("shop.test/product/KB-111", True, False),  # typed into the bar, not opened
    ],
)
def test_browser_window_check_reads_the_address_bar(url: str, editing: bool, ok: bool) -> None:
    desktop = _Desktop("Ducky One 3 · Northwind - Chromium", url, editing)
    body = {
        "app": "browser",
        "title_contains": "Ducky One",
        "url": {"contains": "shop.test/product/KB-111"},
    }
    ctx = CheckContext(desktop=desktop, sites={"shop": object(), "mail": object()})
    result = run_check({"window": body}, ctx)
    assert result.passed is ok, result.message
    plain = {"app": "browser", "title_contains": "Ducky One"}  # no url: still must be on a site
    on_site = url.startswith(("shop.test", "mail.test")) and not editing
    assert (
        run_check({"window": plain}, CheckContext(desktop=desktop, sites=ctx.sites)).passed
        is on_site
    )
