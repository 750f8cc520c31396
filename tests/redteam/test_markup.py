"""Red team, stored script: no site renders a user's ``javascript:``-like link as a live link.

The exploit: the code site rendered ``[x](JavaScript:alert(1))`` as a live link (its filter only
caught lower case). Every site that shows user text now passes its links through the kit's one
scheme allowlist (``images/sites/kit/markup.py``). Here each real site process renders stored
text holding the payloads below (markdown links, images, reference links, raw addresses, a
forum link post's URL, a mail body), and the served HTML must carry no link or image address
that a browser would run as script or load as data; the http link next to them stays live, so
the test fails if a site stopped rendering links at all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.markup import is_safe_url, safe_url, sanitize_links

pytestmark = [pytest.mark.slow]

PAYLOADS = [
    "JavaScript:alert(1)",
    "jAvAsCrIpT:alert(1)",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "java&#09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "&#106;avascript:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "javascript&colon;alert(1)",
    "//evil.example/x",
]
LIVE = "https://docs.example.org/guide"
_BAD = ("javascript:", "data:", "vbscript:", "//")


class _Links(HTMLParser):
    """Every href/src/action value in a page, decoded as a browser decodes attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction") and value is not None:
                self.urls.append(value)


def _live_bad_urls(page: str) -> list[str]:
    parser = _Links()
    parser.feed(page)
    bad = []
    for url in parser.urls:
        squashed = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()  # what a browser ignores
        if squashed.startswith(_BAD):
            bad.append(url)
    return bad


def _markdown_body() -> str:
    lines = [f"[p{i}]({p}) ![i{i}]({p})" for i, p in enumerate(PAYLOADS)]
    refs = [f"[r{i}][ref{i}]" for i in range(len(PAYLOADS))]
    defs = [f"[ref{i}]: {p}" for i, p in enumerate(PAYLOADS)]
    return "\n\n".join([*lines, " ".join(refs), f"[live]({LIVE})", "\n".join(defs)])


def _plain_body() -> str:
    return "\n\n".join([*PAYLOADS, f"see {LIVE} here"])


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, SiteInstance]]:
    started: dict[str, SiteInstance] = {}
    try:
        for name in ("code", "wiki", "forum", "mail"):
            started[name] = start_site(name)
        yield started
    finally:
        for site in started.values():
            site.stop()


def _page(site: SiteInstance, path: str, user: str | None) -> str:
    response = site.get(path, user=user)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


def _assert_inert(page: str) -> None:
    assert _live_bad_urls(page) == []
    assert f'href="{LIVE}"' in page  # links still work


def test_code_markdown(sites: dict[str, SiteInstance]) -> None:
    code = sites["code"]
    row = code.sql(
        "SELECT i.id, i.iid, g.path AS g, p.path AS p, u.username FROM issues i"
        " JOIN projects p ON p.id = i.project_id JOIN groups g ON g.id = p.group_id"
        " JOIN members m ON m.project_id = p.id JOIN users u ON u.id = m.user_id"
        " ORDER BY i.id LIMIT 1"
    )[0]
    code.exec(
        "UPDATE issues SET description = :d WHERE id = :i", {"d": _markdown_body(), "i": row["id"]}
    )
    _assert_inert(_page(code, f"/{row['g']}/{row['p']}/-/issues/{row['iid']}", row["username"]))


def test_wiki_markdown(sites: dict[str, SiteInstance]) -> None:
    wiki = sites["wiki"]
    row = wiki.sql(
        "SELECT pg.id, pg.slug, s.key FROM pages pg JOIN spaces s ON s.id = pg.space_id"
        " WHERE s.is_public = 1 ORDER BY pg.id LIMIT 1"
    )[0]
    wiki.exec("UPDATE pages SET body = :b WHERE id = :i", {"b": _markdown_body(), "i": row["id"]})
    _assert_inert(_page(wiki, f"/spaces/{row['key']}/pages/{row['slug']}", "admin"))


def test_forum_text_and_link_posts(sites: dict[str, SiteInstance]) -> None:
    forum = sites["forum"]
    post = forum.sql("SELECT id FROM posts ORDER BY id LIMIT 2")
    forum.exec("UPDATE posts SET body = :b WHERE id = :i", {"b": _plain_body(), "i": post[0]["id"]})
    page = _page(forum, f"/posts/{post[0]['id']}", "admin")
    _assert_inert(page)
    for payload in PAYLOADS:  # a link post whose URL slipped past the form (seed, old data)
        forum.exec(
            "UPDATE posts SET kind = 'link', url = :u WHERE id = :i",
            {"u": html.unescape(payload), "i": post[1]["id"]},
        )
        assert _live_bad_urls(_page(forum, f"/posts/{post[1]['id']}", "admin")) == []


def test_mail_bodies(sites: dict[str, SiteInstance]) -> None:
    mail = sites["mail"]
    row = mail.sql(
        "SELECT mi.message_id, u.username FROM mailbox_items mi JOIN users u ON u.id = mi.owner_id"
        " ORDER BY mi.id LIMIT 1"
    )[0]
    body = _markdown_body() + "\n\n" + _plain_body()
    mail.exec("UPDATE messages SET body = :b WHERE id = :i", {"b": body, "i": row["message_id"]})
    page = _page(mail, f"/messages/{row['message_id']}", row["username"])
    assert _live_bad_urls(page) == []  # mail shows bodies as plain text: no links at all
    assert "jAvAsCrIpT:alert(1)" in html.unescape(page)  # the text itself is shown


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_allowlist_refuses_each_payload(payload: str) -> None:
    assert not is_safe_url(payload)
    assert safe_url(payload) == "#"
    assert sanitize_links(f'<a href="{payload}">x</a>') == '<a href="#">x</a>'


@pytest.mark.parametrize(
    "url", [LIVE, "HTTP://shop.test/", "mailto:a@mail.test", "/issues/3", "page", "#top", "?q=1"]
)
def test_the_allowlist_keeps_web_mail_and_relative_links(url: str) -> None:
    assert is_safe_url(url) and safe_url(url) == url
