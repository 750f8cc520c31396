"""Oracles: Chromium on the desktop for the shop, the terminal for the note."""

import time


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


def open_product(actor):
    """The product page by its SKU (found with the category listing sorted by price)."""
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    actor.wait_window(actor.facts["product_name"], app="chromium")


def note(actor):
    """printf into the file (no shell quoting trouble: the name has no double quotes)."""
    _focus(actor, "terminal")
    line = f"{actor.facts['product_name']}: {actor.facts['price']}"
    actor.type(f'printf "%s\\n" "{line}" > ~/Documents/cheapest.txt\n')


def close_terminal(actor):
    """Bring the terminal to the front and quit it (its work is saved already)."""
    _focus(actor, "terminal")
    actor.type("exit\n")
    actor.wait_window(app="terminal", gone=True)
