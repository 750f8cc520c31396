"""A real customer journey in Chromium: sign in, search, cart, coupon, checkout, history, admin."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from guigym.envs.web.browser import shared_playwright
from guigym.images.sites.instance import SiteInstance, start_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/lib/chromium/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CUSTOMER = "becky.gill"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("shop")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def page(site: SiteInstance) -> Iterator[object]:
    pytest.importorskip("playwright.sync_api")
    with shared_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[*ARGS, f"--host-resolver-rules=MAP shop.test 127.0.0.1:{site.port}"],
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(15_000)
            yield context.new_page()
        finally:
            browser.close()


def _sign_in(page, username: str, password: str) -> None:
    page.goto("http://shop.test/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"http://shop\.test/(\?.*)?$"))


def test_checkout_end_to_end(site: SiteInstance, page) -> None:
    from playwright.sync_api import expect

    site.reset()
    _sign_in(page, CUSTOMER, "pass-" + CUSTOMER)
    page.get_by_label("Search products").fill("MX Master 3S")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?q=MX"))
    page.get_by_role("link", name=re.compile(r"MX Master 3S Wireless Mouse - Black")).click()
    sku = page.locator(".sku").first.inner_text()
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url("http://shop.test/cart")
    expect(page.get_by_text("Added 2 × ")).to_be_visible()
    page.get_by_label("Coupon code").fill("welcome10")
    page.get_by_role("button", name="Apply coupon").click()
    expect(page.get_by_text("Coupon WELCOME10 applied")).to_be_visible()
    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("http://shop.test/checkout")
    page.get_by_label("Express (1-2 business days)", exact=False).check()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Name on card").fill("Becky Gill")
    page.get_by_label("Expiry (MM/YY)").fill("08/29")
    page.get_by_label("Security code (CVC)").fill("123")
    page.get_by_role("button", name="Place order").click()
    page.wait_for_url(re.compile(r"/orders/SO-\d+$"))
    number = page.url.rsplit("/", 1)[1]
    expect(page.get_by_text(f"Thank you! Your order {number} has been placed.")).to_be_visible()

    row = site.sql(
        "SELECT customer, status, coupon_code, shipping_method, card_last4, "
        "discount_cents, total_cents FROM orders WHERE number = ?",
        [number],
    )[0]
    assert row["customer"] == CUSTOMER and row["status"] == "pending"
    assert row["coupon_code"] == "WELCOME10" and row["discount_cents"] > 0
    assert row["shipping_method"] == "express" and row["card_last4"] == "4242"
    items = site.sql(
        "SELECT sku, qty FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = ?",
        [number],
    )
    assert {"sku": sku, "qty": 2} in items
    assert (
        site.sql(
            "SELECT count(*) AS n FROM carts c JOIN users u ON u.id = c.user_id "
            "WHERE u.username = ?",
            [CUSTOMER],
        )[0]["n"]
        == 0
    )

    page.goto("http://shop.test/orders")
    expect(page.get_by_role("link", name=number)).to_be_visible()

    page.goto("http://shop.test/logout")
    _sign_in(page, "admin", "admin-pass")
    page.goto(f"http://shop.test/admin/orders?q={number}")
    page.get_by_role("link", name=number).click()
    page.get_by_label("New status").select_option("processing")
    page.get_by_role("button", name="Update status").click()
    expect(page.get_by_text(f"Order {number} is now processing.")).to_be_visible()
    assert (
        site.sql("SELECT status FROM orders WHERE number = ?", [number])[0]["status"]
        == "processing"
    )


def test_wrong_password_shows_an_error(site: SiteInstance, page) -> None:
    from playwright.sync_api import expect

    page.goto("http://shop.test/logout")
    page.goto("http://shop.test/login")
    page.get_by_label("Username or email").fill(CUSTOMER)
    page.get_by_label("Password").fill("nope")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
