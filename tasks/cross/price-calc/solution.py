"""Oracles: the prices come from the facts (the shop's listing sorted by price shows them);
Calc cells are reached with the Name Box and each save is awaited on disk."""

import time

PATH = "~/Documents/compare.ods"


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


def _enter(actor, ref, text):
    """Type ``text`` into cell ``ref`` and save; wait until the file on disk changed."""
    _focus(actor, "libreoffice")
    actor.press("Control+Shift+F5")
    # LibreOffice may apply a shortcut after keys typed later: let the Name Box take the focus
    actor.wait(1)
    actor.type(ref + "\n")
    actor.type(text + "\n")
    before = actor.desktop.read_file(PATH)
    actor.press("Control+s")
    deadline = time.monotonic() + 30
    while actor.desktop.read_file(PATH) == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{PATH} was not saved within 30 s")
        time.sleep(0.1)


def cheapest(actor):
    """B2."""
    _enter(actor, "B2", f"{actor.facts['low_price']:.2f}")


def dearest(actor):
    """B3."""
    _enter(actor, "B3", f"{actor.facts['high_price']:.2f}")


def difference(actor):
    """B4 = B3 - B2."""
    _enter(actor, "B4", "=B3-B2")


def open_dearest(actor):
    """goto() types the URL into Chromium's address bar."""
    actor.goto(f"http://shop.test/product/{actor.facts['high_sku']}")
    actor.wait_window(actor.facts["high_name"], app="chromium")
