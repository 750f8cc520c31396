"""The forum over real HTTP against real instances: every page, posting, voting, moderation,
control API, snapshot/restore, isolation and bad input."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

MEMBER = "becky.gill"
MOD = "amber.holden"  # moderates c/northwind


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("forum")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture()
def fresh(site: SiteInstance) -> SiteInstance:
    site.reset()
    return site


def _client(site: SiteInstance, user: str | None) -> httpx.Client:
    cookies = {}
    if user:
        cookie = site.login_cookie(user)
        cookies = {cookie["name"]: cookie["value"]}
    return httpx.Client(
        base_url=site.url,
        cookies=cookies,
        trust_env=False,
        headers={"Host": "forum.test"},
        timeout=30,
    )


def _csrf(client: httpx.Client, path: str = "/") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, f"no csrf field on {path}"
    return match[1]


def _post(client: httpx.Client, path: str, data: dict, **kw: object) -> httpx.Response:
    return client.post(path, data={**data, "csrf_token": _csrf(client)}, **kw)


def _post_id(site: SiteInstance, title_like: str) -> int:
    return site.sql("SELECT id FROM posts WHERE title LIKE ?", [title_like])[0]["id"]


@pytest.mark.parametrize("user", [None, MEMBER, MOD])
def test_every_page_renders(site: SiteInstance, user: str | None) -> None:
    cookies = None
    if user:
        cookie = site.login_cookie(user)
        cookies = {cookie["name"]: cookie["value"]}
    pages = crawl(site.url, cookies, max_pages=160, host="forum.test", per_pattern=3)
    assert len(pages) > 60
    assert failures(pages) == []
    paths = {url.split("forum.test", 1)[-1].split(site.url, 1)[-1] for url, _ in pages}
    assert any("/modlog" in p for p in paths) and any(p.startswith("/u/") for p in paths)
    assert any("/images/" in p for p in paths)


def test_feeds_sort_and_windows(site: SiteInstance) -> None:
    with _client(site, None) as c:
        top = c.get("/all", params={"sort": "top", "t": "all"}).text
        scores = [
            int(s.replace(",", "")) for s in re.findall(r'aria-label="Score">([\d,-]+)<', top)
        ]
        assert scores and scores == sorted(scores, reverse=True)
        new = c.get("/all", params={"sort": "new"}).text
        times = re.findall(r'<time datetime="([^"]+)"', new)
        assert times == sorted(times, reverse=True)
        day = c.get("/all", params={"sort": "top", "t": "day"}).text
        assert len(re.findall(r'class="post-card', day)) < len(re.findall(r'class="post-card', top))
        pinned = c.get("/c/northwind").text
        first = re.search(r'id="post-title-\d+"><a href="/posts/\d+">([^<]+)<', pinned)
        assert first and first[1].startswith("Welcome to c/northwind")
        assert c.get("/all", params={"sort": "bogus", "t": "x", "page": "999"}).status_code == 200


def test_search_posts_comments_and_communities(site: SiteInstance) -> None:
    with _client(site, None) as c:
        r = c.get("/search", params={"q": "AC-101"})
        assert "Anker 735 Charger (AC-101) gets very hot" in r.text
        r = c.get("/search", params={"q": "Nicholas from Northwind", "type": "comments"})
        assert "support@mail.test" in r.text
        r = c.get("/search", params={"q": "keyboards", "type": "communities"})
        assert "c/mechanicalkeyboards" in r.text
        r = c.get("/search", params={"q": "Eagle", "c": "hiking", "author": "lori.barber"})
        assert "Eagle Ridge Trail at sunrise" in r.text
        assert "No results" in c.get("/search", params={"q": "zzqqxx"}).text


def test_post_comment_reply_vote_toggle_and_karma(fresh: SiteInstance) -> None:
    with _client(fresh, MEMBER) as c:
        karma_before = int(re.search(r'id="karma-total">(-?\d+)<', c.get(f"/u/{MEMBER}").text)[1])
        r = _post(
            c,
            "/submit",
            {
                "community": "coffee",
                "kind": "text",
                "title": "My V60 recipe",
                "body": "15 g coffee, 250 g water.",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        post_id = int(r.headers["location"].rsplit("/", 1)[1])
        row = fresh.sql("SELECT score, kind, author_id FROM posts WHERE id = ?", [post_id])[0]
        assert row["score"] == 1 and row["kind"] == "text"
        r = _post(
            c, f"/posts/{post_id}/comments", {"body": "Grind medium-fine."}, follow_redirects=False
        )
        assert r.status_code == 303 and "#comment-" in r.headers["location"]
        parent = int(r.headers["location"].rsplit("-", 1)[1])
    with _client(fresh, "anna.brown") as c:
        r = _post(
            c,
            f"/posts/{post_id}/comments",
            {"body": "Try 1:16!", "parent_id": parent},
            follow_redirects=False,
        )
        assert r.status_code == 303
        reply = fresh.sql("SELECT depth, parent_id FROM comments WHERE body = 'Try 1:16!'")[0]
        assert reply == {"depth": 1, "parent_id": parent}
        assert _post(c, f"/posts/{post_id}/vote", {"dir": "up"}).status_code == 303
        assert fresh.sql("SELECT score FROM posts WHERE id = ?", [post_id])[0]["score"] == 2
        _post(c, f"/posts/{post_id}/vote", {"dir": "up"})  # the same vote again takes it back
        assert fresh.sql("SELECT score FROM posts WHERE id = ?", [post_id])[0]["score"] == 1
        _post(c, f"/posts/{post_id}/vote", {"dir": "down"})
        assert fresh.sql("SELECT score FROM posts WHERE id = ?", [post_id])[0]["score"] == 0
        _post(c, f"/comments/{parent}/vote", {"dir": "up"})
        votes = fresh.sql(
            "SELECT count(*) n FROM post_votes v JOIN users u ON u.id = v.user_id "
            "WHERE u.username = 'anna.brown' AND v.post_id = ?",
            [post_id],
        )
        assert votes[0]["n"] == 1
        page = c.get(f"/posts/{post_id}").text
        assert 'aria-pressed="true"' in page and "Try 1:16!" in page
    with _client(fresh, MEMBER) as c:
        karma_after = int(re.search(r'id="karma-total">(-?\d+)<', c.get(f"/u/{MEMBER}").text)[1])
        # own post at 0 (self +1, anna -1) and own comment at 2 (self +1, anna +1)
        assert karma_after == karma_before + 0 + 2


def test_join_leave_and_home_feed(fresh: SiteInstance) -> None:
    with _client(fresh, MEMBER) as c:
        joined = lambda: fresh.sql(  # noqa: E731
            "SELECT count(*) n FROM subscriptions s JOIN users u ON u.id = s.user_id "
            "JOIN communities c ON c.id = s.community_id "
            "WHERE u.username = ? AND c.name = 'sourdough'",
            [MEMBER],
        )[0]["n"]
        was = joined()
        _post(c, "/c/sourdough/leave" if was else "/c/sourdough/join", {})
        assert joined() == 1 - was
        _post(c, "/c/sourdough/join", {})
        assert joined() == 1
        assert "c/sourdough" in c.get("/c?mine=1").text


def test_moderation_remove_lock_ban_and_mod_log(fresh: SiteInstance) -> None:
    pid = _post_id(fresh, "Logitech MX Master 3S (MS-101) vs Lift%")
    with _client(fresh, MEMBER) as c:  # not a moderator
        assert _post(c, f"/posts/{pid}/moderate", {"action": "remove"}).status_code == 403
        assert c.get("/c/northwind/mod").status_code == 403
    with _client(fresh, MOD) as c:
        _post(c, f"/posts/{pid}/moderate", {"action": "lock", "reason": "Answered"})
        assert fresh.sql("SELECT is_locked FROM posts WHERE id = ?", [pid])[0]["is_locked"] == 1
        r = _post(
            c,
            "/c/northwind/bans",
            {"username": "joseph.baird", "reason": "Rule 1", "days": "7"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        r = _post(c, "/c/northwind/bans", {"username": "nobody.here", "reason": "x"})
        assert r.status_code == 400 and "There is no member called u/nobody.here" in r.text
        r = _post(c, "/c/northwind/bans", {"username": "christina.ponce", "reason": "x"})
        assert r.status_code == 400 and "is a moderator" in r.text
        cid = fresh.sql("SELECT id FROM comments WHERE post_id = ? ORDER BY id LIMIT 1", [pid])
        _post(c, f"/comments/{cid[0]['id']}/moderate", {"action": "remove", "reason": "Rule 1"})
        log = c.get("/c/northwind/modlog").text
        assert "locked thread" in log and "banned user" in log and "removed comment" in log
    with _client(fresh, MEMBER) as c:  # locked: no new comments
        r = _post(c, f"/posts/{pid}/comments", {"body": "Me too"})
        assert r.status_code == 400 and "This thread is locked" in r.text
        assert "[removed by moderator]" in c.get(f"/posts/{pid}").text
    with _client(fresh, "joseph.baird") as c:  # banned for 7 days
        other = _post_id(fresh, "Anker 735 Charger (AC-101) gets very hot%")
        r = _post(c, f"/posts/{other}/comments", {"body": "hello"})
        assert r.status_code == 400 and "You are banned from c/northwind" in r.text
        assert _post(c, f"/posts/{other}/vote", {"dir": "up"}).status_code == 403
        assert _post(c, "/submit", {"community": "northwind", "title": "x"}).status_code == 400
    with _client(fresh, MOD) as c:
        ban = fresh.sql(
            "SELECT b.id FROM bans b JOIN users u ON u.id = b.user_id "
            "WHERE u.username = 'joseph.baird'"
        )[0]["id"]
        _post(c, f"/c/northwind/bans/{ban}/lift", {})
        _post(c, f"/posts/{pid}/moderate", {"action": "remove", "reason": "Rule 3"})
    with _client(fresh, None) as c:
        assert "This post was removed by the moderators" in c.get(f"/posts/{pid}").text
        assert f'href="/posts/{pid}"' not in c.get("/c/northwind?sort=new").text


def test_bad_input(fresh: SiteInstance) -> None:
    with _client(fresh, MEMBER) as c:
        r = _post(c, "/submit", {"community": "", "kind": "text", "title": ""})
        assert r.status_code == 400 and "Choose a community." in r.text
        assert "Title is required." in r.text
        r = _post(c, "/submit", {"community": "announcements", "title": "Hi"})
        assert r.status_code == 400 and "Only moderators can post in c/announcements" in r.text
        r = _post(
            c,
            "/submit",
            {"community": "coffee", "kind": "link", "title": "x", "url": "javascript:alert(1)"},
        )
        assert r.status_code == 400 and "starting with http:// or https://" in r.text
        r = _post(c, "/submit", {"community": "coffee", "kind": "text", "title": "x" * 301})
        assert r.status_code == 400 and "at most 300 characters" in r.text
        r = c.post(
            "/submit",
            data={"community": "coffee", "kind": "image", "title": "pic", "csrf_token": _csrf(c)},
            files={"image": ("x.svg", b"<svg onload='alert(1)'/>", "image/svg+xml")},
        )
        assert r.status_code == 400 and "Only PNG, JPEG, GIF and WebP" in r.text
        r = _post(c, "/posts/1/vote", {"dir": "sideways"})
        assert r.status_code == 400
        r = _post(c, "/posts/1/comments", {"body": "   "})
        assert r.status_code == 400 and "Comment is required." in r.text
        r = _post(c, "/posts/1/comments", {"body": "x", "parent_id": "999999"})
        assert r.status_code == 400 and "does not exist in this thread" in r.text
        assert c.post("/posts/1/vote", data={"dir": "up"}).status_code == 403  # no CSRF
        assert c.get("/posts/999999").status_code == 404
        assert c.get("/posts/abc").status_code in (400, 404, 422)
        assert c.get("/c/no-such-place").status_code == 404
        assert c.get("/u/no.one").status_code == 404
        assert c.get("/images/999999").status_code == 404
        other = fresh.sql(
            "SELECT id FROM posts WHERE author_id != "
            "(SELECT id FROM users WHERE username = ?) LIMIT 1",
            [MEMBER],
        )[0]["id"]
        assert _post(c, f"/posts/{other}/delete", {}).status_code == 403
        assert c.get(f"/posts/{other}/edit").status_code == 403
    assert fresh.sql("SELECT count(*) n FROM posts WHERE title IN ('x', 'pic', 'Hi')")[0]["n"] == 0
    with _client(fresh, None) as c:
        r = c.post(
            "/submit", data={"title": "x", "csrf_token": _csrf(c, "/login")}, follow_redirects=False
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_image_upload_is_served_with_safe_headers(fresh: SiteInstance) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
        b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe"
        b"\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    with _client(fresh, MEMBER) as c:
        r = c.post(
            "/submit",
            data={"community": "dogs", "kind": "image", "title": "Our pup", "csrf_token": _csrf(c)},
            files={"image": ("pup.png", png, "image/png")},
            follow_redirects=False,
        )
        assert r.status_code == 303
        image_id = fresh.sql("SELECT image_id FROM posts WHERE title = 'Our pup'")[0]["image_id"]
        img = c.get(f"/images/{image_id}")
        assert img.content == png and img.headers["content-type"] == "image/png"
        assert img.headers["x-content-type-options"] == "nosniff"
        seeded = c.get("/images/1")
        assert seeded.headers["content-type"] == "image/svg+xml"
        assert "sandbox" in seeded.headers["content-security-policy"]


def test_control_api_needs_its_token(site: SiteInstance) -> None:
    with httpx.Client(base_url=site.url, trust_env=False) as c:
        assert c.get("/_env/health").status_code == 401
        r = c.post("/_env/sql", json={"query": "SELECT 1"}, headers={"X-Guigym-Token": "nope"})
        assert r.status_code == 401
        ok = c.post(
            "/_env/sql",
            json={"query": "SELECT count(*) n FROM communities"},
            headers={"X-Guigym-Token": site.token},
        )
        assert ok.status_code == 200 and ok.json()["rows"][0][0] >= 20
        r = c.post(
            "/_env/sql", json={"query": "DELETE FROM posts"}, headers={"X-Guigym-Token": site.token}
        )
        assert r.status_code == 400
        r = c.post(
            "/_env/exec",
            json={"statement": "DROP TABLE posts"},
            headers={"X-Guigym-Token": site.token},
        )
        assert r.status_code == 400
    assert site.health()["site"] == "forum"


def test_snapshot_restore_is_exact_and_instances_are_isolated(fresh: SiteInstance) -> None:
    dump = "SELECT id, score, comment_count, is_locked FROM posts ORDER BY id"
    before = fresh.sql(dump)
    fresh.snapshot("clean")
    pid = _post_id(fresh, "Welcome to Threadline%")
    with _client(fresh, MEMBER) as c:
        _post(c, f"/posts/{pid}/vote", {"dir": "down"})
        _post(c, f"/posts/{pid}/comments", {"body": "Changed state"})
    assert fresh.sql(dump) != before
    with start_site("forum") as other:
        assert other.sql(dump) == before  # a second instance never sees the first one's writes
        assert (
            other.sql("SELECT count(*) n FROM comments WHERE body = 'Changed state'")[0]["n"] == 0
        )
    fresh.restore("clean")
    assert fresh.sql(dump) == before
    assert fresh.sql("SELECT count(*) n FROM comments WHERE body = 'Changed state'")[0]["n"] == 0
    assert (
        fresh.sql(
            "SELECT count(*) n FROM post_votes WHERE post_id = ? AND value = -1 AND "
            "user_id = (SELECT id FROM users WHERE username = ?)",
            [pid, MEMBER],
        )[0]["n"]
        == 0
    )


def test_a_task_can_plant_a_post_and_a_comment_with_plain_sql(fresh: SiteInstance) -> None:
    n = fresh.exec(
        "INSERT INTO posts (community_id, author_id, title, body, created_at) VALUES ("
        "(SELECT id FROM communities WHERE name = 'northwind'), "
        "(SELECT id FROM users WHERE username = 'becky.gill'), "
        "'Planted: is the KB-107 back in stock?', 'Asking for a friend.', '2026-05-15 09:00:00')"
    )
    assert n == 1
    pid = _post_id(fresh, "Planted:%")
    fresh.exec(
        "INSERT INTO comments (post_id, author_id, body, created_at) VALUES (?, "
        "(SELECT id FROM users WHERE username = 'amber.holden'), 'Yes, since Monday.', "
        "'2026-05-15 09:30:00')",
        [pid],
    )
    with _client(fresh, None) as c:
        assert "Planted: is the KB-107 back in stock?" in c.get("/c/northwind?sort=new").text
        page = c.get(f"/posts/{pid}").text
        assert "Yes, since Monday." in page and "Asking for a friend." in page
