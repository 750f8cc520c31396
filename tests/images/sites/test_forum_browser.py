"""Real members in Chromium: sign in, post, comment, reply, vote, and moderate."""

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


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("forum")
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
            args=[*ARGS, f"--host-resolver-rules=MAP forum.test 127.0.0.1:{site.port}"],
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
    page.goto("http://forum.test/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(f"pass-{username}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"http://forum\.test/(\?.*)?$"))


def test_member_posts_comments_replies_and_votes(site: SiteInstance, page) -> None:
    from playwright.sync_api import expect

    _sign_in(page, "becky.gill")
    expect(page.get_by_role("link", name="Your profile: u/becky.gill")).to_be_visible()
    page.get_by_role("link", name="Communities").click()
    page.get_by_role("link", name="c/coffee").first.click()
    expect(page.get_by_role("heading", name="Coffee", level=1)).to_be_visible()
    page.get_by_role("link", name="Create post").first.click()
    expect(page.get_by_label("Community")).to_have_value("coffee")
    page.get_by_label("Title").fill("Switched to a burr grinder")
    page.get_by_label("Text (optional)").fill("Night and day difference.\n\nWorth every cent.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Your post is live.")).to_be_visible()
    expect(page.get_by_role("heading", name="Switched to a burr grinder")).to_be_visible()
    post_id = int(page.url.rsplit("/", 1)[1])

    page.get_by_label("Comment as u/becky.gill").fill("Which grinder did you get? Asking myself.")
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.get_by_text("Comment posted.")).to_be_visible()
    comment = page.locator("li.comment").filter(has_text="Which grinder did you get?").first
    comment.get_by_text("Reply", exact=True).first.click()
    comment.get_by_label("Reply to u/becky.gill").first.fill("A conical one.")
    comment.get_by_role("button", name="Post reply").first.click()
    expect(page.locator("li.comment li.comment").filter(has_text="A conical one.")).to_be_visible()

    # vote on someone else's post, then take the vote back
    other = site.sql("SELECT id, score FROM posts WHERE title LIKE 'Eagle Ridge Trail%'")[0]
    page.goto(f"http://forum.test/posts/{other['id']}")
    up = page.get_by_role("button", name="Upvote post").first
    up.click()
    expect(
        page.get_by_role("button", name=re.compile("Upvote post \\(remove")).first
    ).to_have_attribute("aria-pressed", "true")
    assert (
        site.sql("SELECT score FROM posts WHERE id = ?", [other["id"]])[0]["score"]
        == other["score"] + 1
    )
    page.get_by_role("button", name=re.compile("Upvote post")).first.click()
    expect(page.get_by_role("button", name="Upvote post").first).to_have_attribute(
        "aria-pressed", "false"
    )
    assert (
        site.sql("SELECT score FROM posts WHERE id = ?", [other["id"]])[0]["score"]
        == other["score"]
    )

    rows = site.sql(
        "SELECT c.body, c.depth FROM comments c WHERE c.post_id = ? ORDER BY c.id", [post_id]
    )
    assert rows == [
        {"body": "Which grinder did you get? Asking myself.", "depth": 0},
        {"body": "A conical one.", "depth": 1},
    ]


def test_moderator_removes_locks_and_bans(site: SiteInstance, page) -> None:
    from playwright.sync_api import expect

    _sign_in(page, "amber.holden")
    post = site.sql("SELECT id FROM posts WHERE title LIKE 'Logitech MX Master 3S (MS-101)%'")[0]
    page.goto(f"http://forum.test/posts/{post['id']}")
    moderation = page.get_by_role("form", name="Moderation")
    moderation.get_by_role("button", name="Lock thread").click()
    expect(page.get_by_text("Thread locked: no new comments.")).to_be_visible()
    expect(page.get_by_text("This thread is locked.")).to_be_visible()

    comment = page.locator("li.comment").filter(has_text="Lift is great").first
    comment.get_by_label(re.compile("Reason for removing comment")).first.fill("Rule 1: Be kind")
    comment.get_by_role("button", name="Remove").first.click()
    expect(page.get_by_text("Comment removed.")).to_be_visible()

    page.get_by_role("link", name="Mod tools").click()
    page.get_by_label("Username to ban").fill("frank.wilson")
    page.get_by_label("Reason").fill("x")
    page.get_by_role("button", name="Ban member").click()  # already banned: ban is updated
    expect(page.get_by_text("is banned from c/northwind permanently")).to_be_visible()
    page.get_by_label("Username to ban").fill("eric.black")
    page.get_by_label("Reason").fill("Rule 5: No spam or self-promotion")
    page.get_by_label("Duration in days").fill("3")
    page.get_by_role("button", name="Ban member").click()
    expect(page.get_by_text("u/eric.black is banned from c/northwind for 3 days.")).to_be_visible()
    expect(page.get_by_role("cell", name="u/eric.black", exact=True)).to_be_visible()

    page.get_by_role("link", name="View the mod log").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("locked thread")
    expect(table).to_contain_text("removed comment")
    expect(table).to_contain_text("u/eric.black")

    rows = site.sql(
        "SELECT b.reason, b.expires_at FROM bans b JOIN users u ON u.id = b.user_id "
        "JOIN communities c ON c.id = b.community_id WHERE u.username = 'eric.black' "
        "AND c.name = 'northwind'"
    )
    assert rows and rows[0]["reason"].startswith("Rule 5") and rows[0]["expires_at"]
    assert site.sql("SELECT is_locked FROM posts WHERE id = ?", [post["id"]])[0]["is_locked"] == 1


def test_signed_out_visitors_are_sent_to_sign_in_to_vote(site: SiteInstance, page) -> None:
    from playwright.sync_api import expect

    page.goto("http://forum.test/c/hiking")
    page.get_by_role("link", name="Upvote (sign in to vote)").first.click()
    expect(page.get_by_role("heading", name="Sign in to Threadline")).to_be_visible()
    page.get_by_label("Username or email").fill("lori.barber")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
