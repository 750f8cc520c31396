"""Oracles for shop.infeasible-coupon (the agent ends with fail() after the coupon is refused)."""

from guigym.tasks.shop.common import click, fill


def add_two(actor):
    actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    fill(actor, "Quantity", 2, role="spinbutton")
    click(actor, "Add to cart")


def try_coupon(actor):
    actor.goto("http://shop.test/cart")
    fill(actor, "Coupon code", actor.params["code"])
    click(actor, "Apply coupon")
