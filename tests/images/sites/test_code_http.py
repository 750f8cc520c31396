"""The code site over real HTTP against real instances: every page renders, roles are enforced,
merges change files, bad input is refused, snapshots restore exactly, instances are isolated,
and the control API needs its token.

One instance for the module; tests that change data start from the seeded state (``reset``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

PROJECT = "/storefront/web-shop"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    with start_site("code") as instance:
        yield instance


@pytest.fixture()
def fresh(site: SiteInstance) -> SiteInstance:
    site.reset()
    return site


def role_user(site: SiteInstance, role: str, project: str = "web-shop") -> str:
    """A user with exactly ``role`` in ``project`` (roles are shuffled per seed)."""
    rows = site.sql(
        "SELECT u.username FROM members m JOIN users u ON u.id = m.user_id "
        "JOIN projects p ON p.id = m.project_id WHERE p.path = ? AND m.role = ? "
        "ORDER BY u.username LIMIT 1",
        [project, role],
    )
    return rows[0]["username"]


class Client:
    """A person at a browser: the real login form, CSRF tokens taken from the pages."""

    def __init__(self, site: SiteInstance) -> None:
        self.http = httpx.Client(
            base_url=site.url, headers={"Host": "code.test"}, trust_env=False, timeout=30
        )

    def login(self, username: str, password: str | None = None) -> httpx.Response:
        token = self.csrf("/login")
        return self.http.post(
            "/login",
            data={
                "username": username,
                "password": password or f"pass-{username}",
                "csrf_token": token,
            },
        )

    def csrf(self, path: str = "/explore") -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.http.get(path).text)
        if not match:
            match = re.search(r'name="csrf-token" content="([^"]+)"', self.http.get(path).text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.get(path, **kw)

    def post(self, path: str, data: dict | list | None = None, csrf: bool = True) -> httpx.Response:
        items = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf:
            items.append(("csrf_token", self.csrf()))
        form: dict[str, list[str]] = {}
        for key, value in items:
            form.setdefault(key, []).append(value)
        return self.http.post(path, data=form)


@pytest.fixture()
def client(fresh: SiteInstance) -> Iterator[Any]:
    made: list[Client] = []

    def make(username: str | None = None) -> Client:
        c = Client(fresh)
        if username:
            assert c.login(username).status_code == 303
        made.append(c)
        return c

    yield make
    for c in made:
        c.http.close()


def test_every_page_renders_anonymous(site: SiteInstance) -> None:
    pages = crawl(site.url, host="code.test", max_pages=250, per_pattern=2)
    assert len(pages) > 60
    assert not failures(pages)


def test_every_page_renders_signed_in(site: SiteInstance) -> None:
    cookie = site.session_cookie("amber.holden")
    start = [
        "/",
        "/dashboard/issues",
        "/dashboard/merge_requests",
        "/platform/infrastructure",
        f"{PROJECT}/edit",
        f"{PROJECT}/-/issues/new",
        f"{PROJECT}/-/merge_requests/new",
    ]
    pages = crawl(
        site.url,
        {cookie["name"]: cookie["value"]},
        host="code.test",
        start=start,
        max_pages=300,
        per_pattern=2,
    )
    assert len(pages) > 80
    assert not failures(pages)


def test_visibility_public_internal_private(site: SiteInstance) -> None:
    assert site.get(PROJECT).status_code == 200  # public
    anonymous = site.get("/platform/inventory-service")  # internal: sign in first
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/platform/inventory-service"
    assert site.get("/platform/inventory-service", user="becky.gill").status_code == 200
    assert site.get("/platform/infrastructure", user="becky.gill").status_code == 404  # private
    assert (
        site.get(
            "/platform/infrastructure", user=role_user(site, "guest", "infrastructure")
        ).status_code
        == 200
    )
    assert site.get("/platform/infrastructure", user="admin").status_code == 200
    assert "infrastructure" not in site.get("/explore", user="becky.gill").text


def test_readme_is_rendered_and_raw_file_served(site: SiteInstance) -> None:
    page = site.get("/docs/runbooks", user="becky.gill").text
    assert "<h2>Release procedure</h2>" in page
    raw = site.get("/docs/runbooks/-/raw/README.md", user="becky.gill")
    assert (
        raw.headers["content-type"].startswith("text/plain") and "## Release procedure" in raw.text
    )


def test_guest_can_open_issues_but_not_triage_or_branch(client: Any, fresh: SiteInstance) -> None:
    guest = role_user(fresh, "guest")
    c = client(guest)
    r = c.post(
        f"{PROJECT}/-/issues/new",
        {"title": "Cart badge shows 0 after login", "labels": "bug", "assignee": guest},
    )
    assert r.status_code == 303
    row = fresh.sql(
        "SELECT i.id, i.assignee_id FROM issues i JOIN projects p ON p.id = "
        "i.project_id WHERE p.path = 'web-shop' AND i.title = ?",
        ["Cart badge shows 0 after login"],
    )[0]
    assert row["assignee_id"] is None  # triage fields ignored below reporter
    iid = int(r.headers["location"].rsplit("/", 1)[1])
    assert c.post(f"{PROJECT}/-/issues/{iid}/triage", {"labels": "bug"}).status_code == 403
    assert c.post(f"{PROJECT}/-/branches", {"branch_name": "x", "ref": "main"}).status_code == 403
    assert c.get(f"{PROJECT}/-/merge_requests/new").status_code == 403
    assert c.get(f"{PROJECT}/edit").status_code == 403


def test_reporter_triages_developer_cannot_merge_maintainer_merges(
    client: Any, fresh: SiteInstance
) -> None:
    reporter = client(role_user(fresh, "reporter"))
    issue = fresh.sql(
        "SELECT i.iid FROM issues i JOIN projects p ON p.id = i.project_id "
        "WHERE p.path = 'web-shop' AND i.title LIKE 'Product page of KB-104%'"
    )[0]
    dev_name = role_user(fresh, "developer")
    r = reporter.post(
        f"{PROJECT}/-/issues/{issue['iid']}/triage",
        [("labels", "bug"), ("labels", "priority::critical"), ("assignee", dev_name)],
    )
    assert r.status_code == 303
    labels = {
        x["name"]
        for x in fresh.sql(
            "SELECT l.name FROM issue_labels il JOIN labels l ON l.id = il.label_id "
            "JOIN issues i ON i.id = il.issue_id JOIN projects p ON p.id = i.project_id "
            "WHERE p.path = 'web-shop' AND i.iid = ?",
            [issue["iid"]],
        )
    }
    assert labels == {"bug", "priority::critical"}
    assert (
        reporter.post(f"{PROJECT}/-/branches", {"branch_name": "r", "ref": "main"}).status_code
        == 403
    )

    dev = client(dev_name)
    # main is protected: a developer's direct commit is refused with a clear message
    r = dev.post(
        f"{PROJECT}/-/commit_file",
        {"ref": "main", "path": "README.md", "content": "x\n", "message": "m", "target": "current"},
    )
    assert r.status_code == 400 and "protected" in r.text
    r = dev.post(
        f"{PROJECT}/-/commit_file",
        {
            "ref": "main",
            "path": "README.md",
            "original_path": "README.md",
            "content": "# Web Shop\n\nStock is now read live.\n",
            "message": "Explain stock reads",
            "target": "new",
            "new_branch": "docs/stock-live",
            "start_mr": "1",
        },
    )
    assert r.status_code == 303 and "merge_requests/new" in r.headers["location"]
    r = dev.post(
        f"{PROJECT}/-/merge_requests/new",
        {
            "source_branch": "docs/stock-live",
            "target_branch": "main",
            "title": "Explain stock reads",
            "description": f"Closes #{issue['iid']}",
            "reviewer": role_user(fresh, "maintainer"),
        },
    )
    assert r.status_code == 303
    iid = int(r.headers["location"].rsplit("/", 1)[1])
    assert dev.post(f"{PROJECT}/-/merge_requests/{iid}/merge").status_code == 403
    # the author cannot approve their own MR
    dev.post(f"{PROJECT}/-/merge_requests/{iid}/approve")
    assert not fresh.sql(
        "SELECT id FROM approvals a WHERE a.merge_request_id = "
        "(SELECT id FROM merge_requests WHERE iid = ? AND project_id = "
        "(SELECT id FROM projects WHERE path = 'web-shop'))",
        [iid],
    )

    maintainer = client(role_user(fresh, "maintainer"))
    assert maintainer.post(f"{PROJECT}/-/merge_requests/{iid}/approve").status_code == 303
    assert (
        maintainer.post(
            f"{PROJECT}/-/merge_requests/{iid}/merge", {"delete_source_branch": "1"}
        ).status_code
        == 303
    )
    mr = fresh.sql(
        "SELECT state, merged_by_id FROM merge_requests WHERE iid = ? AND project_id ="
        " (SELECT id FROM projects WHERE path = 'web-shop')",
        [iid],
    )[0]
    assert mr["state"] == "merged"
    closed = fresh.sql(
        "SELECT i.state FROM issues i JOIN projects p ON p.id = i.project_id "
        "WHERE p.path = 'web-shop' AND i.iid = ?",
        [issue["iid"]],
    )[0]
    assert closed["state"] == "closed"  # "Closes #N" closed it on merge
    raw = fresh.get(f"{PROJECT}/-/raw/README.md")
    assert raw.text == "# Web Shop\n\nStock is now read live.\n"
    assert not fresh.sql("SELECT id FROM branches WHERE name = 'docs/stock-live'")


def test_seeded_open_mrs_merge_one_after_another(client: Any, fresh: SiteInstance) -> None:
    project = "/platform/inventory-service"
    rows = fresh.sql(
        "SELECT m.iid FROM merge_requests m JOIN projects p ON p.id = m.project_id "
        "WHERE p.path = 'inventory-service' AND m.state = 'opened' AND m.draft = 0 ORDER BY m.iid"
    )
    assert len(rows) >= 2
    owner = client("amber.holden")
    for row in rows:
        assert owner.post(f"{project}/-/merge_requests/{row['iid']}/merge").status_code == 303
    iids = {r["iid"] for r in rows}
    after = fresh.sql(
        "SELECT m.iid, m.state FROM merge_requests m JOIN projects p ON p.id = m.project_id "
        "WHERE p.path = 'inventory-service'"
    )
    states = {r["state"] for r in after if r["iid"] in iids}
    assert states == {"merged"}
    main_py = fresh.get(f"{project}/-/raw/inventory/main.py", user="amber.holden").text
    compile(main_py, "main.py", "exec")


def test_members_and_settings_need_maintainer(client: Any, fresh: SiteInstance) -> None:
    dev = client(role_user(fresh, "developer"))
    assert (
        dev.post(
            f"{PROJECT}/-/project_members", {"username": "becky.gill", "role": "guest"}
        ).status_code
        == 403
    )
    assert (
        dev.post(
            f"{PROJECT}/edit", {"name": "X", "visibility": "public", "default_branch": "main"}
        ).status_code
        == 403
    )
    m = client(role_user(fresh, "maintainer"))
    assert (
        m.post(
            f"{PROJECT}/-/project_members", {"username": "becky.gill", "role": "reporter"}
        ).status_code
        == 303
    )
    r = m.post(f"{PROJECT}/-/project_members", {"username": "becky.gill", "role": "guest"})
    assert r.status_code == 400 and "already a member" in r.text
    r = m.post(f"{PROJECT}/-/project_members", {"username": "shelly.robinson", "role": "owner"})
    assert r.status_code == 400 and "Only owners" in r.text
    r = m.post(
        f"{PROJECT}/edit",
        {
            "name": "Web Shop",
            "description": "Storefront",
            "visibility": "internal",
            "default_branch": "main",
        },
    )
    assert r.status_code == 303
    assert (
        fresh.sql("SELECT visibility FROM projects WHERE path = 'web-shop'")[0]["visibility"]
        == "internal"
    )
    assert m.post(f"{PROJECT}/-/archive").status_code == 403  # owners archive
    owner = client("amber.holden")
    assert owner.post(f"{PROJECT}/-/archive").status_code == 303
    assert m.post(f"{PROJECT}/-/issues/new", {"title": "x"}).status_code == 403  # read-only


def test_bad_input_is_refused_clearly(client: Any, fresh: SiteInstance) -> None:
    c = client("amber.holden")
    r = c.post(f"{PROJECT}/-/issues/new", {"title": "  "})
    assert r.status_code == 400 and "Title is required" in r.text
    r = c.post(f"{PROJECT}/-/issues/new", {"title": "t", "labels": "no-such-label"})
    assert r.status_code == 400 and "Unknown label" in r.text
    r = c.post(f"{PROJECT}/-/branches", {"branch_name": "bad name", "ref": "main"})
    assert r.status_code == 400 and "Branch name" in r.text
    r = c.post(
        f"{PROJECT}/-/commit_file",
        {"ref": "main", "path": "../../etc/passwd", "content": "x", "message": "m", "is_new": "1"},
    )
    assert r.status_code == 400 and "File path" in r.text
    r = c.post(
        f"{PROJECT}/-/merge_requests/new",
        {"source_branch": "main", "target_branch": "main", "title": "t"},
    )
    assert r.status_code == 400 and "must differ" in r.text
    assert c.get(f"{PROJECT}/-/issues/99999").status_code == 404
    assert c.get(f"{PROJECT}/-/issues/abc").status_code == 400
    assert c.get("/nope/nothing").status_code == 404
    assert c.get(f"{PROJECT}/-/issues?page=zzz").status_code == 200
    assert c.get(f"{PROJECT}/-/blob/no/such/file.py").status_code == 404
    assert c.get(f"{PROJECT}/-/tree?ref=no-such-branch").status_code == 404
    r = c.post(f"{PROJECT}/-/issues/new", {"title": "no token"}, csrf=False)
    assert r.status_code == 403
    # raw HTML in Markdown is shown as text
    c.post(f"{PROJECT}/-/issues/new", {"title": "xss", "description": "<script>alert(1)</script>"})
    iid = fresh.sql("SELECT iid FROM issues WHERE title = 'xss'")[0]["iid"]
    page = c.get(f"{PROJECT}/-/issues/{iid}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_anonymous_posts_go_to_login(site: SiteInstance) -> None:
    c = Client(site)
    try:
        r = c.post(f"{PROJECT}/-/issues/new", {"title": "x"})
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
    finally:
        c.http.close()


def _state(site: SiteInstance) -> dict[str, list[dict]]:
    tables = [
        r["name"]
        for r in site.sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {t: site.sql(f'SELECT * FROM "{t}" ORDER BY 1') for t in tables}


def test_snapshot_restore_is_exact(client: Any, fresh: SiteInstance) -> None:
    before = _state(fresh)
    fresh.snapshot("start")
    c = client("amber.holden")
    c.post(f"{PROJECT}/-/issues/new", {"title": "Temporary", "labels": "bug"})
    c.post(f"{PROJECT}/-/branches", {"branch_name": "tmp", "ref": "main"})
    assert _state(fresh) != before
    fresh.restore("start")
    assert _state(fresh) == before


def test_two_instances_are_isolated(client: Any, fresh: SiteInstance) -> None:
    with start_site("code") as other:
        client("amber.holden").post(f"{PROJECT}/-/issues/new", {"title": "Only in one"})
        assert fresh.sql("SELECT id FROM issues WHERE title = 'Only in one'")
        assert not other.sql("SELECT id FROM issues WHERE title = 'Only in one'")
        assert other.token != fresh.token


def test_control_api_needs_the_token(site: SiteInstance) -> None:
    with httpx.Client(base_url=site.url, trust_env=False) as http:
        assert http.get("/_env/health").status_code == 401
        assert http.post("/_env/sql", json={"query": "SELECT 1"}).status_code == 401
        assert http.get("/_env/health", headers={"X-Guigym-Token": "wrong"}).status_code == 401
    assert site.health()["site"] == "code"
    from guigym.images.sites.instance import ControlError

    with pytest.raises(ControlError):
        site.sql("DELETE FROM issues")
    with pytest.raises(ControlError):
        site.exec("DROP TABLE issues")


def test_login_with_passwords(client: Any, fresh: SiteInstance) -> None:
    admin = client()
    assert admin.login("admin", "admin-pass").status_code == 303
    assert "Administrator" in admin.get("/").text
    wrong = client()
    assert wrong.login("amber.holden", "wrong").status_code != 303
    assert "Sign in" in wrong.get("/").text
