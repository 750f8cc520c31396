"""Oracles: Chromium on the desktop for the shop page, the editor for the CSV."""

from guigym.tasks.cross.common import focus, open_page, quit_app, save

PATH = "~/Documents/stock.csv"


def open_product(actor):
    """goto() types the URL into Chromium's address bar; wait for the page's title."""
    open_page(actor, f"http://shop.test/product/{actor.facts['sku']}", actor.facts["product_name"])


def stock_row(actor):
    """Append the row at the end of the file and save."""
    focus(actor, "mousepad")
    actor.press("Control+End")
    actor.type(f"\n{actor.facts['sku']},{actor.facts['stock']}")
    save(actor, PATH)


def close_editor(actor):
    """Quit the editor (its work is saved already)."""
    quit_app(actor, "mousepad")
