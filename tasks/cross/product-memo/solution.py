"""Oracles: Chromium for the shop page; Writer lines typed at the end and saved in ODF."""

import time

PATH = "~/Documents/note.odt"


def _active(actor):
    return next((w["id"] for w in actor.desktop.windows() if w["active"]), None)


def _focus(actor, app):
    """Alt+Tab (the window manager's switcher) until the app's window is active."""
    for _ in range(4):
        if any(w["active"] and app in w["app"].lower() for w in actor.desktop.windows()):
            return
        before = _active(actor)
        actor.press("Alt+Tab")
        deadline = time.monotonic() + 3  # the focus moves a moment after the key
        while _active(actor) == before and time.monotonic() < deadline:
            time.sleep(0.05)
    raise RuntimeError(f"could not bring {app} to the front")


def _append(actor, text):
    _focus(actor, "libreoffice")
    actor.press("Control+End")
    # LibreOffice may handle a shortcut after a plain key pressed later: let it land first
    actor.wait(1)
    actor.press("Enter")
    actor.type(text)
    before = actor.desktop.read_file(PATH)
    actor.press("Control+s")
    deadline = time.monotonic() + 30
    while actor.desktop.read_file(PATH) == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{PATH} was not saved within 30 s")
        time.sleep(0.1)


def open_product(actor):
    """goto() types the URL into Chromium's address bar."""
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    actor.wait_window(actor.facts["product_name"], app="chromium")


def sku_line(actor):
    """SKU: ..."""
    _append(actor, f"SKU: {actor.facts['sku']}")


def price_line(actor):
    """Price: ..."""
    _append(actor, f"Price: {actor.facts['price']}")


def close_writer(actor):
    """Bring the writer to the front and quit it (its work is saved already)."""
    _focus(actor, "libreoffice")
    actor.press("Control+q")
    actor.wait_window(app="libreoffice", gone=True)
