"""call checks (bool/float/CheckResult, raising = error), combinators, desktop placeholders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from guigym.evaluators import REGISTRY, CheckContext, CheckResult, run_check
from guigym.tasks import CHECK_TYPES, clear_cache

CHECK_PY = """
from guigym.evaluators import CheckResult

def answered(ctx):
    return bool(ctx.answers)

def half(ctx):
    return 0.5

def full(ctx):
    return 1.0

def rich(ctx):
    return CheckResult.no("expected 3 mails to the supplier, found 1")

def boom(ctx):
    raise RuntimeError("mailbox table missing")

def nothing(ctx):
    return None

def with_args(ctx, sku, qty=1):
    rows = ctx.sql("shop", "SELECT qty FROM purchase_orders WHERE sku = :s", {"s": sku})
    return rows[0]["qty"] == qty
"""


@pytest.fixture
def task_dir(tmp_path: Path) -> Path:
    clear_cache()
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "check.py").write_text(textwrap.dedent(CHECK_PY))
    return folder


@pytest.mark.parametrize(
    ("fn", "answers", "status", "score"),
    [
        ("answered", ["x"], "pass", 1.0),
        ("answered", [], "fail", 0.0),
        ("half", [], "fail", 0.5),
        ("full", [], "pass", 1.0),
        ("rich", [], "fail", 0.0),
        ("boom", [], "error", 0.0),
        ("nothing", [], "error", 0.0),
        ("missing_fn", [], "error", 0.0),
    ],
)
def test_call(task_dir: Path, fn: str, answers: list, status: str, score: float) -> None:
    ctx = CheckContext(answers=answers, task_dir=task_dir)
    result = run_check({"call": f"check.py:{fn}"}, ctx)
    assert (result.status, result.score) == (status, score), result.message


def test_call_messages(task_dir: Path) -> None:
    ctx = CheckContext(task_dir=task_dir)
    assert "found 1" in run_check({"call": "check.py:rich"}, ctx).message
    assert "mailbox table missing" in run_check({"call": "check.py:boom"}, ctx).message
    assert "missing_fn" in run_check({"call": "check.py:missing_fn"}, ctx).message


def test_call_with_args(task_dir: Path, shop) -> None:
    ctx = CheckContext(sites={"shop": shop}, task_dir=task_dir)
    ok = {"call": {"fn": "check.py:with_args", "args": {"sku": "KB-104", "qty": 10}}}
    no = {"call": {"fn": "check.py:with_args", "args": {"sku": "KB-104", "qty": 20}}}
    assert run_check(ok, ctx).status == "pass"
    assert run_check(no, ctx).status == "fail"


T = {"url": {"contains": "shop.test/"}}
F = {"url": {"contains": "mail.test/"}}
E = {"sql": {"site": "nowhere", "query": "SELECT 1", "expect": 1}}


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ({"all": [T, T]}, "pass"),
        ({"all": [T, F]}, "fail"),
        ({"all": [F, E]}, "error"),
        ({"any": [F, T]}, "pass"),
        ({"any": [F, F]}, "fail"),
        ({"any": [E, T]}, "pass"),
        ({"any": [E, F]}, "error"),
        ({"not": T}, "fail"),
        ({"not": F}, "pass"),
        ({"not": E}, "error"),
        ({"not": {"all": [T, {"not": F}]}}, "fail"),
    ],
)
def test_combinators(check: dict, status: str) -> None:
    assert run_check(check, CheckContext(url="http://shop.test/")).status == status


def test_all_gives_partial_credit() -> None:
    result = run_check({"all": [T, F]}, CheckContext(url="http://shop.test/"))
    assert result.status == "fail" and result.score == pytest.approx(0.5)


@pytest.mark.parametrize("kind", ["file", "window"])
def test_desktop_checks_without_a_desktop_are_errors_not_fails(kind: str) -> None:
    result = run_check({kind: {"path": "~/a.txt"}}, CheckContext())
    assert result.status == "error"
    assert "need the desktop" in result.message


def test_unknown_type_and_bad_shape_are_errors() -> None:
    result = run_check({"sqll": {}}, CheckContext())
    assert result.status == "error" and "did you mean 'sql'" in result.message
    assert run_check({"url": {}, "dom": {}}, CheckContext()).status == "error"


def test_registry_covers_every_schema_type() -> None:
    assert set(REGISTRY) == set(CHECK_TYPES)


def test_check_result_validates() -> None:
    with pytest.raises(ValueError, match="status"):
        CheckResult("ok")
    with pytest.raises(ValueError, match="score"):
        CheckResult("pass", 2.0)
