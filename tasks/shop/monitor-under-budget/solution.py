"""Oracles for shop.monitor-under-budget."""

from guigym.tasks.shop.common import click, el, fill


def add_to_cart(actor):
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    click(actor, "Add to cart")


def apply_coupon(actor):
    actor.goto("http://shop.test/cart")
    fill(actor, "Coupon code", "SPRING15")
    click(actor, "Apply coupon")


def checkout(actor):
    actor.goto("http://shop.test/checkout")
    actor.check(el(actor, "A new address", "radio"))
    fill(actor, "Full name", actor.params["name"])
    fill(actor, "Street address", "12 Harbor Lane")
    fill(actor, "City", "Portland")
    fill(actor, "ZIP code", "97201")
    fill(actor, "Country", "United States")
    label = {"standard": "Standard", "express": "Express", "overnight": "Overnight"}
    actor.check(el(actor, label[actor.params["shipping"]], "radio"))
    actor.check(el(actor, "PayPal", "radio"))
    click(actor, "Place order")


def report_total(actor):
    row = actor.site("shop").sql(
        "SELECT total_cents FROM orders WHERE customer = 'becky.gill' ORDER BY id DESC LIMIT 1"
    )[0]
    actor.answer(f"{row['total_cents'] / 100:.2f}")
