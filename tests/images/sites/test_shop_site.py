"""The shop over real HTTP: every page renders, back-office flows, bad input handling."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

CUSTOMER = "becky.gill"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("shop")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(autouse=True)
def _fresh(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("site").reset()


def _client(site: SiteInstance, user: str | None) -> httpx.Client:
    cookies = {}
    if user:
        cookie = site.login_cookie(user)
        cookies = {cookie["name"]: cookie["value"]}
    return httpx.Client(
        base_url=site.url,
        cookies=cookies,
        trust_env=False,
        headers={"Host": "shop.test"},
        timeout=30,
    )


def _csrf(client: httpx.Client, path: str = "/") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, f"no csrf field on {path}"
    return match[1]


@pytest.mark.parametrize("user", [None, CUSTOMER, "admin"])
def test_every_page_renders(site: SiteInstance, user: str | None) -> None:
    cookies = None
    if user:
        cookie = site.login_cookie(user)
        cookies = {cookie["name"]: cookie["value"]}
    pages = crawl(site.url, cookies, max_pages=400, host="shop.test")
    assert len(pages) > 50
    assert failures(pages) == []


def test_search_filters_and_sorting(site: SiteInstance) -> None:
    with _client(site, None) as c:
        page = c.get(
            "/search",
            params={
                "category": "keyboards",
                "sort": "price_asc",
                "in_stock": "1",
                "min_price": "50",
            },
        )
        assert page.status_code == 200
        prices = [
            int(p.replace(",", "").replace(".", ""))
            for p in re.findall(r'class="price">\$([\d,.]+)', page.text)
        ]
        assert prices and prices == sorted(prices) and min(prices) >= 5000
        assert c.get("/product/KB-104").status_code == 200
        assert c.get("/product/XX-999").status_code == 404
        assert c.get("/category/nope").status_code == 404
        assert c.get("/search", params={"min_price": "abc"}).status_code == 200


def test_back_office_status_change_refund_price_edit_and_po(site: SiteInstance) -> None:
    number = site.sql("SELECT number FROM orders WHERE status = 'processing' LIMIT 1")[0]["number"]
    with _client(site, "admin") as c:
        token = _csrf(c, f"/admin/orders/{number}")
        r = c.post(
            f"/admin/orders/{number}/status",
            data={"csrf_token": token, "status": "shipped", "note": "UPS"},
        )
        assert r.status_code == 303
        row = site.sql("SELECT status, tracking_number FROM orders WHERE number = ?", [number])[0]
        assert row["status"] == "shipped" and row["tracking_number"]
        # illegal transition: 400 with a message, nothing changes
        r = c.post(
            f"/admin/orders/{number}/status", data={"csrf_token": token, "status": "pending"}
        )
        assert r.status_code == 400 and "cannot become pending" in r.text
        total = site.sql("SELECT total_cents FROM orders WHERE number = ?", [number])[0]
        r = c.post(
            f"/admin/orders/{number}/refund",
            data={"csrf_token": token, "amount": "5.00", "reason": "Late delivery"},
        )
        assert r.status_code == 303
        rows = site.sql(
            "SELECT amount_cents, reason FROM refunds r JOIN orders o "
            "ON o.id = r.order_id WHERE o.number = ?",
            [number],
        )
        assert rows == [{"amount_cents": 500, "reason": "Late delivery"}]
        too_much = f"{total['total_cents'] / 100 + 1:.2f}"
        r = c.post(
            f"/admin/orders/{number}/refund",
            data={"csrf_token": token, "amount": too_much, "reason": "x"},
        )
        assert r.status_code == 400 and "can still be refunded" in r.text
        # price and stock edit
        supplier = site.sql("SELECT supplier_id FROM products WHERE sku = 'KB-104'")[0]
        form = {
            "csrf_token": token,
            "name": "Keychron K2 Pro",
            "brand": "Keychron",
            "category": "keyboards",
            "price": "89.50",
            "cost": "50",
            "stock": "42",
            "reorder_level": "5",
            "is_active": "1",
            "supplier_id": str(supplier["supplier_id"]),
        }
        assert c.post("/admin/products/KB-104", data=form).status_code == 303
        row = site.sql("SELECT price_cents, stock FROM products WHERE sku = 'KB-104'")[0]
        assert row == {"price_cents": 8950, "stock": 42}
        r = c.post("/admin/products/KB-104", data={**form, "price": "-3", "stock": "-1"})
        assert r.status_code == 400 and "cannot be negative" in r.text
        assert site.sql("SELECT stock FROM products WHERE sku = 'KB-104'")[0]["stock"] == 42
        # purchase order from the product's supplier
        r = c.post(
            "/admin/purchase-orders/new", data={"csrf_token": token, "sku": "kb-104", "qty": "30"}
        )
        assert r.status_code == 303
        po = site.sql(
            "SELECT p.po_number, p.qty, p.status, p.supplier_id = pr.supplier_id AS ok "
            "FROM purchase_orders p JOIN products pr ON pr.sku = p.sku "
            "WHERE p.sku = 'KB-104' ORDER BY p.id DESC LIMIT 1"
        )[0]
        assert po["qty"] == 30 and po["status"] == "ordered" and po["ok"] == 1
        r = c.post(f"/admin/purchase-orders/{po['po_number']}/receive", data={"csrf_token": token})
        assert r.status_code == 303
        assert site.sql("SELECT stock FROM products WHERE sku = 'KB-104'")[0]["stock"] == 72
        r = c.post(
            "/admin/purchase-orders/new", data={"csrf_token": token, "sku": "ZZ-1", "qty": "0"}
        )
        assert r.status_code == 400 and "no product with SKU" in r.text


def test_bad_input(site: SiteInstance) -> None:
    with _client(site, None) as anon:
        token = _csrf(anon, "/login")
        r = anon.post(
            "/login", data={"csrf_token": token, "username": CUSTOMER, "password": "wrong"}
        )
        assert r.status_code == 400 and "Wrong username or password" in r.text
        assert anon.post("/login", data={"username": CUSTOMER}).status_code == 403  # no CSRF
        assert anon.get("/cart").status_code == 303  # sign in first
        assert anon.get("/admin").status_code == 303
    with _client(site, CUSTOMER) as c:
        token = _csrf(c, "/product/KB-104")
        assert c.get("/admin").status_code == 403
        missing = c.get("/orders/SO-99999")
        assert missing.status_code == 404 and "Sign out" in missing.text  # full shop layout
        other = site.sql("SELECT number FROM orders WHERE customer != ? LIMIT 1", [CUSTOMER])
        assert c.get(f"/orders/{other[0]['number']}").status_code == 404
        r = c.post(
            "/cart/add",
            data={"csrf_token": token, "sku": "KB-104", "qty": "-2"},
            follow_redirects=True,
        )
        assert "Quantity must be at least 1" in r.text
        assert (
            c.post("/cart/add", data={"csrf_token": token, "sku": "NOPE-1", "qty": "1"}).status_code
            == 404
        )
        r = c.post(
            "/account/settings", data={"csrf_token": token, "display_name": "", "email": "x" * 300}
        )
        assert r.status_code == 400 and "Name is required" in r.text
        r = c.post("/product/KB-104/questions", data={"csrf_token": token, "body": "q" * 5000})
        assert r.status_code == 400 and "at most 500 characters" in r.text
        r = c.post("/cart/coupon", data={"csrf_token": token, "code": "WINTER30"})
        assert r.status_code == 400 and "expired" in r.text
    rows = site.sql(
        "SELECT count(*) AS n FROM cart_items ci JOIN carts c ON c.id = ci.cart_id "
        "JOIN users u ON u.id = c.user_id WHERE u.username = ? AND ci.qty < 1",
        [CUSTOMER],
    )
    assert rows[0]["n"] == 0


def test_customer_cancels_and_requests_a_return(site: SiteInstance) -> None:
    user = site.sql("SELECT customer FROM orders WHERE status = 'pending' LIMIT 1")[0]["customer"]
    number = site.sql(
        "SELECT number FROM orders WHERE status = 'pending' AND customer = ?", [user]
    )[0]["number"]
    with _client(site, user) as c:
        token = _csrf(c, f"/orders/{number}")
        assert c.post(f"/orders/{number}/cancel", data={"csrf_token": token}).status_code == 303
    assert (
        site.sql("SELECT status FROM orders WHERE number = ?", [number])[0]["status"] == "cancelled"
    )
    row = site.sql(
        "SELECT o.number, o.customer, i.id FROM orders o JOIN order_items i "
        "ON i.order_id = o.id JOIN order_events e ON e.order_id = o.id "
        "WHERE o.status = 'delivered' AND e.status = 'delivered' "
        "AND e.created_at > '2026-04-20' LIMIT 1"
    )[0]
    with _client(site, row["customer"]) as c:
        token = _csrf(c, f"/orders/{row['number']}/return")
        r = c.post(
            f"/orders/{row['number']}/return",
            data={"csrf_token": token, "item_id": str(row["id"]), "qty": "1", "reason": "damaged"},
        )
        assert r.status_code == 303
    ret = site.sql(
        "SELECT status, reason FROM returns WHERE order_item_id = ? ORDER BY id DESC LIMIT 1",
        [row["id"]],
    )
    assert ret == [{"status": "requested", "reason": "damaged"}]


def test_checkout_validation_and_registration(site: SiteInstance) -> None:
    with _client(site, CUSTOMER) as c:
        token = _csrf(c, "/product/MS-101")
        assert (
            c.post("/cart/add", data={"csrf_token": token, "sku": "MS-101", "qty": "1"}).status_code
            == 303
        )
        r = c.post(
            "/checkout",
            data={
                "csrf_token": token,
                "address_id": "new",
                "shipping_method": "teleport",
                "payment_method": "card",
                "card_number": "1234 5678",
                "card_expiry": "13/20",
            },
        )
        assert r.status_code == 400
        for message in (
            "Full name is required",
            "Choose a shipping method",
            "valid card number",
            "MM/YY",
        ):
            assert message in r.text
        assert (
            site.sql(
                "SELECT count(*) AS n FROM orders WHERE customer = ? AND "
                "created_at >= '2026-05-15 10:00:00'",
                [CUSTOMER],
            )[0]["n"]
            == 0
        )
        r = c.post(
            "/checkout",
            data={
                "csrf_token": token,
                "address_id": "new",
                "new_full_name": "Becky Gill",
                "new_street": "1 Main St",
                "new_city": "Springfield",
                "new_postcode": "12345",
                "new_country": "United States",
                "save_address": "1",
                "shipping_method": "standard",
                "payment_method": "paypal",
            },
        )
        assert r.status_code == 303
        number = r.headers["location"].rsplit("/", 1)[1]
        order = site.sql(
            "SELECT ship_city, payment_method, total_cents, shipping_cents "
            "FROM orders WHERE number = ?",
            [number],
        )[0]
        assert order["ship_city"] == "Springfield" and order["payment_method"] == "paypal"
        assert order["shipping_cents"] == 0  # free standard shipping over $50
    with _client(site, None) as anon:
        token = _csrf(anon, "/register")
        r = anon.post(
            "/register",
            data={
                "csrf_token": token,
                "username": CUSTOMER,
                "display_name": "X",
                "email": "bad",
                "password": "short",
                "confirm_password": "short",
            },
        )
        assert r.status_code == 400
        assert "already taken" in r.text and "valid email" in r.text and "8 characters" in r.text
        r = anon.post(
            "/register",
            data={
                "csrf_token": token,
                "username": "new.shopper",
                "display_name": "New Shopper",
                "email": "new.shopper@mail.test",
                "password": "long-enough",
                "confirm_password": "long-enough",
            },
        )
        assert r.status_code == 303
        assert anon.get("/account").status_code == 200
    assert site.sql("SELECT is_admin FROM users WHERE username = 'new.shopper'") == [
        {"is_admin": 0}
    ]
