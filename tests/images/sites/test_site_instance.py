"""Real site processes over real HTTP: control API, snapshots, isolation, restart, crawl."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from guigym.images.sites import load_site_spec
from guigym.images.sites.instance import ControlError, SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

from guigym.errors import ConfigError, ServiceError


@pytest.fixture(scope="module")
def site(toy_entry: str) -> Iterator[SiteInstance]:
    with start_site("toy", entry=toy_entry) as instance:
        yield instance


@pytest.fixture(autouse=True)
def _fresh(request: pytest.FixtureRequest) -> None:
    if "site" in request.fixturenames:
        request.getfixturevalue("site").reset()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_instance_describes_itself(site: SiteInstance) -> None:
    assert site.url == f"http://127.0.0.1:{site.port}"
    assert site.host == "toy.test" and site.public_url == "http://toy.test"
    assert site.logins == {"user": "becky.gill", "admin": "admin"}
    assert site.passwords == {"becky.gill": "pass-becky.gill", "admin": "admin-pass"}
    assert site.alive() and site.db_path.exists()
    assert site.health() == {"site": "toy", "ok": True, "now": "2026-05-15T10:00:00", "seed": 0}


def test_control_api_refuses_calls_without_the_token(site: SiteInstance) -> None:
    for method, path in [("GET", "/_env/health"), ("POST", "/_env/reset"), ("POST", "/_env/sql")]:
        r = httpx.request(method, site.url + path, trust_env=False)
        assert r.status_code == 401
        r = httpx.request(method, site.url + path, headers={"X-Guigym-Token": "x"}, trust_env=False)
        assert r.status_code == 401


def test_snapshot_change_restore_is_exact(site: SiteInstance) -> None:
    before = _dump(site.db_path)
    site.snapshot("before")
    assert site.exec("DELETE FROM notes WHERE id % 2 = 0") > 0
    assert site.exec("UPDATE notes SET title = 'changed' WHERE id = 1") == 1
    assert _dump(site.db_path) != before
    site.restore("before")
    assert _dump(site.db_path) == before
    with pytest.raises(ControlError) as err:
        site.restore("never-taken")
    assert err.value.status == 404


def test_reset_returns_to_the_seeded_state(site: SiteInstance) -> None:
    seeded = _dump(site.db_path)
    site.exec(
        "INSERT INTO notes (owner_id, title, body, created_at) VALUES (1, 't', '', ?)",
        ["2026-05-15 10:00:00"],
    )
    assert site.sql("SELECT count(*) AS n FROM notes") == [{"n": 46}]
    site.reset()
    assert _dump(site.db_path) == seeded


def test_sql_refuses_writes_and_exec_refuses_ddl(site: SiteInstance) -> None:
    for query in ("DELETE FROM notes", "DROP TABLE notes", "PRAGMA query_only=0"):
        with pytest.raises(ControlError) as err:
            site.sql(query)
        assert err.value.status == 400
    for statement in (
        "DROP TABLE notes",
        "CREATE TABLE x (a)",
        "ATTACH DATABASE ':memory:' AS o",
        "PRAGMA foreign_keys=OFF",
        "DELETE FROM users",  # not in the toy's exec_tables
    ):
        with pytest.raises(ControlError) as err:
            site.exec(statement)
        assert err.value.status == 400
    assert site.sql("SELECT count(*) AS n FROM notes") == [{"n": 45}]


def test_login_cookie_and_get_as_user(site: SiteInstance) -> None:
    cookie = site.login_cookie("becky.gill")
    assert cookie["domain"] == "toy.test" and cookie["name"] == "toy_session"
    r = site.get("/account", user="becky.gill")
    assert r.status_code == 200 and "Signed in as becky.gill" in r.text
    assert site.get("/account").status_code == 303
    with pytest.raises(ControlError):
        site.login_cookie("nobody")


def test_every_page_renders_and_never_shows_the_token(site: SiteInstance) -> None:
    anonymous = crawl(site.url, host=site.host)
    cookie = site.session_cookie("admin")
    logged_in = crawl(site.url, {cookie["name"]: cookie["value"]})
    assert not failures(anonymous) and not failures(logged_in)
    assert len(anonymous) >= 5 and any("/account" in url for url, _ in logged_in)
    assert not any("/logout" in url or "/_env" in url for url, _ in anonymous + logged_in)
    for url, _status in logged_in:
        assert site.token not in site.get(url.replace(site.url, ""), user="admin").text


def test_two_instances_are_isolated(site: SiteInstance, toy_entry: str) -> None:
    with start_site("toy", entry=toy_entry) as other:
        assert other.port != site.port and other.token != site.token
        assert other.db_path != site.db_path
        other.exec("DELETE FROM notes")
        assert other.sql("SELECT count(*) AS n FROM notes") == [{"n": 0}]
        assert site.sql("SELECT count(*) AS n FROM notes") == [{"n": 45}]
        r = httpx.get(
            other.url + "/_env/health", headers={"X-Guigym-Token": site.token}, trust_env=False
        )
        assert r.status_code == 401
        # a session cookie of one instance is worthless on the other (different secrets)
        cookie = site.session_cookie("admin")
        r = httpx.get(
            other.url + "/account",
            headers={"Cookie": f"{cookie['name']}={cookie['value']}"},
            trust_env=False,
        )
        assert r.status_code == 303


def test_restart_keeps_port_and_data_and_stop_frees_everything(toy_entry: str) -> None:
    instance = start_site("toy", entry=toy_entry, now="2026-01-02T03:04:05")
    port, workdir = instance.port, instance.workdir
    try:
        assert instance.health()["now"] == "2026-01-02T03:04:05"
        instance.exec("DELETE FROM notes WHERE id > 40")
        instance.snapshot("s1")
        first_pid = instance.pid
        instance.restart()
        assert instance.port == port and instance.pid != first_pid and instance.alive()
        assert instance.sql("SELECT count(*) AS n FROM notes") == [{"n": 40}]
        instance.reset()
        instance.restore("s1")  # snapshots survive a restart
        assert instance.sql("SELECT count(*) AS n FROM notes") == [{"n": 40}]
    finally:
        instance.stop()
    assert not instance.alive() and not workdir.exists() and _port_free(port)
    instance.stop()  # idempotent
    with pytest.raises(ServiceError):
        instance.health()


def test_fixed_port_in_use_is_a_clear_error(site: SiteInstance, toy_entry: str) -> None:
    with pytest.raises(ServiceError, match="cannot bind"):
        start_site("toy", entry=toy_entry, port=site.port)


def test_unknown_and_unbuilt_sites_are_clear_errors() -> None:
    with pytest.raises(ConfigError, match="did you mean 'shop'"):
        start_site("shopp")
    with pytest.raises(ServiceError, match="cannot import"):
        from guigym.images.sites import load_entry

        load_entry("guigym.images.sites.nosuchsite.site:SITE", "nosuchsite")
    with pytest.raises(ConfigError):
        load_site_spec("nope")


def test_a_new_instance_in_a_used_workdir_starts_from_the_seed(toy_entry: str, tmp_path) -> None:
    with start_site("toy", entry=toy_entry, workdir=tmp_path) as first:
        first.exec("DELETE FROM notes")
    assert (tmp_path / "site.db").exists()  # a caller's workdir is kept
    with start_site("toy", entry=toy_entry, workdir=tmp_path) as second:
        assert second.sql("SELECT count(*) AS n FROM notes") == [{"n": 45}]
