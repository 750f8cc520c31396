"""The mail site over real HTTP against a real instance: pages, delivery, isolation, bad input.

One instance for the module; every test that changes data starts from the seeded state
(``reset`` takes milliseconds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from guigym.images.sites.instance import SiteInstance, start_site
from guigym.images.sites.kit.testing import crawl, failures

ALICE = "becky.gill"  # a customer
BOB = "jennifer.mcdaniel"  # another customer
BUYER = "darius.young"  # staff, purchasing lead
SUPPLIER = "erin.gray"  # a supplier contact


@pytest.fixture(scope="module")
def site() -> Iterator[SiteInstance]:
    with start_site("mail") as instance:
        yield instance


@pytest.fixture()
def fresh(site: SiteInstance) -> SiteInstance:
    site.reset()
    return site


class Client:
    """A person at a browser: real login form, CSRF tokens taken from the pages."""

    def __init__(self, site: SiteInstance) -> None:
        self.http = httpx.Client(
            base_url=site.url, headers={"Host": "mail.test"}, trust_env=False, timeout=30
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

    def csrf(self, path: str = "/compose") -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.http.get(path).text)
        assert match, f"no CSRF field on {path}"
        return match.group(1)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.get(path, **kw)

    def post(
        self, path: str, data: dict | list | None = None, files: Any = None, csrf: bool = True
    ) -> httpx.Response:
        if isinstance(data, dict) or data is None:
            data = list((data or {}).items())
        if csrf:
            data = [*data, ("csrf_token", self.csrf())]
        form: dict[str, list[str]] = {}
        for key, value in data:  # repeated keys (checkboxes) keep their order
            form.setdefault(key, []).append(value)
        return self.http.post(path, data=form, files=files)

    def close(self) -> None:
        self.http.close()


@pytest.fixture()
def as_user(fresh: SiteInstance) -> Iterator[Any]:
    clients: list[Client] = []

    def make(username: str) -> Client:
        client = Client(fresh)
        assert client.login(username).status_code == 303
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def _uid(site: SiteInstance, username: str) -> int:
    return site.sql("SELECT id FROM users WHERE username = ?", [username])[0]["id"]


def _inbox_copy(site: SiteInstance, username: str, subject: str) -> list[dict]:
    return site.sql(
        "SELECT m.id, m.body, m.thread_id, i.is_read, f.kind, f.name FROM messages m "
        "JOIN mailbox_items i ON i.message_id = m.id JOIN users u ON u.id = i.owner_id "
        "JOIN folders f ON f.id = i.folder_id WHERE u.username = ? AND m.subject = ?",
        [username, subject],
    )


# ---- pages ------------------------------------------------------------------------------------


def test_anonymous_users_only_see_the_login_page(site: SiteInstance) -> None:
    pages = crawl(
        site.url,
        host="mail.test",
        start=["/", "/folders/inbox", "/contacts", "/compose", "/search?q=x"],
    )
    assert not failures(pages)
    r = site.get("/folders/inbox")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    login = site.get("/login")
    assert login.status_code == 200 and 'name="password"' in login.text


@pytest.mark.parametrize("username", [ALICE, BUYER, SUPPLIER, "orders"])
def test_every_reachable_page_renders_for_a_logged_in_user(
    site: SiteInstance, username: str
) -> None:
    cookie = site.session_cookie(username)
    pages = crawl(site.url, {cookie["name"]: cookie["value"]}, max_pages=150, host="mail.test")
    assert len(pages) > 25
    assert not failures(pages), failures(pages)
    visited = " ".join(url for url, _ in pages)
    for part in (
        "/folders/inbox",
        "/folders/sent",
        "/messages/",
        "/compose",
        "/contacts/",
        "/filters",
        "/starred",
    ):
        assert part in visited, part


def test_reply_forward_and_draft_pages_render_for_mail_in_every_folder(site: SiteInstance) -> None:
    rows = site.sql(
        "SELECT f.kind, min(m.id) AS mid, max(m.is_draft) AS draft FROM mailbox_items i "
        "JOIN folders f ON f.id = i.folder_id JOIN messages m ON m.id = i.message_id "
        "WHERE i.owner_id = ? GROUP BY f.kind",
        [_uid(site, BUYER)],
    )
    assert {r["kind"] for r in rows} >= {"inbox", "sent", "drafts", "archive"}
    for row in rows:
        if row["kind"] == "drafts":
            assert site.get(f"/compose?draft={row['mid']}", user=BUYER).status_code == 200
            continue
        for path in (
            f"/messages/{row['mid']}",
            *(f"/compose?{k}={row['mid']}" for k in ("reply", "reply_all", "forward")),
        ):
            assert site.get(path, user=BUYER).status_code == 200, path


def test_the_folder_sidebar_counts_unread_mail(site: SiteInstance) -> None:
    unread = site.sql(
        "SELECT count(*) AS n FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "JOIN users u ON u.id = i.owner_id "
        "WHERE u.username = ? AND f.kind = 'inbox' AND i.is_read = 0",
        [BUYER],
    )[0]["n"]
    html = site.get("/folders/inbox", user=BUYER).text
    assert f", {unread} unread" in html


def test_lists_paginate(site: SiteInstance) -> None:
    total = site.sql(
        "SELECT count(*) AS n FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "JOIN users u ON u.id = i.owner_id WHERE u.username = 'orders' AND f.kind = 'sent'"
    )[0]["n"]
    assert total > 50
    first = site.get("/folders/sent", user="orders").text
    assert f"of {total}" in first and 'rel="next"' in first
    last = site.get("/folders/sent?page=999", user="orders")  # clamped, not an error
    assert last.status_code == 200 and 'rel="prev"' in last.text


# ---- isolation --------------------------------------------------------------------------------


def test_nobody_can_open_another_users_message_or_attachment(site: SiteInstance) -> None:
    row = site.sql(
        "SELECT m.id AS mid, a.id AS aid FROM messages m JOIN attachments a ON a.message_id = m.id "
        "JOIN mailbox_items i ON i.message_id = m.id JOIN users u ON u.id = i.owner_id "
        "WHERE u.username = ? LIMIT 1",
        [BUYER],
    )[0]
    holders = {
        r["username"]
        for r in site.sql(
            "SELECT u.username FROM mailbox_items i JOIN users u ON u.id = i.owner_id "
            "WHERE i.message_id = ?",
            [row["mid"]],
        )
    }
    assert ALICE not in holders
    assert site.get(f"/messages/{row['mid']}", user=BUYER).status_code == 200
    assert (
        site.get(f"/messages/{row['mid']}/attachments/{row['aid']}", user=BUYER).status_code == 200
    )
    assert site.get(f"/messages/{row['mid']}", user=ALICE).status_code == 404
    assert (
        site.get(f"/messages/{row['mid']}/attachments/{row['aid']}", user=ALICE).status_code == 404
    )
    assert site.get(f"/compose?reply={row['mid']}", user=ALICE).status_code == 404
    assert site.get(f"/compose?forward={row['mid']}", user=ALICE).status_code == 404
    assert site.get("/messages/99999999", user=ALICE).status_code == 404
    assert site.get("/messages/abc", user=ALICE).status_code in (400, 404, 422)


def test_nobody_can_see_or_change_another_users_folders_labels_contacts_filters(
    as_user: Any, fresh: SiteInstance
) -> None:
    buyer_id = _uid(fresh, BUYER)
    folder = fresh.sql(
        "SELECT id FROM folders WHERE owner_id = ? AND kind = 'custom' LIMIT 1", [buyer_id]
    )[0]["id"]
    label = fresh.sql("SELECT id FROM labels WHERE owner_id = ? LIMIT 1", [buyer_id])[0]["id"]
    contact = fresh.sql("SELECT id FROM contacts WHERE owner_id = ? LIMIT 1", [buyer_id])[0]["id"]
    rule = fresh.sql("SELECT id FROM filters WHERE owner_id = ? LIMIT 1", [buyer_id])[0]["id"]
    alice = as_user(ALICE)
    for path in (
        f"/folders/{folder}",
        f"/labels/{label}",
        f"/contacts/{contact}",
        f"/contacts/{contact}/edit",
    ):
        assert alice.get(path).status_code == 404, path
    for path in (
        f"/folders/{folder}/delete",
        f"/labels/{label}/delete",
        f"/contacts/{contact}/delete",
        f"/filters/{rule}/delete",
    ):
        assert alice.post(path).status_code == 404, path
    assert fresh.sql("SELECT count(*) AS n FROM folders WHERE id = ?", [folder])[0]["n"] == 1
    assert fresh.sql("SELECT count(*) AS n FROM filters WHERE id = ?", [rule])[0]["n"] == 1


# ---- sending ----------------------------------------------------------------------------------


def test_sending_delivers_to_the_recipients_inbox_with_attachments(
    as_user: Any, fresh: SiteInstance
) -> None:
    alice = as_user(ALICE)
    subject = "Borrowing your ladder"
    r = alice.post(
        "/compose",
        {
            "to": f"Jennifer <{BOB}@mail.test>",
            "cc": "",
            "bcc": "",
            "subject": subject,
            "body": "Could I borrow it on Saturday?",
            "action": "send",
        },
        files=[("attachments", ("list.txt", b"ladder\nbrush\n", "text/plain"))],
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/messages/")
    sent = _inbox_copy(fresh, ALICE, subject)
    got = _inbox_copy(fresh, BOB, subject)
    assert [c["kind"] for c in sent] == ["sent"] and sent[0]["is_read"] == 1
    assert [c["kind"] for c in got] == ["inbox"] and got[0]["is_read"] == 0
    attachment = fresh.sql(
        "SELECT filename, content_type, size FROM attachments WHERE message_id = ?", [got[0]["id"]]
    )
    assert attachment == [{"filename": "list.txt", "content_type": "text/plain", "size": 13}]
    bob = as_user(BOB)
    inbox = bob.get("/folders/inbox").text
    assert subject in inbox
    page = bob.get(f"/messages/{got[0]['id']}")
    assert "Could I borrow it on Saturday?" in page.text and "list.txt" in page.text
    aid = fresh.sql("SELECT id FROM attachments WHERE message_id = ?", [got[0]["id"]])[0]["id"]
    assert bob.get(f"/messages/{got[0]['id']}/attachments/{aid}").content == b"ladder\nbrush\n"
    assert _inbox_copy(fresh, BOB, subject)[0]["is_read"] == 1  # opening marks it read


def test_reply_stays_in_the_thread_and_quotes_the_original(
    as_user: Any, fresh: SiteInstance
) -> None:
    original = fresh.sql(
        "SELECT m.id, m.subject, m.thread_id, m.sender FROM messages m "
        "JOIN mailbox_items i ON i.message_id = m.id "
        "WHERE i.owner_id = ? AND m.sender = ? ORDER BY m.id LIMIT 1",
        [_uid(fresh, BUYER), f"{SUPPLIER}@mail.test"],
    )[0]
    buyer = as_user(BUYER)
    form = buyer.get(f"/compose?reply={original['id']}").text
    assert f'value="{SUPPLIER}@mail.test"' in form and "wrote:" in form
    assert f'value="Re: {original["subject"]}"' in form or original["subject"].startswith("Re:")
    subject = "Re: " + original["subject"].removeprefix("Re: ")
    r = buyer.post(
        "/compose",
        {
            "to": f"{SUPPLIER}@mail.test",
            "subject": subject,
            "body": "Please ship the rest next week.",
            "reply_to": str(original["id"]),
            "action": "send",
        },
    )
    assert r.status_code == 303
    newest = fresh.sql("SELECT thread_id, in_reply_to_id FROM messages ORDER BY id DESC LIMIT 1")[0]
    assert newest == {"thread_id": original["thread_id"], "in_reply_to_id": original["id"]}
    supplier_copy = fresh.sql(
        "SELECT f.kind FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "JOIN messages m ON m.id = i.message_id "
        "WHERE i.owner_id = ? AND m.body = 'Please ship the rest next week.'",
        [_uid(fresh, SUPPLIER)],
    )
    assert supplier_copy == [{"kind": "inbox"}]


def test_forward_carries_the_original_attachments(as_user: Any, fresh: SiteInstance) -> None:
    row = fresh.sql(
        "SELECT m.id, a.id AS aid, a.filename, a.size FROM messages m "
        "JOIN attachments a ON a.message_id = m.id JOIN mailbox_items i ON i.message_id = m.id "
        "WHERE i.owner_id = ? AND m.sender != ? LIMIT 1",
        [_uid(fresh, BUYER), f"{BUYER}@mail.test"],
    )[0]
    buyer = as_user(BUYER)
    form = buyer.get(f"/compose?forward={row['id']}").text
    assert "Forwarded message" in form and row["filename"] in form
    r = buyer.post(
        "/compose",
        [
            ("to", "amber.holden@mail.test"),
            ("subject", "Fwd: for you"),
            ("body", "FYI"),
            ("forward_of", str(row["id"])),
            ("forward_attachment", str(row["aid"])),
            ("action", "send"),
        ],
    )
    assert r.status_code == 303
    got = _inbox_copy(fresh, "amber.holden", "Fwd: for you")
    assert len(got) == 1
    assert fresh.sql(
        "SELECT filename, size FROM attachments WHERE message_id = ?", [got[0]["id"]]
    ) == [{"filename": row["filename"], "size": row["size"]}]


def test_drafts_are_saved_edited_and_sent(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    r = alice.post(
        "/compose",
        {"to": "", "subject": "Half-written", "body": "First thoughts", "action": "save"},
    )
    assert r.status_code == 303 and "/compose?draft=" in r.headers["location"]
    draft_id = int(r.headers["location"].rsplit("=", 1)[1])
    assert _inbox_copy(fresh, ALICE, "Half-written")[0]["kind"] == "drafts"
    assert "First thoughts" in alice.get(f"/compose?draft={draft_id}").text
    r = alice.post(
        "/compose",
        {
            "to": f"{BOB}@mail.test",
            "subject": "Half-written",
            "body": "Done now",
            "draft_id": str(draft_id),
            "action": "send",
        },
    )
    assert r.status_code == 303
    assert [c["kind"] for c in _inbox_copy(fresh, ALICE, "Half-written")] == ["sent"]
    assert [c["kind"] for c in _inbox_copy(fresh, BOB, "Half-written")] == ["inbox"]
    assert fresh.sql("SELECT is_draft, body FROM messages WHERE id = ?", [draft_id]) == [
        {"is_draft": 0, "body": "Done now"}
    ]


def test_filters_act_on_new_incoming_mail(as_user: Any, fresh: SiteInstance) -> None:
    bob = as_user(BOB)
    r = bob.post("/folders", {"name": "Ladders"})
    assert r.status_code == 303
    folder_id = int(r.headers["location"].rsplit("/", 1)[1])
    r = bob.post(
        "/filters",
        {
            "name": "",
            "field": "subject",
            "value": "ladder",
            "action": "move",
            "folder_id": str(folder_id),
            "label_id": "",
        },
    )
    assert r.status_code == 303
    alice = as_user(ALICE)
    alice.post(
        "/compose",
        {"to": f"{BOB}@mail.test", "subject": "The LADDER again", "body": "x", "action": "send"},
    )
    assert [(c["kind"], c["name"]) for c in _inbox_copy(fresh, BOB, "The LADDER again")] == [
        ("custom", "Ladders")
    ]


def test_message_actions_and_bulk_actions(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    uid = _uid(fresh, ALICE)
    items = fresh.sql(
        "SELECT i.message_id AS mid FROM mailbox_items i JOIN folders f ON f.id = i.folder_id "
        "WHERE i.owner_id = ? AND f.kind = 'inbox' ORDER BY i.id LIMIT 3",
        [uid],
    )
    mid = items[0]["mid"]

    def state(message_id: int) -> dict:
        return fresh.sql(
            "SELECT f.kind, i.is_read, i.is_starred FROM mailbox_items i "
            "JOIN folders f ON f.id = i.folder_id "
            "WHERE i.owner_id = ? AND i.message_id = ?",
            [uid, message_id],
        )[0]

    alice.post(f"/messages/{mid}/action", {"action": "star"})
    alice.post(f"/messages/{mid}/action", {"action": "unread"})
    assert state(mid) == {"kind": "inbox", "is_read": 0, "is_starred": 1}
    alice.post(f"/messages/{mid}/action", {"action": "archive"})
    assert state(mid)["kind"] == "archive"
    alice.post(f"/messages/{mid}/action", {"action": "delete"})
    assert state(mid)["kind"] == "trash"
    alice.post(f"/messages/{mid}/action", {"action": "delete"})  # in Trash: gone for good
    assert (
        fresh.sql(
            "SELECT count(*) AS n FROM mailbox_items WHERE owner_id = ? AND message_id = ?",
            [uid, mid],
        )[0]["n"]
        == 0
    )
    others = [i["mid"] for i in items[1:]]
    r = alice.post(
        "/messages/bulk",
        [
            ("back", "/folders/inbox"),
            *[("message_id", str(m)) for m in others],
            ("action", "archive"),
        ],
    )
    assert r.status_code == 303 and r.headers["location"] == "/folders/inbox"
    assert {state(m)["kind"] for m in others} == {"archive"}
    label = fresh.sql("SELECT id FROM labels WHERE owner_id = ? ORDER BY id LIMIT 1", [uid])[0][
        "id"
    ]
    alice.post(
        "/messages/bulk",
        [("message_id", str(others[0])), ("action", ""), ("action", f"label:{label}")],
    )
    assert (
        fresh.sql(
            "SELECT count(*) AS n FROM item_labels l JOIN mailbox_items i ON i.id = l.item_id "
            "WHERE i.owner_id = ? AND i.message_id = ? AND l.label_id = ?",
            [uid, others[0], label],
        )[0]["n"]
        == 1
    )


# ---- search -----------------------------------------------------------------------------------


def test_search_by_sender_subject_body_and_date(site: SiteInstance) -> None:
    uid = _uid(site, BUYER)
    po = site.sql(
        "SELECT m.subject, m.sent_at FROM messages m JOIN mailbox_items i ON i.message_id = m.id "
        "WHERE i.owner_id = ? AND m.subject LIKE 'Purchase order PO-%' ORDER BY m.sent_at LIMIT 1",
        [uid],
    )[0]
    number = po["subject"].split()[2]
    by_subject = site.get(f"/search?subject={number}", user=BUYER).text
    assert po["subject"] in by_subject and "result" in by_subject
    by_body = site.get("/search?q=backordered", user=BUYER).text
    assert (
        "backordered"
        in site.sql("SELECT body FROM messages WHERE body LIKE '%backordered%' LIMIT 1")[0]["body"]
    )
    assert re.search(r"[1-9]\d* results?", by_body)
    by_sender = site.get(f"/search?from={SUPPLIER}", user=BUYER).text
    assert "Erin Gray" in by_sender and "0 results" not in by_sender
    day = po["sent_at"][:10]
    dated = site.get(f"/search?subject={number}&after={day}&before={day}", user=BUYER).text
    assert po["subject"] in dated
    later = site.get(f"/search?subject={number}&after=2026-05-14", user=BUYER).text
    assert "0 results" in later or "No messages match" in later


def test_search_rejects_bad_dates_clearly(site: SiteInstance) -> None:
    r = site.get("/search?after=yesterday", user=ALICE)
    assert r.status_code == 400 and "Use a date like" in r.text
    r = site.get("/search?after=2026-05-10&before=2026-05-01", user=ALICE)
    assert r.status_code == 400 and "before the start date" in r.text


# ---- bad input --------------------------------------------------------------------------------


def _message_count(site: SiteInstance) -> int:
    return site.sql("SELECT count(*) AS n FROM messages")[0]["n"]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("", "Add at least one recipient"),
        ("nobody.here@mail.test", "No mailbox exists for nobody.here@mail.test"),
        ("not an address", "is not an email address"),
    ],
)
def test_bad_recipients_are_refused_and_nothing_is_sent(
    as_user: Any, fresh: SiteInstance, to: str, expected: str
) -> None:
    before = _message_count(fresh)
    alice = as_user(ALICE)
    r = alice.post(
        "/compose", {"to": to, "subject": "Hello", "body": "Kept text", "action": "send"}
    )
    assert r.status_code == 400
    assert expected in r.text and "Kept text" in r.text
    assert _message_count(fresh) == before


def test_oversized_attachment_is_refused(as_user: Any, fresh: SiteInstance) -> None:
    before = _message_count(fresh)
    alice = as_user(ALICE)
    big = b"x" * (5 * 1024 * 1024 + 10)
    r = alice.post(
        "/compose",
        {"to": f"{BOB}@mail.test", "subject": "Big", "body": "", "action": "send"},
        files=[("attachments", ("video.bin", big, "application/octet-stream"))],
    )
    assert r.status_code == 400 and "too large" in r.text
    assert _message_count(fresh) == before


def test_posts_without_csrf_are_refused(as_user: Any, fresh: SiteInstance) -> None:
    before = _message_count(fresh)
    alice = as_user(ALICE)
    r = alice.post(
        "/compose",
        {"to": f"{BOB}@mail.test", "subject": "x", "body": "x", "action": "send"},
        csrf=False,
    )
    assert r.status_code == 403
    assert _message_count(fresh) == before


def test_bad_forms_show_field_errors(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    r = alice.post(
        "/contacts", {"name": "", "email": "nope", "phone": "", "company": "", "notes": ""}
    )
    assert (
        r.status_code == 400 and "Please enter a name." in r.text and "email address like" in r.text
    )
    r = alice.post("/filters", {"field": "from", "value": "", "action": "move", "folder_id": ""})
    assert r.status_code == 400 and "Enter the text to look for." in r.text
    r = alice.post("/folders", {"name": "Inbox"})
    assert r.status_code == 400 and "already have a folder" in r.text
    r = alice.post("/folders", {"name": "x" * 80})
    assert r.status_code == 400


def test_wrong_password_is_refused(site: SiteInstance) -> None:
    client = Client(site)
    try:
        r = client.login(ALICE, "wrong")
        assert r.status_code == 400 and "Wrong username or password." in r.text
    finally:
        client.close()


# ---- contacts ---------------------------------------------------------------------------------


def test_contacts_crud_and_autocomplete(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    r = alice.post(
        "/contacts",
        {
            "name": "Zed Quill",
            "email": "zed.quill@example.org",
            "phone": "555",
            "company": "Quill Co",
            "notes": "",
        },
    )
    assert r.status_code == 303
    cid = int(r.headers["location"].rsplit("/", 1)[1])
    assert "Quill Co" in alice.get(f"/contacts/{cid}").text
    results = alice.get("/api/contacts?q=quill").json()["results"]
    assert results[0] == {
        "name": "Zed Quill",
        "email": "zed.quill@example.org",
        "source": "contact",
    }
    directory = alice.get(f"/api/contacts?q={SUPPLIER}").json()["results"]
    assert {
        "name": "Erin Gray",
        "email": f"{SUPPLIER}@mail.test",
        "source": "directory",
    } in directory
    r = alice.post(
        f"/contacts/{cid}/edit",
        {
            "name": "Zed Quill",
            "email": "zed@example.org",
            "phone": "",
            "company": "",
            "notes": "met at fair",
        },
    )
    assert r.status_code == 303
    assert fresh.sql("SELECT email, notes FROM contacts WHERE id = ?", [cid]) == [
        {"email": "zed@example.org", "notes": "met at fair"}
    ]
    assert alice.post(f"/contacts/{cid}/delete").status_code == 303
    assert alice.get(f"/contacts/{cid}").status_code == 404


def test_a_task_can_plant_mail_with_plain_sql(fresh: SiteInstance) -> None:
    uid, sid = _uid(fresh, ALICE), _uid(fresh, SUPPLIER)
    when = "2026-05-15 09:30:00"
    fresh.exec(
        "INSERT INTO messages (id, thread_id, sender_id, sender, sender_name, subject, body, "
        "sent_at, created_at) VALUES (90001, 90001, ?, 'erin.gray@mail.test', 'Erin Gray', "
        "'Planted by a task', 'Hello from setup', ?, ?)",
        [sid, when, when],
    )
    fresh.exec(
        "INSERT INTO recipients (message_id, address, name, user_id) "
        "VALUES (90001, 'becky.gill@mail.test', 'Becky Gill', ?)",
        [uid],
    )
    fresh.exec(
        "INSERT INTO mailbox_items (owner_id, message_id, folder_id, received_at) "
        "SELECT ?, 90001, id, ? FROM folders WHERE owner_id = ? AND kind = 'inbox'",
        [uid, when, uid],
    )
    inbox = fresh.get("/folders/inbox", user=ALICE).text
    assert "Planted by a task" in inbox.split("</tr>")[1]  # newest first: the first row
    page = fresh.get("/messages/90001", user=ALICE)
    assert page.status_code == 200 and "Hello from setup" in page.text


def test_star_toggle_settings_and_signature(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    uid = _uid(fresh, ALICE)
    mid = fresh.sql(
        "SELECT message_id AS mid FROM mailbox_items WHERE owner_id = ? AND is_starred = 0 LIMIT 1",
        [uid],
    )[0]["mid"]
    r = alice.post(f"/messages/{mid}/star", {"back": "/folders/inbox"})
    assert r.status_code == 303 and r.headers["location"] == "/folders/inbox"
    starred = "SELECT is_starred FROM mailbox_items WHERE owner_id = ? AND message_id = ?"
    assert fresh.sql(starred, [uid, mid]) == [{"is_starred": 1}]
    r = alice.post("/settings", {"display_name": "", "signature": ""})
    assert r.status_code == 400 and "Please enter the name" in r.text
    r = alice.post(
        "/settings", {"display_name": "Becky G.", "signature": "Becky\nSent from mail.test"}
    )
    assert r.status_code == 303
    assert "Sent from mail.test" in alice.get("/compose").text
    alice.post(
        "/compose", {"to": f"{BOB}@mail.test", "subject": "Signed", "body": "hi", "action": "send"}
    )
    assert fresh.sql("SELECT sender_name FROM messages WHERE subject = 'Signed'") == [
        {"sender_name": "Becky G."}
    ]


def test_messages_cannot_be_moved_into_sent_or_drafts(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    uid = _uid(fresh, ALICE)
    mid = fresh.sql("SELECT message_id AS mid FROM mailbox_items WHERE owner_id = ? LIMIT 1", [uid])
    drafts = fresh.sql("SELECT id FROM folders WHERE owner_id = ? AND kind = 'drafts'", [uid])
    r = alice.post(
        f"/messages/{mid[0]['mid']}/action", {"action": "move", "folder_id": str(drafts[0]["id"])}
    )
    assert r.status_code == 400 and "cannot be moved" in r.text


def test_mail_to_oneself_and_unsafe_attachments(as_user: Any, fresh: SiteInstance) -> None:
    alice = as_user(ALICE)
    r = alice.post(
        "/compose",
        {"to": f"{ALICE}@mail.test", "subject": "Note to self", "body": "milk", "action": "send"},
        files=[("attachments", ("page.html", b"<script>alert(1)</script>", "text/html"))],
    )
    assert r.status_code == 303
    copies = _inbox_copy(fresh, ALICE, "Note to self")
    assert sorted(c["kind"] for c in copies) == ["inbox", "sent"]
    mid = copies[0]["id"]
    assert alice.get(f"/messages/{mid}").status_code == 200
    assert {c["is_read"] for c in _inbox_copy(fresh, ALICE, "Note to self")} == {1}
    aid = fresh.sql("SELECT id FROM attachments WHERE message_id = ?", [mid])[0]["id"]
    r = alice.get(f"/messages/{mid}/attachments/{aid}?inline=1")
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert alice.get("/folders/nonsense").status_code == 404
