"""Oracle helpers shared by the cross suite: switch apps, wait for files, use the sites through
Chromium on the desktop (log in, download an attachment, compose and send mail).

Everything acts through the real UI (keys, clicks, AT-SPI element locators) and waits for a
condition (a window, a file on disk, a row in a site's database), never a fixed sleep.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

__all__ = [
    "desktop", "wait_window", "focus", "wait_file", "wait_until", "site_login",
    "download_attachment", "downloaded", "send_mail", "open_page", "browser_title",
    "save", "quit_app", "field_value", "type_field", "attach_file", "focused",
]  # fmt: skip


def desktop(actor: Any) -> Any:
    """The desktop's control client (works for the env's actor and task check's StepActor)."""
    return actor.env.provider.client


def wait_window(actor: Any, title: str = "", app: str = "", gone: bool = False, timeout=20.0):
    """A window matching ``title``/``app`` is open and focused (or closed, ``gone``)."""
    from guigym.envs.desktop.env import wait_window as _wait

    return _wait(actor.env, title, app, gone, timeout)


def wait_until(actor: Any, cond: Any, what: str, timeout: float = 30.0) -> Any:
    """Poll ``cond()`` until it is truthy, then take one tiny step (so the verifier sees the
    new state); TimeoutError naming ``what`` otherwise."""
    from guigym.tasks.desktop.office import wait_until as _poll

    value = _poll(cond, what, timeout)
    # one (tiny) step: task check reads the subtask statuses of the oracle's last step
    actor.do("wait(0.1)")
    return value


def _active(actor: Any) -> Any:
    return next((w["id"] for w in desktop(actor).windows() if w["active"]), None)


def focus(actor: Any, app: str) -> None:
    """Alt+Tab (the window manager's switcher) until ``app``'s window is active; after three
    tries, activate it as a click on its task-list button in the panel does (EWMH
    ``_NET_ACTIVE_WINDOW``). Why the fallback: under load xfwm4's switcher sometimes drops an
    Alt+Tab, and the oracle proves the task, not the switcher."""
    for attempt in range(6):
        wins = desktop(actor).windows()
        if any(w["active"] and app in w["app"].lower() for w in wins):
            return
        before = _active(actor)
        target = next((w["id"] for w in wins if app in w["app"].lower()), None)
        if attempt >= 3 and target is not None:
            desktop(actor).focus_window(target)
        else:
            actor.press("Alt+Tab")
        deadline = time.monotonic() + 3  # the focus moves a moment after the key
        while _active(actor) == before and time.monotonic() < deadline:
            time.sleep(0.05)
    raise RuntimeError(f"could not bring {app} to the front")


def wait_file(
    actor: Any, path: str, changed_from: bytes | None = None, timeout: float = 30
) -> bytes:
    """Wait until ``path`` exists (and differs from ``changed_from``); its bytes."""
    d = desktop(actor)

    def ready() -> bytes | None:
        if not d.exists(path):
            return None
        data = d.read_file(path)
        return data if changed_from is None or data != changed_from else None

    return wait_until(actor, ready, f"{path} written", timeout)


def _focus_username(actor: Any) -> None:
    """The login form's username field has the focus (autofocus; else click it)."""

    def focused() -> bool:
        text = desktop(actor).axtree(400)["text"]
        return any('"Username or email"' in ln and "focused" in ln for ln in text.splitlines())

    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:
        if focused():
            return
        time.sleep(0.2)
    try:  # the page's own autofocus did not land (yet): click the field
        actor.click("label=Username or email")
    except Exception:  # noqa: BLE001 - the caller retries the whole sign-in
        pass


def site_login(actor: Any, site: str, username: str, password: str | None = None) -> None:
    """Sign in on ``<site>.test`` through its login form (fields found by their labels)."""
    signed_in = lambda: "Sign in" not in browser_title(actor)  # noqa: E731
    for attempt in range(3):
        before = browser_title(actor)
        actor.goto(f"http://{site}.test/login")
        try:  # the form, or (already signed in) a redirect to the site's home page
            wait_until(
                actor,
                lambda b=before: "Sign in" in browser_title(actor) or browser_title(actor) != b,
                f"http://{site}.test/login",
                timeout=8,
            )
        except TimeoutError:
            pass
        desktop(actor).settle(300, 3000)
        if "Sign in" not in browser_title(actor):
            return
        _focus_username(actor)
        actor.type(username + "\t")
        actor.type((password or f"pass-{username}") + "\n")
        try:
            wait_until(actor, signed_in, f"{username} signed in on {site}", timeout=15)
            return
        except TimeoutError:
            if attempt == 2:
                raise


def browser_title(actor: Any) -> str:
    """The title of the browser's window ("" when none is open)."""
    wins = [w for w in desktop(actor).windows() if "chromium" in w["app"].lower()]
    return wins[-1]["title"] if wins else ""


def open_page(actor: Any, url: str, title: str) -> None:
    """goto(url) and wait until the browser's title contains ``title`` (the page loaded)."""
    for attempt in range(3):  # a busy machine may swallow the address-bar shortcut
        actor.goto(url)
        try:
            wait_until(actor, lambda: title in browser_title(actor), f"{url} showing {title!r}", 12)
            break
        except TimeoutError:
            if attempt == 2:
                raise
    desktop(actor).settle(200, 3000)


def downloaded(actor: Any, filename: str, size: int) -> bool:
    """``~/Downloads/<filename>`` is complete: its full size, and no ``.crdownload`` left
    (Chromium reserves the final name with an empty file while it downloads)."""
    d = desktop(actor)
    if not d.exists("~/Downloads"):
        return False
    names = {e["name"]: e for e in d.list_dir("~/Downloads")}
    if any(n.endswith(".crdownload") for n in names):
        return False
    return filename in names and names[filename].get("size") == size


def download_attachment(
    actor: Any, message_id: int, filename: str, subject: str, size: int
) -> None:
    """Open a mail message and follow its attachment link; wait until the download is done."""
    open_page(actor, f"http://mail.test/messages/{message_id}", subject)
    for attempt in range(3):
        # find-in-page selects the link's text; Escape leaves the link focused; Enter follows it
        actor.press("Control+f")
        actor.type(filename)
        actor.press("Escape")
        actor.press("Enter")
        try:
            wait_until(
                actor, lambda: downloaded(actor, filename, size), f"{filename} downloaded", 10
            )
            return
        except TimeoutError:
            if attempt == 2:
                raise


def field_value(actor: Any, name: str) -> str | None:
    """The text of the page's entry (input or textarea) named ``name`` as AT-SPI shows it (the
    first 200 characters); None while the page has no such field (not loaded yet)."""
    pattern = re.compile(
        r"\] entry " + re.escape(json.dumps(name)) + r'(?: value=("(?:[^"\\]|\\.)*"))?'
    )
    for line in desktop(actor).axtree(3000)["text"].splitlines():
        m = pattern.search(line)
        if m:
            return json.loads(m.group(1)) if m.group(1) else ""
    return None


def type_field(actor: Any, label: str, text: str, click: bool = True) -> None:
    """Replace the text of the field labelled ``label`` (clicked, or already focused) with
    ``text`` and wait until AT-SPI shows exactly that; type again if it does not."""
    for attempt in range(3):
        if click:
            actor.click(f"label={label}")
        actor.press("Control+a")
        actor.type(text)
        try:
            wait_until(
                actor, lambda: field_value(actor, label) == text[:200], f"{label} = {text!r}", 8
            )
            return
        except TimeoutError:
            if attempt == 2:
                raise
            click = True


def focused(actor: Any, what: str) -> bool:
    """An AT-SPI line holding ``what`` (e.g. ``push button "Send"``) has the focus."""
    lines = desktop(actor).axtree(3000)["text"].splitlines()
    return any(what in line and line.endswith(" focused") for line in lines)


def attach_file(actor: Any, path: str) -> None:
    """Attach ``path`` (in the desktop home) from the compose form's body: Tab to the file
    input, Chromium's GTK chooser; wait until the form names the file.

    The chooser ("Open Files": the input is ``multiple``) closes on Enter without handing
    Chromium a file ("No file chosen"), whether the path was typed into its location entry or
    the file's row was selected; its Open button does hand it over, and Alt+O presses it."""
    name = path.rstrip("/").rsplit("/", 1)[-1]

    button = 'push button "Attach files: '
    actor.press("Tab")  # from the body to the file input (scrolled into view)
    wait_until(actor, lambda: focused(actor, button), "the file input focused")
    for attempt in range(3):
        actor.press("space")  # the focused file input opens the chooser
        wait_window(actor, "Open", app="chromium")
        actor.press("Control+l")  # the chooser's location entry
        desktop(actor).settle(300, 3000)
        actor.press("Control+a")
        actor.type(path)
        actor.press("Alt+o")
        try:
            wait_window(actor, "Open", app="chromium", gone=True, timeout=8)
            wait_until(
                actor,
                lambda: f'{button}{name}"' in desktop(actor).axtree(3000)["text"],
                f"{name} attached",
                timeout=8,
            )
            return
        except TimeoutError:
            if attempt == 2:
                raise
            if any(w["title"].startswith("Open") for w in desktop(actor).windows()):
                actor.press("Escape")  # the chooser is still open: close it and start again
                wait_window(actor, "Open", app="chromium", gone=True)


def send_mail(
    actor: Any,
    query: str,
    subject: str | None,
    body: str,
    attach: str | None = None,
    sent: Any = None,
) -> None:
    """Compose on mail.test (``query``: ``to=...`` or ``reply=ID``), fill the subject (unless
    None: a reply keeps its "Re: ...") and the body, attach a file from the home through
    Chromium's file chooser, and send; ``sent()`` (a database condition) is awaited.

    Why the waits: Chromium shows the new page's title before its accessibility tree (and its
    fields) is ready, and a title such as "New message" may still be the previous page's; keys
    typed then go to the old page or nowhere. So the form is awaited as AT-SPI shows it (a fresh
    Subject field), and every field is read back after typing."""
    actor.goto(f"http://mail.test/compose?{query}")

    def fresh() -> bool:
        value = field_value(actor, "Subject")
        return value is not None and (value.startswith("Re:") if subject is None else value == "")

    wait_until(actor, fresh, "the compose form")
    if subject is not None:
        type_field(actor, "Subject", subject)
    else:
        actor.click("label=Subject")
    actor.press("Tab")  # the body (a reply's holds the quote; a new one the signature: replaced)
    type_field(actor, "Message", body, click=False)
    if attach:
        attach_file(actor, attach)
        actor.press("Tab")  # the Send button follows the file input (Subject is scrolled away)
        wait_until(actor, lambda: focused(actor, 'push button "Send"'), "the Send button focused")
    for attempt in range(3):  # a busy machine may drop the Enter: the form is still there
        if not attach:
            actor.click("label=Subject")
        actor.press("Enter")  # implicit submission: the form's first submit button is Send
        if sent is None:
            return
        try:
            wait_until(actor, sent, "the mail sent", timeout=30)
            return
        except TimeoutError:
            compose = browser_title(actor).startswith(("New message", "Reply", "Forward", "Re"))
            if attempt == 2 or not compose:
                raise


def save(actor: Any, path: str) -> None:
    """Control+S in the focused app; wait until ``path`` on disk changed (apps save late)."""
    before = desktop(actor).read_file(path) if desktop(actor).exists(path) else None
    actor.press("Control+s")
    wait_file(actor, path, changed_from=before)


def quit_app(actor: Any, app: str, keys: str = "Control+q", typed: str = "") -> None:
    """Bring ``app`` to the front, quit it (``keys``, or ``typed`` text such as "exit\n") and
    wait until its last window is gone."""
    focus(actor, app)
    if typed:
        actor.type(typed)
    else:
        actor.press(keys)
    wait_until(
        actor,
        lambda: not any(app in w["app"].lower() for w in desktop(actor).windows()),
        f"{app} closed",
    )
