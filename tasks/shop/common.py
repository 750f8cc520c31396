"""Helpers shared by the shop suite's setup.py and solution.py files.

Setup helpers write through the control API (``ctx.site(name).exec``); oracle helpers act through
the real UI and look elements up by role and accessible name in the latest axtree
(``guigym.tasks.find_element``), never with hard-coded element ids.
"""

from __future__ import annotations

from typing import Any

from guigym.tasks import find_element

__all__ = [
    "open_page",
    "open_admin",
    "NOW",
    "el",
    "click",
    "fill",
    "pick",
    "plant_mail",
    "login",
    "send_mail",
    "reply_mail",
    "money",
    "shop_user_id",
]

#: The sites' frozen clock; planted mail is dated shortly before it.
NOW = "2026-05-15 10:00:00"


def money(cents: int) -> str:
    """Cents as the shop writes dollars: 1234 -> '12.34'."""
    return f"{cents / 100:.2f}"


def plant_mail(
    mail: Any,
    msg_id: int,
    sender: str,
    to: str,
    subject: str,
    body: str,
    when: str = "2026-05-15 08:30:00",
) -> int:
    """Deliver one message from ``sender`` to ``to`` (usernames) into ``to``'s Inbox."""
    users = {
        r["username"]: r
        for r in mail.sql(
            "SELECT id, username, display_name FROM users WHERE username IN (:a, :b)",
            {"a": sender, "b": to},
        )
    }
    s, r = users[sender], users[to]
    mail.exec(
        "INSERT INTO messages (id, thread_id, sender_id, sender, sender_name, subject, body,"
        " sent_at, created_at, is_draft) VALUES (:id, :id, :sid, :addr, :name, :subj, :body,"
        " :when, :when, 0)",
        {"id": msg_id, "sid": s["id"], "addr": f"{sender}@mail.test", "name": s["display_name"],
         "subj": subject, "body": body, "when": when},
    )  # fmt: skip
    mail.exec(
        "INSERT INTO recipients (message_id, kind, address, name, user_id)"
        " VALUES (:id, 'to', :addr, :name, :uid)",
        {"id": msg_id, "addr": f"{to}@mail.test", "name": r["display_name"], "uid": r["id"]},
    )
    mail.exec(
        "INSERT INTO mailbox_items (owner_id, message_id, folder_id, is_read, is_starred,"
        " received_at) SELECT :uid, :id, id, 0, 0, :when FROM folders"
        " WHERE owner_id = :uid AND kind = 'inbox'",
        {"uid": r["id"], "id": msg_id, "when": when},
    )
    return msg_id


def el(actor: Any, name: str, role: str | None = None, *, exact: bool = False) -> str:
    """The id of the element named ``name`` (with ``role``) on the current page."""
    return find_element(actor.observation["axtree"], name, role, exact=exact)


def click(actor: Any, name: str, role: str | None = "button", *, exact: bool = False) -> Any:
    """Click the element named ``name`` (a button unless ``role`` says otherwise)."""
    return actor.click(el(actor, name, role, exact=exact))


def fill(actor: Any, name: str, text: Any, role: str | None = "textbox") -> Any:
    """Fill the field labelled ``name`` with ``text``."""
    return actor.fill(el(actor, name, role), str(text))


def pick(actor: Any, name: str, option: str, role: str | None = "combobox") -> Any:
    """Choose ``option`` in the select labelled ``name``."""
    return actor.select(el(actor, name, role), option)


def login(actor: Any, site: str, username: str, password: str | None = None) -> None:
    """Sign in to ``site`` through its login form (the kit's page on every site)."""
    actor.goto(f"http://{site}.test/login")
    _sign_in(actor, username, password)


def _sign_in(actor: Any, username: str, password: str | None) -> None:
    fill(actor, "Username or email", username)
    fill(actor, "Password", password or f"pass-{username}")
    click(actor, "Sign in")


def _on_login_page(obs: Any) -> bool:
    url = str(obs.get("url") or "")
    if url:
        return "/login" in url
    tree = str(obs.get("axtree") or "")
    return '"Username or email"' in tree and '"Sign in"' in tree


def open_page(actor: Any, url: str, user: str | None = None, password: str | None = None) -> Any:
    """Open ``url``, signing in as ``user`` first when the site asks for it.

    Oracles open their own page instead of relying on where the previous subtask left the
    browser: a mid-chain start restores the sites' data but starts a fresh browser session.
    """
    obs = actor.goto(url)
    if user is not None and _on_login_page(obs):
        _sign_in(actor, user, password)
        obs = actor.goto(url)
    return obs


def send_mail(actor: Any, user: str, to: str, subject: str, body: str) -> None:
    """Compose and send a new message from ``user``'s mailbox (signing in when needed)."""
    open_page(actor, f"http://mail.test/compose?to={to}", user)
    fill(actor, "Subject", subject)
    fill(actor, "Message", body)
    click(actor, "Send", exact=True)


def reply_mail(actor: Any, user: str, message_id: int, body: str) -> None:
    """Reply to a message (the compose page fills in the recipient and the subject)."""
    open_page(actor, f"http://mail.test/compose?reply={message_id}", user)
    fill(actor, "Message", body)
    click(actor, "Send", exact=True)


ADMIN = ("admin", "admin-pass")


def open_admin(actor: Any, path: str) -> Any:
    """Open a back-office page of the shop, signing in as admin when needed."""
    return open_page(actor, f"http://shop.test{path}", *ADMIN)


def shop_user_id(shop: Any, username: str) -> int:
    """The shop's users.id of ``username``."""
    return shop.sql("SELECT id FROM users WHERE username = :u", {"u": username})[0]["id"]
