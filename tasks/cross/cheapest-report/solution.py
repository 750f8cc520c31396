"""Oracles: Chromium on the desktop for the shop, the terminal for the note."""

from guigym.tasks.cross.common import focus, open_page, quit_app, wait_file

PATH = "~/Documents/cheapest.txt"


def open_product(actor):
    """The product page by its SKU (found with the category listing sorted by price)."""
    open_page(actor, f"http://shop.test/product/{actor.facts['sku']}", actor.facts["product_name"])


def note(actor):
    """printf into the file; single quotes keep the shell off the name (no name holds one)."""
    focus(actor, "terminal")
    line = f"{actor.facts['product_name']}: {actor.facts['price']}"
    actor.type(f"printf '%s\\n' '{line}' > {PATH}\n")
    wait_file(actor, PATH)


def close_terminal(actor):
    """Quit the terminal's shell (the note is written already)."""
    quit_app(actor, "terminal", typed="exit\n")
