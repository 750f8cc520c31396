"""Oracles: Chromium for the shop page; Writer paragraphs added at the end and saved in ODF (the
desktop suite's LibreOffice helpers wait on AT-SPI state and the saved file)."""

from guigym.tasks.cross.common import focus, open_page
from guigym.tasks.desktop.office import (
    close_app,
    save_document,
    wait_document,
    writer_add_paragraphs,
)

PATH = "~/Documents/note.odt"


def _append(actor, text):
    focus(actor, "libreoffice")
    wait_document(actor, "note.odt")
    writer_add_paragraphs(actor, [text])
    save_document(actor, PATH)


def open_product(actor):
    """goto() types the URL into Chromium's address bar; wait for the page's title."""
    open_page(actor, f"http://shop.test/product/{actor.facts['sku']}", actor.facts["product_name"])


def sku_line(actor):
    """SKU: ..."""
    _append(actor, f"SKU: {actor.facts['sku']}")


def price_line(actor):
    """Price: ..."""
    _append(actor, f"Price: {actor.facts['price']}")


def close_writer(actor):
    """Quit Writer (its work is saved already)."""
    focus(actor, "libreoffice")
    close_app(actor, "note.odt")
