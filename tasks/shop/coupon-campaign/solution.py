"""Oracles for shop.coupon-campaign."""

from guigym.tasks.shop.common import click, fill, login, pick, send_mail


def deactivate(actor):
    actor.goto("http://shop.test/admin/coupons")
    click(actor, "Deactivate WINTER30")


def create_coupon(actor):
    p = actor.params
    actor.goto("http://shop.test/admin/coupons")
    fill(actor, "Code", actor.facts["code"])
    fill(actor, "Description", f"{p['percent']}% off {p['category']}")
    fill(actor, "Percent off", p["percent"], role="spinbutton")
    fill(actor, "Valid for (days)", 30, role="spinbutton")
    pick(actor, "Category", p["category"])
    click(actor, "Create coupon")


def sign_in_mail(actor):
    login(actor, "mail", "store")


def tell_newsletter(actor):
    p, code = actor.params, actor.facts["code"]
    send_mail(
        actor,
        "store",
        "newsletter@mail.test",
        f"New coupon {code} for the next issue",
        f"Hi,\n\nplease feature {code}: {p['percent']}% off {p['category']}, valid 30 days."
        " WINTER30 is retired.\n\nThanks",
    )
