"""The mail site in real Chromium: log in, compose with autocomplete and an attachment, deliver,
read it as the recipient, download the file, reply."""

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
ALICE, BOB = "becky.gill", "jennifer.mcdaniel"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    with start_site("mail") as instance:
        yield instance


@pytest.fixture(scope="module")
def browser(site: SiteInstance) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/lib/chromium/chromium")

    with shared_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[*ARGS, f"--host-resolver-rules=MAP mail.test 127.0.0.1:{site.port}"],
        )
        yield chromium
        chromium.close()


def _login(browser, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto("http://mail.test/")
    assert page.url.startswith("http://mail.test/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(f"pass-{username}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("http://mail.test/folders/inbox")
    return context, page


def test_compose_deliver_read_download_and_reply(
    site: SiteInstance, browser, tmp_path: Path
) -> None:
    site.reset()
    subject = "Photos for the scrapbook"
    note = tmp_path / "captions.txt"
    note.write_text("1. Lake at dawn\n2. The long hike\n")

    alice_ctx, alice = _login(browser, ALICE)
    try:
        alice.get_by_role("link", name="Compose").click()
        to = alice.get_by_role("combobox", name="To")
        to.press_sequentially("jennifer.mc", delay=20)
        option = alice.get_by_role("option", name=f"{BOB}@mail.test")
        option.wait_for()
        option.click()
        assert to.input_value() == f"{BOB}@mail.test, "
        alice.get_by_label("Subject", exact=True).fill(subject)
        alice.get_by_label("Message", exact=True).fill("Here are the captions, see attached.")
        alice.get_by_label("Attach files").set_input_files(str(note))
        alice.get_by_role("button", name="Send", exact=True).click()
        alice.wait_for_url("**/messages/*")
        assert "Message sent to" in alice.locator(".flash").inner_text()
    finally:
        alice_ctx.close()

    bob_ctx, bob = _login(browser, BOB)
    try:
        row = bob.locator("tr.unread", has_text=subject)
        assert row.count() == 1
        assert "unread" in bob.get_by_role("navigation", name="Folders").aria_snapshot()
        bob.get_by_role("link", name=subject).click()
        assert bob.get_by_role("heading", name=subject).is_visible()
        assert "Here are the captions" in bob.locator(".message-body").inner_text()
        with bob.expect_download() as info:
            bob.get_by_role("link", name="captions.txt").click()
        assert Path(info.value.path()).read_text() == note.read_text()
        bob.get_by_role("link", name="Reply", exact=True).click()
        assert bob.get_by_role("combobox", name="To").input_value() == f"{ALICE}@mail.test"
        body = bob.get_by_label("Message", exact=True)
        body.fill("Thank you, they are lovely!\n\n" + body.input_value())
        bob.get_by_role("button", name="Send", exact=True).click()
        bob.wait_for_url("**/messages/*")
    finally:
        bob_ctx.close()

    rows = site.sql(
        "SELECT f.kind, i.is_read FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "JOIN users u ON u.id = i.owner_id JOIN messages m ON m.id = i.message_id "
        "WHERE u.username = ? AND m.subject = ?",
        [ALICE, f"Re: {subject}"],
    )
    assert rows == [{"kind": "inbox", "is_read": 0}]
    threads = site.sql(
        "SELECT count(DISTINCT thread_id) AS n FROM messages WHERE subject LIKE ?", [f"%{subject}"]
    )
    assert threads == [{"n": 1}]


def test_pages_expose_a_useful_accessibility_tree(site: SiteInstance, browser) -> None:
    context = browser.new_context()
    context.add_cookies([site.login_cookie(ALICE)])
    page = context.new_page()
    try:
        page.goto("http://mail.test/folders/inbox")
        tree = page.locator("body").aria_snapshot()
        for expected in (
            'navigation "Folders"',
            'link "Inbox',
            'toolbar "Actions on selected messages"',
            "search",
            'link "Compose"',
            'checkbox "Select message',
        ):
            assert expected in tree, expected
    finally:
        context.close()
