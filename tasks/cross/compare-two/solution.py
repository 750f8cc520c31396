"""Oracles: Chromium on the desktop for the two pages, the terminal for the note."""

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


def open_cheaper(actor):
    """goto() types the URL into Chromium's address bar."""
    actor.goto(f"http://shop.test/product/{actor.facts['cheaper_sku']}")
    actor.wait_window(actor.facts["cheaper_name"], app="chromium")


def difference(actor):
    """echo the number into the file."""
    _focus(actor, "terminal")
    actor.type(f"echo {actor.facts['diff']} > ~/Documents/difference.txt\n")
