"""Oracles for shop.wishlist-purchase."""

from guigym.tasks.shop.common import click, el, fill


def add_to_cart(actor):
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    fill(actor, "Quantity", actor.params["qty"], role="spinbutton")
    click(actor, "Add to cart")


def checkout(actor):
    actor.goto("http://shop.test/checkout")
    actor.check(el(actor, actor.facts["address_label"], "radio"))
    actor.check(el(actor, "Express", "radio"))
    actor.check(el(actor, "Invoice", "radio"))
    click(actor, "Place order")


def unwish(actor):
    actor.goto("http://shop.test/wishlist")
    click(actor, f"Remove {_name(actor)}")


def _name(actor):
    return actor.site("shop").sql(
        "SELECT name FROM products WHERE sku = :s", {"s": actor.facts["sku"]}
    )[0]["name"]


def report_order(actor):
    row = actor.site("shop").sql(
        "SELECT number FROM orders WHERE customer = 'amanda.williams' ORDER BY id DESC LIMIT 1"
    )[0]
    actor.answer(row["number"])
