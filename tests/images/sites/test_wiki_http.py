"""The wiki over real HTTP against a real instance: every page renders, permissions hold,
editing makes revisions and diffs, restore, attachments, search, control API, snapshot/restore,
isolation and bad input."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

MANAGER = "amber.holden"  # Store Manager: edits CS and HR
BUYER = "darius.young"  # Purchasing Lead: reads CS, edits PUR, cannot edit CS
CUSTOMER = "becky.gill"  # public spaces only
REFUND = "/spaces/CS/pages/refund-policy"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    instance = start_site("wiki")
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
        headers={"Host": "wiki.test"},
        timeout=30,
    )


def _csrf(client: httpx.Client, path: str = "/") -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).text)
    assert match, f"no csrf field on {path}"
    return match[1]


def _post(client: httpx.Client, path: str, data: dict, **kw: object) -> httpx.Response:
    return client.post(path, data={**data, "csrf_token": _csrf(client)}, **kw)


@pytest.mark.parametrize("user", [None, CUSTOMER, MANAGER, "admin"])
def test_every_page_renders(site: SiteInstance, user: str | None) -> None:
    cookies = None
    if user:
        cookie = site.login_cookie(user)
        cookies = {cookie["name"]: cookie["value"]}
    starts = ["/", "/spaces/ONB/pages/using-the-wiki/history", "/spaces/PROD/pages?view=tree"]
    if user in (MANAGER, "admin"):
        starts += ["/spaces/HR", f"{REFUND}/history", "/spaces/CS/new?template=policy"]
    pages = crawl(site.url, cookies, max_pages=160, host="wiki.test", per_pattern=2, start=starts)
    assert len(pages) > 80
    assert failures(pages) == []
    paths = {u.split(site.url, 1)[-1] for u, _ in pages}
    assert any("/history" in p for p in paths) and any("/diff" in p for p in paths)
    if user in (None, CUSTOMER):
        assert not any(p.startswith(("/spaces/HR", "/spaces/CS")) for p in paths)
    else:
        assert any(p.startswith("/spaces/HR") for p in paths)


def test_restricted_space_for_outsiders(site: SiteInstance) -> None:
    with _client(site, None) as anon:
        r = anon.get("/spaces/HR/pages/annual-leave-policy")
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
        assert "HR &amp; Policies" not in anon.get("/").text
        assert "annual-leave" not in anon.get("/search", params={"q": "leave"}).text
    with _client(site, CUSTOMER) as customer:
        for path in (
            "/spaces/HR",
            "/spaces/HR/pages/annual-leave-policy",
            "/spaces/HR/pages/annual-leave-policy/history",
            "/spaces/HR/pages/holiday-rota-does-not-matter",
        ):
            r = customer.get(path)
            assert r.status_code == 403, path
            assert "permission to view the HR &amp; Policies space" in r.text
        assert "Annual Leave" not in customer.get("/search", params={"q": "leave"}).text
        assert "HR &amp; Policies" not in customer.get("/recent").text
        # public pages linking into restricted spaces show plain text, not a link
        checklist = customer.get("/spaces/ONB/pages/first-week-checklist").text
        assert 'href="/spaces/CS/pages/refund-policy"' not in checklist
        assert "wikilink restricted" in checklist
    with _client(site, MANAGER) as manager:
        assert manager.get("/spaces/HR/pages/annual-leave-policy").status_code == 200
        assert "25 days" in manager.get("/spaces/HR/pages/annual-leave-policy").text


def test_edit_rights(fresh: SiteInstance) -> None:
    with _client(fresh, BUYER) as buyer:
        page = buyer.get(REFUND)
        assert page.status_code == 200 and "/edit" not in page.text
        assert buyer.get(REFUND + "/edit").status_code == 403
        r = _post(buyer, REFUND + "/edit", {"title": "Refund Policy", "body": "hacked"})
        assert r.status_code == 403
        assert buyer.get("/spaces/PUR/pages/supplier-reorder-rules/edit").status_code == 200
    with _client(fresh, CUSTOMER) as customer:
        r = _post(customer, "/spaces/ONB/new", {"title": "Mine", "body": "x"})
        assert r.status_code == 403
    assert fresh.sql("SELECT count(*) AS n FROM pages WHERE body = 'hacked'")[0]["n"] == 0


def test_edit_diff_restore(fresh: SiteInstance) -> None:
    with _client(fresh, MANAGER) as c:
        form = c.get(REFUND + "/edit").text
        body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', form, re.S)[1]
        from html import unescape

        body = unescape(body)
        version = int(re.search(r'name="base_version" value="(\d+)"', form)[1])
        new_body = body.replace("**over $500.00**", "**over $750.00**")
        r = _post(
            c,
            REFUND + "/edit",
            {
                "title": "Refund Policy",
                "body": new_body,
                "comment": "Limit to $750",
                "labels": "policy, refunds",
                "base_version": str(version),
            },
        )
        assert r.status_code == 303
        page = c.get(REFUND, follow_redirects=True).text
        assert f"Saved version {version + 1}" in page or "over $750.00" in page
        diff = c.get(REFUND + "/diff", params={"from": version, "to": version + 1}).text
        assert "$750.00" in diff and "$500.00" in diff and 'class="del"' in diff
        unified = c.get(
            REFUND + "/diff", params={"from": version, "to": version + 1, "mode": "unified"}
        ).text
        assert 'class="u-add"' in unified and "+| **over $750.00**" in unified
        # a stale editor gets a clear conflict message, not a silent overwrite
        r = _post(
            c,
            REFUND + "/edit",
            {"title": "Refund Policy", "body": "stale", "base_version": str(version)},
        )
        assert r.status_code == 400 and "Someone else saved" in r.text
        r = _post(c, f"{REFUND}/revisions/{version}/restore", {})
        assert r.status_code == 303
    rows = fresh.sql("SELECT version, body FROM pages WHERE slug = 'refund-policy'")
    assert rows[0]["version"] == version + 2 and "over $500.00" in rows[0]["body"]
    last = fresh.sql(
        "SELECT comment, author_id FROM revisions r JOIN pages p ON p.id = r.page_id"
        " WHERE p.slug = 'refund-policy' ORDER BY number DESC LIMIT 1"
    )[0]
    assert last["comment"] == f"Restored version {version}"


def test_create_from_template_with_links_and_labels(fresh: SiteInstance) -> None:
    with _client(fresh, BUYER) as c:
        form = c.get("/spaces/PUR/new", params={"template": "meeting-notes"}).text
        assert "## Action items" in form and 'value="Meeting 2026-05-15"' in form
        body = "# Notes\n\nSee [[Supplier Reorder Rules]] and [[Nothing Here Yet]].\n"
        r = _post(
            c,
            "/spaces/PUR/new",
            {
                "title": "Restock sync",
                "body": body,
                "labels": "Meeting Notes, restock",
                "parent_id": "",
            },
        )
        assert r.status_code == 303 and r.headers["location"] == "/spaces/PUR/pages/restock-sync"
        page = c.get("/spaces/PUR/pages/restock-sync").text
        assert 'href="/spaces/PUR/pages/supplier-reorder-rules"' in page
        assert 'class="wikilink missing"' in page
        assert 'href="/labels/meeting-notes"' in page and 'href="/labels/restock"' in page
        rules = c.get("/spaces/PUR/pages/supplier-reorder-rules").text
        assert "Restock sync" in rules  # backlink
        assert "Restock sync" in c.get("/watching").text  # authors watch their pages
        # title clash and missing title are form errors
        r = _post(c, "/spaces/PUR/new", {"title": "Restock sync", "body": "x"})
        assert r.status_code == 400 and "already exists" in r.text
        r = _post(c, "/spaces/PUR/new", {"title": "  ", "body": "x"})
        assert r.status_code == 400 and "Title is required" in r.text


def test_attachments_and_search(fresh: SiteInstance) -> None:
    with _client(fresh, MANAGER) as c:
        token = _csrf(c, REFUND)
        r = c.post(
            REFUND + "/attachments",
            data={"csrf_token": token, "comment": "form"},
            files={"file": ("refund-approval-form.txt", b"Approved by: ____\n", "text/plain")},
        )
        assert r.status_code == 303
        page = c.get(REFUND).text
        link = re.search(r'href="(/spaces/CS/pages/refund-policy/attachments/\d+/[^"]+)"', page)[1]
        download = c.get(link)
        assert download.content == b"Approved by: ____\n"
        assert "attachment" in download.headers["content-disposition"]
        found = c.get("/search", params={"q": "refund-approval"}).text
        assert "refund-approval-form.txt" in found
        found = c.get("/search", params={"q": "manager approval", "space": "CS"}).text
        assert 'href="/spaces/CS/pages/refund-policy"' in found
        elsewhere = c.get("/search", params={"q": "manager approval", "space": "PROD"}).text
        assert 'href="/spaces/CS/pages/refund-policy"' not in elsewhere
    with _client(fresh, CUSTOMER) as customer:
        assert customer.get(link).status_code == 403


def test_watch_and_unwatch(fresh: SiteInstance) -> None:
    with _client(fresh, CUSTOMER) as c:
        path = "/spaces/HELP/pages/returns-and-refunds"
        assert _post(c, path + "/watch", {"action": "watch"}).status_code == 303
        assert f'href="{path}"' in c.get("/watching").text
        assert _post(c, path + "/watch", {"action": "unwatch"}).status_code == 303
        assert f'href="{path}"' not in c.get("/watching").text


def test_bad_input(fresh: SiteInstance) -> None:
    with _client(fresh, MANAGER) as c:
        big = "x" * 200_001
        r = _post(c, "/spaces/CS/new", {"title": "Big", "body": big})
        assert r.status_code == 400 and "too long" in r.text
        evil = (
            '<script>alert(1)</script><img src=x onerror="alert(2)">'
            '[click](javascript:alert(3)) <a href="JAVASCRIPT:alert(4)">y</a>'
            "<iframe src='//evil.test'></iframe><div onclick='alert(5)'>d</div>"
        )
        r = _post(c, "/spaces/CS/new", {"title": "<b>Evil</b>", "body": evil})
        assert r.status_code == 303
        html = c.get(r.headers["location"]).text
        article = html.split('id="content">', 1)[1].split("</article>", 1)[0]
        assert "<script" not in article and "onerror" not in article and "onclick" not in article
        assert "javascript:" not in article.lower() and "<iframe" not in article
        assert "&lt;b&gt;Evil&lt;/b&gt;" in html
        # no CSRF token: refused
        r = c.post(REFUND + "/edit", data={"title": "x", "body": "y"})
        assert r.status_code == 403
        assert c.get("/spaces/CS/pages/no-such-page").status_code == 404
        assert c.get("/spaces/NOPE").status_code == 404
        assert c.get(REFUND + "/revisions/999").status_code == 404
        assert c.get(REFUND + "/revisions/abc").status_code == 400
        assert c.get(REFUND + "/diff", params={"from": "x"}).status_code == 400
        assert c.get("/labels/no-such-label").status_code == 404
        assert c.get("/search", params={"q": "%" * 500}).status_code == 200
        assert c.get("/spaces/CS/pages", params={"page": "-4"}).status_code == 200


def test_control_api_needs_the_token(site: SiteInstance) -> None:
    with httpx.Client(base_url=site.url, trust_env=False) as c:
        assert c.get("/_env/health").status_code == 401
        assert c.post("/_env/sql", json={"query": "SELECT 1"}).status_code == 401
        assert c.post("/_env/reset", headers={"X-Guigym-Token": "wrong"}).status_code == 401
    assert site.health()["site"] == "wiki"


def test_snapshot_restore_is_exact(fresh: SiteInstance) -> None:
    def state() -> list[dict]:
        return fresh.sql("SELECT id, version, body, updated_at FROM pages ORDER BY id")

    before = state()
    fresh.snapshot("clean")
    with _client(fresh, MANAGER) as c:
        _post(c, "/spaces/CS/new", {"title": "Temp", "body": "temp"})
    assert len(state()) == len(before) + 1
    fresh.restore("clean")
    assert state() == before
    assert fresh.sql("SELECT count(*) AS n FROM revisions WHERE body = 'temp'")[0]["n"] == 0


def test_instances_are_isolated(site: SiteInstance) -> None:
    site.reset()
    with start_site("wiki") as other:
        assert other.port != site.port and other.db_path != site.db_path
        other.exec("UPDATE pages SET body = 'changed' WHERE slug = 'refund-policy'")
        assert site.sql("SELECT body FROM pages WHERE slug = 'refund-policy'")[0]["body"] != (
            "changed"
        )


@pytest.mark.parametrize(
    ("username", "password"), [("admin", "admin-pass"), (MANAGER, f"pass-{MANAGER}")]
)
def test_documented_logins_work(site: SiteInstance, username: str, password: str) -> None:
    assert username in site.logins.values()
    with _client(site, None) as c:
        r = c.post(
            "/login",
            data={"username": username, "password": "nope", "csrf_token": _csrf(c, "/login")},
        )
        assert r.status_code == 400 and "Wrong username or password" in r.text
        r = c.post(
            "/login",
            data={
                "username": username,
                "password": password,
                "csrf_token": _csrf(c, "/login"),
                "next": "/spaces/HR",
            },
        )
        assert r.status_code == 303 and r.headers["location"] == "/spaces/HR"
        assert c.get("/spaces/HR").status_code == 200
