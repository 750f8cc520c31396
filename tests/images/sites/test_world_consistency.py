"""Facts several sites state agree, read through each site's control SQL (seed 0).

- Staff job titles: one source (``kit.world.staff_roles``); the mail signatures, the wiki's
  and the code tracker's ``users.job_title`` all show it.
- Order, purchase-order and return numbers that code issues, forum posts and wiki pages
  mention are rows of the shop (no invented ``NE-`` numbers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.world import staff_roles

SITES = ("shop", "mail", "wiki", "code", "forum")
NUMBER = re.compile(r"\b(?:SO-\d{5}|PO-\d{4}|RMA-\d{4})\b")
INVENTED = re.compile(r"\bNE-\d+")


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, SiteInstance]]:
    started: dict[str, SiteInstance] = {}
    try:
        for name in SITES:
            started[name] = start_site(name, seed=0)
        yield started
    finally:
        for site in started.values():
            site.stop()


def _texts(site: SiteInstance, query: str) -> list[str]:
    return [" ".join(str(v or "") for v in row.values()) for row in site.sql(query)]


def test_staff_job_titles_agree_across_mail_wiki_and_code(sites: dict[str, SiteInstance]) -> None:
    expected = {r.username: r.title for r in staff_roles(0)}
    assert expected["amber.holden"] == "Store Manager"
    q = "SELECT username, job_title FROM users WHERE role = 'staff' ORDER BY username"
    for name in ("wiki", "code"):
        got = {r["username"]: r["job_title"] for r in sites[name].sql(q)}
        assert got == expected, name
    rows = sites["mail"].sql("SELECT username, signature FROM users WHERE role = 'staff'")
    mail = {r["username"]: r["signature"].splitlines()[1].rsplit(", ", 1)[0] for r in rows}
    assert mail == expected


def test_numbers_mentioned_on_other_sites_exist_in_the_shop(
    sites: dict[str, SiteInstance],
) -> None:
    shop = sites["shop"]
    known = {r["number"] for r in shop.sql("SELECT number FROM orders")}
    known |= {r["po_number"] for r in shop.sql("SELECT po_number FROM purchase_orders")}
    known |= {r["number"] for r in shop.sql("SELECT number FROM returns")}
    sources = {
        "code issues": ("code", "SELECT title, description FROM issues"),
        "code comments": ("code", "SELECT body FROM notes"),
        "code merge requests": ("code", "SELECT title, description FROM merge_requests"),
        "forum posts": ("forum", "SELECT title, body FROM posts"),
        "forum comments": ("forum", "SELECT body FROM comments"),
        "wiki pages": ("wiki", "SELECT title, body FROM pages"),
        "wiki revisions": ("wiki", "SELECT title, body FROM revisions"),
    }
    seen: dict[str, set[str]] = {}
    for label, (name, query) in sources.items():
        texts = _texts(sites[name], query)
        assert not [t for t in texts if INVENTED.search(t)], f"invented order number in {label}"
        mentioned = {n for t in texts for n in NUMBER.findall(t)}
        assert mentioned <= known, f"{label}: {sorted(mentioned - known)}"
        seen[label] = mentioned
    # the code tracker's order issues and the forum's PO post really name shop rows
    assert any(n.startswith("SO-") for n in seen["code issues"])
    assert any(n.startswith("PO-") for n in seen["forum posts"])
