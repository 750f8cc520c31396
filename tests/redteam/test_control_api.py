"""Red team, control API: ``/_env/sql`` and ``/_env/exec`` are bounded and ``exec`` is DML only.

The exploit: a cross join sent to ``/_env/exec`` as ``WITH x AS (SELECT 1) SELECT ...`` ran
without end while holding ``BEGIN IMMEDIATE``, so every write to that site failed with
``database is locked``. Here, on a real shop process with its real seeded SQLite: non-DML is
refused with a clear message; a runaway statement is stopped at the time limit and rolled back,
and a write sent while it runs still succeeds; oversized results are refused, not truncated.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from guigym.images.sites.instance import ControlError, SiteInstance, start_site
from guigym.images.sites.kit.sqlguard import MAX_BYTES, MAX_ROWS, TIME_LIMIT_S

pytestmark = [pytest.mark.slow]

# products^4: billions of rows, each compared; never finishes within a test
CROSS = "products a, products b, products c, products d WHERE a.id + b.id + c.id + d.id < 0"


@pytest.fixture(scope="module")
def shop() -> Iterator[SiteInstance]:
    with start_site("shop") as site:
        yield site


@pytest.fixture(autouse=True)
def _fresh(shop: SiteInstance) -> None:
    shop.reset()


def _refused(call, *args) -> str:
    with pytest.raises(ControlError) as info:
        call(*args)
    assert info.value.status == 400
    return str(info.value)


@pytest.mark.parametrize(
    "statement",
    [
        f"WITH x AS (SELECT 1) SELECT count(*) FROM {CROSS}",
        "SELECT 1",
        "  /* c */ select * from products",
        "PRAGMA journal_mode=DELETE",
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "CREATE TABLE t (a)",
        "DROP TABLE products",
        "WITH x AS (SELECT 1) DELETE FROM products WHERE id IN (SELECT * FROM x)",
        "BEGIN",
        "",
    ],
)
def test_exec_refuses_everything_but_dml(shop: SiteInstance, statement: str) -> None:
    started = time.monotonic()
    message = _refused(shop.exec, statement)
    assert "exec accepts one INSERT, UPDATE, DELETE or REPLACE statement" in message
    assert time.monotonic() - started < 1.0  # refused before it runs


def test_exec_still_runs_the_dml_setup_uses(shop: SiteInstance) -> None:
    sku = shop.sql("SELECT sku FROM products ORDER BY id LIMIT 1")[0]["sku"]
    assert shop.exec("UPDATE products SET stock = 3 WHERE sku = :s", {"s": sku}) == 1
    assert shop.sql("SELECT stock FROM products WHERE sku = :s", {"s": sku}) == [{"stock": 3}]
    assert shop.exec("REPLACE INTO products SELECT * FROM products WHERE sku = :s", {"s": sku}) == 1


def test_a_runaway_exec_is_stopped_rolled_back_and_the_site_stays_writable(
    shop: SiteInstance,
) -> None:
    before = shop.sql("SELECT sum(stock) AS s FROM products")[0]["s"]
    runaway = f"UPDATE products SET stock = 0 WHERE id IN (SELECT a.id FROM {CROSS})"
    outcome: dict[str, object] = {}

    def run() -> None:
        started = time.monotonic()
        try:
            shop.exec(runaway)
        except ControlError as exc:
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)  # the runaway must hold the write lock when the write below starts
    # a write while the runaway holds BEGIN IMMEDIATE: it waits (busy timeout), then succeeds
    assert shop.exec("UPDATE products SET stock = stock + 1 WHERE id = 1") == 1
    thread.join(30)
    assert not thread.is_alive()
    error = outcome["error"]
    assert isinstance(error, ControlError) and error.status == 400
    assert f"ran longer than the {TIME_LIMIT_S:g} s limit" in str(error)
    assert outcome["seconds"] < TIME_LIMIT_S + 3
    # rolled back: only the one-unit write is there
    assert shop.sql("SELECT sum(stock) AS s FROM products")[0]["s"] == before + 1
    assert shop.exec("UPDATE products SET stock = stock - 1 WHERE id = 1") == 1


def test_a_runaway_query_is_stopped(shop: SiteInstance) -> None:
    started = time.monotonic()
    message = _refused(shop.sql, f"SELECT count(*) FROM {CROSS}")
    assert f"ran longer than the {TIME_LIMIT_S:g} s limit" in message
    assert time.monotonic() - started < TIME_LIMIT_S + 3
    assert shop.exec("UPDATE products SET stock = stock WHERE id = 1") == 1


def test_oversized_results_are_refused_not_truncated(shop: SiteInstance) -> None:
    many = f"SELECT a.id FROM products a, products b, products c LIMIT {MAX_ROWS + 1}"
    assert "query result too large" in _refused(shop.sql, many)
    big = f"SELECT printf('%.*c', {MAX_BYTES // 8}, 'x') AS blob FROM products LIMIT 9"
    assert "query result too large" in _refused(shop.sql, big)
    rows = shop.sql(many.replace(f"LIMIT {MAX_ROWS + 1}", f"LIMIT {MAX_ROWS}"))
    assert len(rows) == MAX_ROWS  # the cap itself is allowed
