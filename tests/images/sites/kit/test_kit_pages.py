"""The kit's pages in-process: login, CSRF, guards, errors, limits, pagination, Host header."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from guigym.images.sites.kit import SiteSettings, build_database, create_app

TOKEN = "test-token-not-in-pages"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kit_toy.site import SITE

    path = tmp_path_factory.mktemp("toy") / "seed.db"
    build_database(SITE, path, seed=0)
    return path


@pytest.fixture()
def client(seeded: Path, tmp_path: Path) -> TestClient:
    from kit_toy.site import SITE

    db = tmp_path / "site.db"
    shutil.copyfile(seeded, db)
    settings = SiteSettings(db_path=db, seed_db_path=seeded, token=TOKEN, secret="s3cret")
    app = create_app(SITE, settings)
    return TestClient(app, base_url="http://toy.test", raise_server_exceptions=False)


def _csrf(client: TestClient, path: str = "/login") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, "page has no CSRF field"
    return match.group(1)


def _login(client: TestClient, username: str, password: str) -> None:
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": _csrf(client)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def test_home_renders_with_host_header_and_relative_links(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Toy Notes" in r.text and "/static/kit/kit.css" in r.text
    assert "127.0.0.1" not in r.text and "http://" not in r.text.replace("http://www.w3", "")
    assert TOKEN not in r.text


def test_wrong_password_shows_an_error_and_keeps_username(client: TestClient) -> None:
    token = _csrf(client)
    r = client.post(
        "/login", data={"username": "becky.gill", "password": "nope", "csrf_token": token}
    )
    assert r.status_code == 400
    assert "Wrong username or password." in r.text
    assert 'value="becky.gill"' in r.text
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_login_by_email_then_logout(client: TestClient) -> None:
    _login(client, "becky.gill@mail.test", "pass-becky.gill")
    r = client.get("/account")
    assert r.status_code == 200 and "Signed in as becky.gill" in r.text
    assert "Welcome back" in r.text  # the flash, shown once
    assert "Welcome back" not in client.get("/account").text
    client.get("/logout")
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_login_redirects_to_local_next_only(client: TestClient) -> None:
    token = _csrf(client)
    for nxt, expected in (("/account", "/account"), ("//evil.test/x", "/"), ("http://e.test", "/")):
        r = client.post(
            "/login",
            data={
                "username": "admin",
                "password": "admin-pass",
                "next": nxt,
                "csrf_token": token,
            },
            follow_redirects=False,
        )
        assert r.headers["location"] == expected
        token = _csrf(client, "/account")


def test_require_user_redirects_with_next(client: TestClient) -> None:
    r = client.get("/account", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/account"


def test_require_admin_is_403_for_a_customer(client: TestClient) -> None:
    _login(client, "becky.gill", "pass-becky.gill")
    r = client.get("/admin")
    assert r.status_code == 403 and "Access denied" in r.text
    client.get("/logout")
    _login(client, "admin", "admin-pass")
    assert client.get("/admin").status_code == 200


def test_csrf_rejects_a_post_without_or_with_a_wrong_token(client: TestClient) -> None:
    _login(client, "admin", "admin-pass")
    assert client.post("/notes", data={"title": "x"}).status_code == 403
    r = client.post("/notes", data={"title": "x", "csrf_token": "forged"})
    assert r.status_code == 403 and "expired" in r.text
    token = _csrf(client, "/account")
    r = client.post("/notes", data={"title": "Fresh", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "Fresh" in client.get("/").text


def test_oversized_input_is_refused_cleanly(client: TestClient) -> None:
    token = _csrf(client)
    r = client.post("/login", data={"username": "a" * 300, "password": "x", "csrf_token": token})
    assert r.status_code == 400 and "at most 254 characters" in r.text
    big = {"username": "a", "password": "b" * (70 * 1024), "csrf_token": token}  # limit 64 KB
    r = client.post("/login", data=big)
    assert r.status_code == 413 and "too large" in r.text
    assert client.get("/").status_code == 200  # nothing broken


def test_error_pages(client: TestClient) -> None:
    r = client.get("/notes/99999")
    assert r.status_code == 404 and "There is no note #99999." in r.text and "<html" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Page not found" in r.text
    r = client.get("/notes/abc")
    assert r.status_code == 400 and "Please check your input" in r.text
    r = client.get("/boom")
    assert r.status_code == 500 and "Something went wrong" in r.text and "boom" not in r.text


def test_pagination_clamps_bad_pages(client: TestClient) -> None:
    first = client.get("/?page=1").text
    assert "Showing 1–10 of 45" in first and 'href="/?page=2"' in first
    assert "Showing 41–45 of 45" in client.get("/?page=999").text
    assert "Showing 1–10 of 45" in client.get("/?page=abc").text


def test_static_and_favicon(client: TestClient) -> None:
    assert client.get("/static/kit/kit.css").status_code == 200
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg")


def test_control_api_needs_the_token(client: TestClient) -> None:
    assert client.get("/_env/health").status_code == 401
    assert client.get("/_env/health", headers={"X-Guigym-Token": "wrong"}).status_code == 401
    assert client.post("/_env/reset").status_code == 401
    r = client.get("/_env/health", headers={"X-Guigym-Token": TOKEN})
    assert r.json() == {"site": "toy", "ok": True, "now": "2026-05-15T10:00:00", "seed": 0}


def test_control_login_cookie_logs_in(client: TestClient) -> None:
    r = client.post(
        "/_env/login", json={"username": "becky.gill"}, headers={"X-Guigym-Token": TOKEN}
    )
    cookie = r.json()["cookie"]
    assert cookie["name"] == "toy_session"
    client.cookies.set(cookie["name"], cookie["value"])
    assert "Signed in as becky.gill" in client.get("/account").text
    r = client.post("/_env/login", json={"username": "nobody"}, headers={"X-Guigym-Token": TOKEN})
    assert r.status_code == 404


def test_clock_drives_now(client: TestClient) -> None:
    headers = {"X-Guigym-Token": TOKEN}
    r = client.post("/_env/clock", json={"now": "2026-06-01T08:30:00Z"}, headers=headers)
    assert r.json() == {"now": "2026-06-01T08:30:00"}
    assert client.get("/_env/health", headers=headers).json()["now"] == "2026-06-01T08:30:00"
    assert client.post("/_env/clock", json={"now": "soon"}, headers=headers).status_code == 400


def test_pages_read_the_instance_clock(client: TestClient) -> None:
    assert "hours ago" in client.get("/").text  # notes seeded hours before 2026-05-15 10:00
    headers = {"X-Guigym-Token": TOKEN}
    client.post("/_env/clock", json={"now": "2026-07-01T00:00:00"}, headers=headers)
    page = client.get("/").text
    assert "hours ago" not in page and "May 15, 2026" in page
