"""Oracles: the browser on the desktop reaches shop.test; the editor writes the CSV."""

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
    """goto() types the URL into Chromium's address bar."""
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    actor.wait_window(actor.facts["product_name"], app="chromium")


def price_row(actor):
    """A quoted name (names may hold commas) and the price."""
    _focus(actor, "mousepad")
    actor.press("Control+End")
    actor.type(f'\n"{actor.facts["product_name"]}",{actor.facts["price"]}')
    actor.press("Control+s")


def sku_column(actor):
    """Append the header and the value at the end of lines 1 and 2."""
    _focus(actor, "mousepad")
    actor.press("Control+Home")
    actor.press("End")
    actor.type(",sku")
    actor.press("ArrowDown")
    actor.press("End")
    actor.type(f",{actor.facts['sku']}")
    actor.press("Control+s")


def close_editor(actor):
    """Bring the editor to the front and quit it (its work is saved already)."""
    _focus(actor, "mousepad")
    actor.press("Control+q")
    actor.wait_window(app="mousepad", gone=True)
