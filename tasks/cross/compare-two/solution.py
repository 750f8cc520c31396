"""Oracles: Chromium on the desktop for the cheaper product's page, the terminal for the notes."""

from guigym.tasks.cross.common import focus, open_page, wait_file


def open_cheaper(actor):
    """goto() types the URL into Chromium's address bar; wait for the page's title."""
    f = actor.facts
    open_page(actor, f"http://shop.test/product/{f['cheaper_sku']}", f["cheaper_name"])


def _echo(actor, text, path):
    focus(actor, "terminal")
    actor.type(f"echo {text} > {path}\n")
    wait_file(actor, path)


def difference(actor):
    """echo the number into the file."""
    _echo(actor, actor.facts["diff"], "~/Documents/difference.txt")


def choice(actor):
    """echo the SKU into the file."""
    _echo(actor, actor.facts["cheaper_sku"], "~/Documents/choice.txt")
