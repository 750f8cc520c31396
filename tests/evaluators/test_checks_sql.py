"""sql checks against a real SQLite database: expect, rows, count, range; fail vs error."""

from __future__ import annotations

import pytest
from guigym.evaluators import CheckContext, run_check


def _sql(**body):
    return {"sql": {"site": "shop", **body}}


Q_QTY = "SELECT qty FROM purchase_orders WHERE sku = :sku"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"query": Q_QTY, "params": {"sku": "KB-104"}, "expect": 10}, "pass"),
        ({"query": Q_QTY, "params": {"sku": "KB-104"}, "expect": "10"}, "pass"),
        ({"query": Q_QTY, "params": {"sku": "KB-104"}, "expect": 20}, "fail"),
        ({"query": Q_QTY, "params": {"sku": "NOPE"}, "expect": 20}, "fail"),
        ({"query": "SELECT sku FROM products WHERE category = 'Keyboards'", "count": 2}, "pass"),
        ({"query": "SELECT sku FROM products WHERE category = 'Keyboards'", "count": 3}, "fail"),
        (
            {
                "query": "SELECT sku, stock FROM products ORDER BY sku",
                "rows": [["MO-200", 7], ["KB-101", 12], ["KB-104", 3]],
            },
            "pass",
        ),
        (
            {
                "query": "SELECT sku, stock FROM products ORDER BY sku",
                "rows": [["MO-200", 7], ["KB-101", 12], ["KB-104", 3]],
                "ordered": True,
            },
            "fail",
        ),
        (
            {"query": "SELECT sku FROM products WHERE stock < 10", "rows": ["KB-104", "MO-200"]},
            "pass",
        ),
        (
            {
                "query": "SELECT sku, stock FROM products WHERE stock < 5",
                "rows": [{"sku": "KB-104"}],
            },
            "pass",
        ),
        ({"query": "SELECT sku FROM products WHERE stock < 10", "rows": ["KB-104"]}, "fail"),
        (
            {
                "query": "SELECT price FROM products WHERE sku = 'KB-104'",
                "range": {"min": 1000, "max": 2000},
            },
            "pass",
        ),
        (
            {"query": "SELECT price FROM products WHERE sku = 'KB-104'", "range": {"max": 1000}},
            "fail",
        ),
    ],
)
def test_sql_outcomes(ctx: CheckContext, body: dict, status: str) -> None:
    result = run_check(_sql(**body), ctx)
    assert result.status == status, result.message


def test_fail_message_says_what_was_expected_and_found(ctx: CheckContext) -> None:
    result = run_check(_sql(query=Q_QTY, params={"sku": "KB-104"}, expect=20), ctx)
    assert result.status == "fail"
    assert "expected qty 20, found 10" in result.message
    assert "purchase_orders" in result.message and "KB-104" in result.message


def test_state_change_flips_the_outcome(ctx: CheckContext, shop) -> None:
    check = _sql(query=Q_QTY, params={"sku": "KB-104"}, expect=20)
    assert run_check(check, ctx).status == "fail"
    shop.exec("UPDATE purchase_orders SET qty = 20 WHERE sku = 'KB-104'")
    ctx.clear_memo()
    assert run_check(check, ctx).status == "pass"


def test_broken_query_is_an_error_not_a_fail(ctx: CheckContext) -> None:
    result = run_check(_sql(query="SELECT nope FROM nowhere", expect=1), ctx)
    assert result.status == "error"
    assert "nowhere" in result.message


def test_unknown_site_is_an_error(ctx: CheckContext) -> None:
    result = run_check({"sql": {"site": "mail", "query": "SELECT 1", "expect": 1}}, ctx)
    assert result.status == "error"
    assert "mail" in result.message and "not running" in result.message


def test_identical_queries_cost_one_round_trip_per_update(ctx: CheckContext, shop) -> None:
    check = _sql(query=Q_QTY, params={"sku": "KB-104"}, expect=10)
    run_check(check, ctx)
    run_check({"all": [check, check]}, ctx)
    assert shop.queries == 1
