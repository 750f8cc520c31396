"""Oracles: the prices come from the facts (the shop's listing sorted by price shows them);
Calc cells are reached with the Name Box and each save is awaited on disk (the desktop suite's
LibreOffice helpers wait on AT-SPI state)."""

from guigym.tasks.cross.common import focus, open_page
from guigym.tasks.desktop.office import calc_enter, save_document, wait_document

PATH = "~/Documents/compare.ods"


def _enter(actor, ref, value):
    """Type ``value`` into cell ``ref`` and save."""
    focus(actor, "libreoffice")
    wait_document(actor, "compare.ods")
    calc_enter(actor, ref, [value])
    save_document(actor, PATH)


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
    """goto() types the URL into Chromium's address bar; wait for the page's title."""
    f = actor.facts
    open_page(actor, f"http://shop.test/product/{f['high_sku']}", f["high_name"])
