"""url and dom checks, both outcomes; the selector subset; a page-less episode is an error."""

from __future__ import annotations

import pytest
from guigym.evaluators import CheckContext, run_check

HTML = """
<html><body>
  <nav><a href="/cart" class="nav-link active">Cart (2)</a></nav>
  <div id="flash" class="alert alert-success">Purchase order <b>PO-2031</b> created.</div>
  <table class="orders"><tr data-sku="KB-104"><td>KB-104</td>
    <td><input name="qty" value="20"></td></tr></table>
  <p>Unclosed paragraph
  <script>var hidden = "Purchase order PO-9999";</script>
</body></html>
"""


def _ctx(url: str = "http://shop.test/admin/orders/17") -> CheckContext:
    return CheckContext(url=url, dom=lambda: HTML)


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ({"equals": "http://shop.test/admin/orders/17/"}, "pass"),
        ({"equals": "http://shop.test/admin/orders"}, "fail"),
        ({"contains": "/admin/orders"}, "pass"),
        ({"contains": "/cart"}, "fail"),
        ({"matches": r"shop\.test/admin/orders/\d+$"}, "pass"),
        ({"matches": r"/admin/orders"}, "fail"),  # matched from the host, never mid-URL
    ],
)
def test_url(check: dict, status: str) -> None:
    assert run_check({"url": check}, _ctx()).status == status


def test_url_counts_visited_pages_unless_current() -> None:
    ctx = CheckContext(url="http://shop.test/cart", visited=["http://shop.test/product/KB-1"])
    assert run_check({"url": {"contains": "/product/KB-1"}}, ctx).status == "pass"
    current = run_check({"url": {"contains": "/product/KB-1", "current": True}}, ctx)
    assert current.status == "fail" and "current URL" in current.message
    missing = run_check({"url": {"contains": "/orders"}}, ctx)
    assert missing.status == "fail" and "/cart" in missing.message


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ({"selector": "#flash"}, "pass"),
        ({"selector": "#missing"}, "fail"),
        ({"selector": "#missing", "exists": False}, "pass"),
        ({"selector": "div.alert.alert-success", "text_contains": "po-2031 created"}, "pass"),
        ({"selector": "div.alert", "text_contains": "PO-9999"}, "fail"),
        ({"selector": "nav > a.active", "text_contains": "Cart (2)"}, "pass"),
        ({"selector": "body > a"}, "fail"),
        ({"selector": "table tr[data-sku='KB-104'] input[name=qty][value=\"20\"]"}, "pass"),
        ({"selector": "tr[data-sku^=KB] td"}, "pass"),
        ({"selector": "tr[data-sku$=999]"}, "fail"),
        ({"selector": "#nope, p", "text_contains": "unclosed"}, "pass"),
    ],
)
def test_dom(check: dict, status: str) -> None:
    result = run_check({"dom": check}, _ctx())
    assert result.status == status, result.message


def test_unsupported_selector_is_an_error() -> None:
    result = run_check({"dom": {"selector": "a:hover"}}, _ctx())
    assert result.status == "error"
    assert "unsupported selector" in result.message


def test_dom_without_page_is_an_error() -> None:
    result = run_check({"dom": {"selector": "a"}}, CheckContext())
    assert result.status == "error"
    assert "no page" in result.message


def test_dom_fetched_once_per_update() -> None:
    calls = []

    def dom() -> str:
        calls.append(1)
        return HTML

    ctx = CheckContext(dom=dom)
    run_check({"all": [{"dom": {"selector": "a"}}, {"dom": {"selector": "b"}}]}, ctx)
    assert len(calls) == 1
