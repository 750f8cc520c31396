"""Error pages keep the site's layout and the signed-in user even after a route raised."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from fastapi import APIRouter, HTTPException
from fastapi.testclient import TestClient
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    SiteSettings,
    build_database,
    create_app,
)

_router = APIRouter()


@_router.get("/kit-test/missing")
def _missing(db: DbSession, user: CurrentUser) -> None:
    """Touches the user in the request's session, then fails (rolls the session back)."""
    assert user is not None and user.display_name
    raise HTTPException(404, "No such thing here.")


@_router.get("/kit-test/crash")
def _crash(db: DbSession, user: CurrentUser) -> None:
    assert user is not None and user.display_name
    raise RuntimeError("boom")


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    from kit_toy.site import SITE

    spec = dataclasses.replace(SITE, routers=[*SITE.routers, _router])
    seeded = tmp_path / "seed.db"
    build_database(spec, seeded, seed=0)
    db = tmp_path / "site.db"
    shutil.copyfile(seeded, db)
    app = create_app(spec, SiteSettings(db_path=db, seed_db_path=seeded, secret="s"))
    return TestClient(app, base_url="http://toy.test", raise_server_exceptions=False)


def _login(client: TestClient) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    r = client.post(
        "/login",
        data={"username": "becky.gill", "password": "pass-becky.gill", "csrf_token": token[1]},
        follow_redirects=False,
    )
    assert r.status_code == 303


@pytest.mark.parametrize(("path", "status"), [("/kit-test/missing", 404), ("/kit-test/crash", 500)])
def test_error_page_for_a_signed_in_user_keeps_layout_and_name(
    client: TestClient, path: str, status: int
) -> None:
    _login(client)
    r = client.get(path)
    assert r.status_code == status
    assert "/static/kit/kit.css" in r.text  # the full kit page, not the bare fallback
    assert "Becky Gill" in r.text and "Sign out" in r.text
    if status == 404:
        assert "No such thing here." in r.text


def test_error_page_for_anonymous_users_offers_sign_in(client: TestClient) -> None:
    r = client.get("/notes/99999")
    assert r.status_code == 404 and "/static/kit/kit.css" in r.text and "Sign in" in r.text
