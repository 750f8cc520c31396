"""The code site in real Chromium: sign in, open an issue with a label and an assignee,
comment, edit a file onto a new branch, open a merge request, approve and merge it as a
maintainer, and see the file changed on the default branch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from guigym.envs.web.browser import shared_playwright
from guigym.images.sites.instance import SiteInstance, start_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/lib/chromium/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT = "http://code.test/storefront/web-shop"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    with start_site("code") as instance:
        yield instance


@pytest.fixture(scope="module")
def browser(site: SiteInstance) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/lib/chromium/chromium")

    with shared_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[*ARGS, f"--host-resolver-rules=MAP code.test 127.0.0.1:{site.port}"],
        )
        yield chromium
        chromium.close()


def _role_user(site: SiteInstance, role: str) -> tuple[str, str]:
    row = site.sql(
        "SELECT u.username, u.display_name FROM members m JOIN users u ON u.id = m.user_id "
        "JOIN projects p ON p.id = m.project_id WHERE p.path = 'web-shop' AND m.role = ? "
        "ORDER BY u.username LIMIT 1",
        [role],
    )[0]
    return row["username"], row["display_name"]


def _login(browser, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("http://code.test/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(f"pass-{username}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("http://code.test/")
    return context, page


def test_issue_comment_mr_approve_merge(site: SiteInstance, browser) -> None:
    site.reset()
    dev, dev_name = _role_user(site, "developer")
    maintainer, _ = _role_user(site, "maintainer")
    ctx, page = _login(browser, dev)
    try:
        page.goto(PROJECT)
        nav = page.get_by_role("complementary", name="Project navigation")
        nav.get_by_role("link", name="Issues").click()
        page.get_by_role("link", name="New issue").click()
        page.get_by_label("Title").fill("Stock badge wrong for KB-104 after correction")
        page.get_by_label("Description").fill("Seen on the **product page** after a recount.")
        page.get_by_label("Assignee").select_option(dev)
        page.get_by_label("Labels").select_option(["bug", "catalog"])
        page.get_by_role("button", name="Create issue").click()
        page.get_by_role("heading", name="Stock badge wrong for KB-104 after correction").wait_for()
        sidebar = page.get_by_role("complementary", name="Issue details")
        assert "catalog" in sidebar.inner_text() and dev_name in sidebar.inner_text()
        page.get_by_label("Comment", exact=True).fill("Reproduced on staging.")
        page.get_by_role("button", name="Comment", exact=True).click()
        page.get_by_text("Comment added.").wait_for()
        assert (
            "Reproduced on staging."
            in page.get_by_role("list", name="Comments and activity").inner_text()
        )

        nav.get_by_role("link", name="Files").click()
        page.get_by_role("link", name="README.md").click()
        page.get_by_role("link", name="Edit").click()
        editor = page.get_by_label("File content")
        editor.fill(editor.input_value() + "\n## Stock cache\n\nInvalidated on every correction.\n")
        page.get_by_label("Commit message").fill("Document the stock cache")
        page.get_by_label("Commit to a new branch").check()
        page.get_by_label("New branch name").fill("docs/stock-cache")
        page.get_by_label("Start a new merge request with these changes").check()
        page.get_by_role("button", name="Commit changes").click()
        page.wait_for_url("**/merge_requests/new?**")
        assert page.get_by_label("Title").input_value() == "Document the stock cache"
        page.get_by_label("Reviewer").select_option(maintainer)
        page.get_by_role("button", name="Create merge request").click()
        page.get_by_text("Merge request !").first.wait_for()
        mr_url = page.url
        assert (
            page.get_by_role("button", name="Merge", exact=True).count() == 0
        )  # developers cannot merge
        page.get_by_role("link", name="Changes").click()
        assert "Invalidated on every correction." in page.locator(".diff").inner_text()
    finally:
        ctx.close()

    ctx, page = _login(browser, maintainer)
    try:
        page.goto(mr_url)
        page.get_by_role("button", name="Approve").click()
        page.get_by_text("You approved").wait_for()
        page.get_by_role("button", name="Merge", exact=True).click()
        page.get_by_text("Merged !").first.wait_for()
        page.goto(f"{PROJECT}/-/blob/README.md")
        assert "Invalidated on every correction." in page.locator("main").inner_text()
    finally:
        ctx.close()
    readme = site.get("/storefront/web-shop/-/raw/README.md").text
    assert readme.endswith("## Stock cache\n\nInvalidated on every correction.\n")
    row = site.sql(
        "SELECT m.state, u.username FROM merge_requests m JOIN users u ON u.id = m.merged_by_id "
        "WHERE m.title = 'Document the stock cache'"
    )[0]
    assert row == {"state": "merged", "username": maintainer}
