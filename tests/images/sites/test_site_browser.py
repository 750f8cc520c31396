"""A real Chromium reaches a site as http://toy.test (host-resolver rules), logged in by cookie."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def site(toy_entry: str) -> Iterator[SiteInstance]:
    with start_site("toy", entry=toy_entry) as instance:
        yield instance


def test_browser_uses_the_stable_host_and_a_login_cookie(site: SiteInstance, tmp_path) -> None:
    pytest.importorskip("playwright.sync_api")
    rules = f"--host-resolver-rules=MAP {site.host} 127.0.0.1:{site.port}"
    with shared_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, rules])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.goto(f"{site.public_url}/login")
            assert page.title() == "Sign in · Toy Notes"
            page.fill("input[name=username]", "becky.gill")
            page.fill("input[name=password]", "wrong")
            page.click("button[type=submit]")
            assert page.locator(".alert-error").inner_text() == "Wrong username or password."
            page.screenshot(path=str(tmp_path / "login-error.png"))
            page.fill("input[name=password]", "pass-becky.gill")
            page.click("button[type=submit]")
            page.wait_for_url(f"{site.public_url}/")
            assert "Welcome back, Becky Gill." in page.locator(".flash").inner_text()

            other = browser.new_context()
            other.add_cookies([site.login_cookie("admin")])
            admin_page = other.new_page()
            admin_page.goto(f"{site.public_url}/admin")
            assert admin_page.url == f"{site.public_url}/admin"
            assert "Signed in as admin" in admin_page.content()
            assert site.token not in admin_page.content()
        finally:
            browser.close()
