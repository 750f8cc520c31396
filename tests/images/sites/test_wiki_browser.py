"""A real staff member in Chromium: sign in, edit a page, read the diff, restore, create a
page from a template, attach a file and find it with search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
BASE = "http://wiki.test"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("wiki")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def browser(site: SiteInstance) -> Iterator[object]:
    pytest.importorskip("playwright.sync_api")
    with shared_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[*ARGS, f"--host-resolver-rules=MAP wiki.test 127.0.0.1:{site.port}"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser, site: SiteInstance) -> Iterator[object]:
    site.reset()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _sign_in(page, username: str) -> None:
    page.goto(f"{BASE}/login?next=/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pass-{username}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{BASE}/")


def test_edit_diff_and_restore(page, site: SiteInstance) -> None:
    _sign_in(page, "amber.holden")
    page.get_by_role("navigation", name="Spaces").get_by_role(
        "link", name="Customer Service"
    ).click()
    page.get_by_role("link", name="Refund Policy").first.click()
    page.wait_for_url(f"{BASE}/spaces/CS/pages/refund-policy")
    assert page.get_by_role("navigation", name="On this page").is_visible()
    version = site.sql("SELECT version FROM pages WHERE slug = 'refund-policy'")[0]["version"]

    page.get_by_role("link", name="Edit", exact=True).click()
    body = page.get_by_label("Content (Markdown)")
    body.fill(
        body.input_value().replace("within **5 business days**", "within **3 business days**")
    )
    page.get_by_label("Change summary").fill("Faster refunds")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"{BASE}/spaces/CS/pages/refund-policy")
    assert page.get_by_text(f"Saved version {version + 1}.").is_visible()
    assert "3 business days" in page.locator("#content").inner_text()

    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Compare selected versions").click()
    table = page.get_by_role("table", name="Side-by-side differences")
    assert "5 business days" in table.locator("td.del").all_inner_texts()[0]
    assert any("3 business days" in t for t in table.locator("td.add").all_inner_texts())

    page.get_by_role("link", name="History").click()
    page.get_by_role("link", name=f"Version {version}", exact=True).click()
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_url(f"{BASE}/spaces/CS/pages/refund-policy")
    assert page.get_by_text(f"Restored version {version} as version {version + 2}.").is_visible()
    assert "5 business days" in page.locator("#content").inner_text()


def test_template_attachment_and_search(page, site: SiteInstance, tmp_path: Path) -> None:
    _sign_in(page, "darius.young")
    page.get_by_role("link", name="Templates").click()
    card = page.get_by_role("region", name="Meeting notes")
    card.get_by_label("Space").select_option(label="Purchasing & Suppliers")
    card.get_by_role("button", name="Use “Meeting notes”").click()
    page.wait_for_url(f"{BASE}/spaces/PUR/new?template=meeting-notes")
    page.get_by_label("Title").fill("Keychron restock call")
    body = page.get_by_label("Content (Markdown)")
    body.fill(body.input_value() + "\nAgreed: reorder [[Supplier Reorder Rules]] quantities.\n")
    page.get_by_role("button", name="Create page").click()
    page.wait_for_url(f"{BASE}/spaces/PUR/pages/keychron-restock-call")
    content = page.locator("#content")
    assert content.get_by_role("heading", name="Action items").is_visible()
    assert content.get_by_role("link", name="Supplier Reorder Rules").is_visible()

    attachment = tmp_path / "keychron-quote-2026.csv"
    attachment.write_text("sku,qty,unit_cost\nKB-104,10,123.00\n")
    page.get_by_label("File to attach").set_input_files(str(attachment))
    page.get_by_role("button", name="Upload").click()
    assert page.get_by_text("Attached “keychron-quote-2026.csv”.").is_visible()

    page.get_by_role("search").first.get_by_role("searchbox").fill("keychron-quote")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{BASE}/search?q=keychron-quote")
    assert page.get_by_role("link", name="keychron-quote-2026.csv").is_visible()

    page.goto(f"{BASE}/search?q=restock+call&space=PUR")
    assert page.get_by_role("link", name="Keychron restock call").is_visible()
    row = site.sql(
        "SELECT a.size, p.title FROM attachments a JOIN pages p ON p.id = a.page_id "
        "WHERE a.filename = 'keychron-quote-2026.csv'"
    )
    assert row == [{"size": attachment.stat().st_size, "title": "Keychron restock call"}]
