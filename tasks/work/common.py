"""Helpers shared by the work suite's setup.py, check.py and solution.py files.

Setup helpers plant content through the control API (``ctx.site(name).exec``); oracle helpers act
through the real UI and find elements by role and accessible name in the latest axtree
(``guigym.tasks.find_element``), never by hard-coded element ids. Oracles open their own page and
sign in when a site asks (a mid-chain start gets a fresh browser session).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from guigym.tasks import find_element
from guigym.tasks.helpers import elements

__all__ = [
    "NOW",
    "PLANTED",
    "SINCE",
    "el",
    "click",
    "fill",
    "pick",
    "tick",
    "open_page",
    "login",
    "money",
    "cents",
    "plant_mail",
    "send_mail",
    "reply_mail",
    "plant_post",
    "forum_post",
    "forum_comment",
    "plant_issue",
    "code_issue",
    "code_comment",
    "code_triage",
    "wiki_body",
    "wiki_edit",
    "shop_refund",
    "shop_product",
]

#: The sites' frozen clock; anything the agent creates is dated at or after it.
NOW = "2026-05-15 10:00:00"
SINCE = "2026-05-15 10:00"
#: When planted content (mail, posts, issues) was written: shortly before the episode.
PLANTED = "2026-05-15 08:30:00"


def money(cents_: int) -> str:
    """Cents as the sites write dollars: 123456 -> '1234.56'."""
    return f"{cents_ / 100:.2f}"


def cents(dollars: str | float) -> int:
    """'12.34' -> 1234."""
    return int(round(float(dollars) * 100))


# -- UI primitives ---------------------------------------------------------------------------
def el(actor: Any, name: str, role: str | None = None, *, exact: bool = False) -> str:
    """The id of the element named ``name`` (with ``role``) on the current page."""
    return find_element(actor.observation["axtree"], name, role, exact=exact)


def click(actor: Any, name: str, role: str | None = "button", *, exact: bool = False) -> Any:
    """Click the element named ``name`` (a button unless ``role`` says otherwise)."""
    return actor.click(el(actor, name, role, exact=exact))


def fill(
    actor: Any, name: str, text: Any, role: str | None = "textbox", *, exact: bool = False
) -> Any:
    """Fill the field labelled ``name`` with ``text``."""
    return actor.fill(el(actor, name, role, exact=exact), str(text))


def pick(actor: Any, name: str, option: str, role: str | None = "combobox") -> Any:
    """Choose ``option`` (its label or value) in the select labelled ``name``."""
    return actor.select(el(actor, name, role), option)


def tick(actor: Any, name: str) -> Any:
    """Check the checkbox named ``name``."""
    return actor.check(el(actor, name, "checkbox", exact=True))


def _on_login_page(obs: Any) -> bool:
    url = str(obs.get("url") or "")
    if url:
        return "/login" in url
    tree = str(obs.get("axtree") or "")
    return '"Username or email"' in tree and '"Sign in"' in tree


def _sign_in(actor: Any, username: str, password: str | None) -> None:
    fill(actor, "Username or email", username)
    fill(actor, "Password", password or f"pass-{username}")
    click(actor, "Sign in")


def _anonymous(obs: Any) -> bool:
    """A public page seen signed out: every site's header then offers a "Sign in" link."""
    tree = str(obs.get("axtree") or "")
    return any(role == "link" and name == "Sign in" for _, role, name in elements(tree))


def open_page(actor: Any, url: str, user: str | None = None, password: str | None = None) -> Any:
    """Open ``url`` signed in as ``user``: sign in first when the site sends us to its login page
    or shows the page signed out (public pages of the forum, code tracker and wiki)."""
    obs = actor.goto(url)
    if user is None:
        return obs
    if _on_login_page(obs):
        _sign_in(actor, user, password)
        obs = actor.goto(url)
    elif _anonymous(obs):
        login(actor, urlsplit(url).hostname.removesuffix(".test"), user, password)
        obs = actor.goto(url)
    return obs


def login(actor: Any, site: str, username: str, password: str | None = None) -> None:
    """Sign in to ``site`` through its login form (the kit's page on every site)."""
    actor.goto(f"http://{site}.test/login")
    _sign_in(actor, username, password)


# -- mail --------------------------------------------------------------------------------------
def plant_mail(
    mail: Any, msg_id: int, sender: str, to: str, subject: str, body: str, when: str = PLANTED
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


# -- forum -------------------------------------------------------------------------------------
def plant_post(
    forum: Any, author: str, community: str, title: str, body: str, when: str = PLANTED
) -> int:
    """Insert a text post (as if ``author`` wrote it this morning); returns its id."""
    forum.exec(
        "INSERT INTO posts (community_id, author_id, title, body, created_at, hot) VALUES ("
        " (SELECT id FROM communities WHERE name = :c), (SELECT id FROM users WHERE username = :u),"
        " :t, :b, :w, 1e9)",
        {"c": community, "u": author, "t": title, "b": body, "w": when},
    )
    return forum.sql("SELECT max(id) AS id FROM posts")[0]["id"]


def forum_post(actor: Any, user: str, community: str, title: str, body: str) -> None:
    """Submit a text post to c/``community`` as ``user``."""
    open_page(actor, f"http://forum.test/submit?community={community}", user)
    fill(actor, "Title", title)
    fill(actor, "Text (optional)", body)
    click(actor, "Post", exact=True)


def forum_comment(actor: Any, user: str, post_id: int, body: str) -> None:
    """Comment on post ``post_id`` as ``user``."""
    open_page(actor, f"http://forum.test/posts/{post_id}", user)
    fill(actor, "Comment as", body)
    click(actor, "Comment", exact=True)


# -- code tracker --------------------------------------------------------------------------------
def plant_issue(
    code: Any, project: str, author: str, title: str, description: str, when: str = PLANTED
) -> int:
    """Open an issue in ``group/project`` as ``author``; returns its iid."""
    pid = _project_id(code, project)
    iid = code.sql("SELECT coalesce(max(iid), 0) + 1 AS n FROM issues WHERE project_id = :p",
                   {"p": pid})[0]["n"]  # fmt: skip
    code.exec(
        "INSERT INTO issues (project_id, iid, title, description, state, author_id, created_at,"
        " updated_at) VALUES (:p, :iid, :t, :d, 'opened',"
        " (SELECT id FROM users WHERE username = :u), :w, :w)",
        {"p": pid, "iid": iid, "t": title, "d": description, "u": author, "w": when},
    )
    return iid


def _project_id(code: Any, project: str) -> int:
    group, path = project.split("/")
    return code.sql(
        "SELECT p.id FROM projects p JOIN groups g ON g.id = p.group_id"
        " WHERE g.path = :g AND p.path = :p",
        {"g": group, "p": path},
    )[0]["id"]


def code_issue(actor: Any, user: str, project: str, title: str, description: str) -> None:
    """Open a new issue in ``group/project`` as ``user``."""
    open_page(actor, f"http://code.test/{project}/-/issues/new", user)
    fill(actor, "Title", title)
    fill(actor, "Description", description)
    click(actor, "Create issue")


def code_comment(
    actor: Any, user: str, project: str, iid: int, body: str, *, close: bool = False
) -> None:
    """Comment on issue ``iid`` (and close it with the same click when ``close``)."""
    open_page(actor, f"http://code.test/{project}/-/issues/{iid}", user)
    fill(actor, "Comment", body)
    if close:
        click(actor, "Comment & close issue")
    else:
        click(actor, "Comment", exact=True)


def code_triage(
    actor: Any,
    user: str,
    project: str,
    iid: int,
    *,
    labels: list[str] = (),
    assignee: str | None = None,
    milestone: str | None = None,
) -> None:
    """Set labels (added to the ticked ones), assignee and milestone in the issue's sidebar."""
    open_page(actor, f"http://code.test/{project}/-/issues/{iid}", user)
    for label in labels:
        tick(actor, label)
    if assignee is not None:
        pick(actor, "Assignee", assignee)
    if milestone is not None:
        pick(actor, "Milestone", milestone)
    click(actor, "Save details")


# -- wiki --------------------------------------------------------------------------------------
def wiki_body(wiki: Any, space: str, slug: str) -> str:
    """The current Markdown of a wiki page (oracles read it to edit one line)."""
    return wiki.sql(
        "SELECT p.body FROM pages p JOIN spaces s ON s.id = p.space_id"
        " WHERE s.key = :k AND p.slug = :s",
        {"k": space, "s": slug},
    )[0]["body"]


def wiki_edit(actor: Any, user: str, space: str, slug: str, body: str, summary: str) -> None:
    """Replace a wiki page's content and save it with a change summary."""
    open_page(actor, f"http://wiki.test/spaces/{space}/pages/{slug}/edit", user)
    fill(actor, "Content (Markdown)", body)
    fill(actor, "Change summary", summary)
    click(actor, "Save changes")


# -- shop back office ---------------------------------------------------------------------------
def shop_refund(actor: Any, user: str, order: str, amount: str, reason: str) -> None:
    """Issue a refund on an order in the shop's back office (signed in as staff ``user``)."""
    open_page(actor, f"http://shop.test/admin/orders/{order}", user)
    fill(actor, "Amount ($)", amount)
    fill(actor, "Reason", reason)
    click(actor, "Issue refund")


def shop_product(actor: Any, user: str, sku: str, **fields: Any) -> None:
    """Edit a product's fields by label (e.g. ``stock=12``, ``reorder_level=5``) and save."""
    labels = {"stock": ("Stock (units)", "spinbutton"),
              "reorder_level": ("Reorder level", "spinbutton"),
              "price": ("Price ($)", "textbox"), "cost": ("Unit cost ($)", "textbox")}  # fmt: skip
    open_page(actor, f"http://shop.test/admin/products/{sku}", user)
    for key, value in fields.items():
        label, role = labels[key]
        fill(actor, label, value, role=role)
    click(actor, "Save changes")
