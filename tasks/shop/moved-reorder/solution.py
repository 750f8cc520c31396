"""Oracles for shop.moved-reorder."""

from guigym.tasks.shop.common import click, el, fill


def add_address(actor):
    f = actor.facts
    actor.goto("http://shop.test/account/addresses")
    fill(actor, "Label", "New home")
    fill(actor, "Full name", "Jared Long")
    fill(actor, "Street address", f["street"])
    fill(actor, "City", actor.params["city"])
    fill(actor, "ZIP code", f["zip"])
    fill(actor, "Country", "United States")
    click(actor, "Add address")


def make_default(actor):
    actor.goto("http://shop.test/account/addresses")
    click(actor, "Make New home the default address")


def add_to_cart(actor):
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    fill(actor, "Quantity", actor.facts["qty"], role="spinbutton")
    click(actor, "Add to cart")


def checkout(actor):
    actor.goto("http://shop.test/checkout")
    actor.check(el(actor, "New home", "radio"))
    actor.check(el(actor, "Standard", "radio"))
    actor.check(el(actor, "Credit or debit card", "radio"))
    fill(actor, "Card number", "4242 4242 4242 4242")
    fill(actor, "Name on card", "Jared Long")
    fill(actor, "Expiry (MM/YY)", "08/28")
    fill(actor, "Security code (CVC)", "123")
    click(actor, "Place order")


def report_total(actor):
    row = actor.site("shop").sql(
        "SELECT total_cents FROM orders WHERE customer = 'jared.long' ORDER BY id DESC LIMIT 1"
    )[0]
    actor.answer(f"{row['total_cents'] / 100:.2f}")
