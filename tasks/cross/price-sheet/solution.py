"""Oracles: the browser on the desktop reaches shop.test; the editor writes the CSV."""

from guigym.tasks.cross.common import focus, open_page, quit_app, save

PATH = "~/Documents/prices.csv"


def open_product(actor):
    """goto() types the URL into Chromium's address bar; wait for the page's title."""
    open_page(actor, f"http://shop.test/product/{actor.facts['sku']}", actor.facts["product_name"])


def price_row(actor):
    """A quoted name (names may hold commas) and the price."""
    focus(actor, "mousepad")
    actor.press("Control+End")
    actor.type(f'\n"{actor.facts["product_name"]}",{actor.facts["price"]}')
    save(actor, PATH)


def sku_column(actor):
    """Append the header and the value at the end of lines 1 and 2."""
    focus(actor, "mousepad")
    actor.press("Control+Home")
    actor.press("End")
    actor.type(",sku")
    actor.press("ArrowDown")
    actor.press("End")
    actor.type(f",{actor.facts['sku']}")
    save(actor, PATH)


def close_editor(actor):
    """Quit the editor (its work is saved already)."""
    quit_app(actor, "mousepad")
