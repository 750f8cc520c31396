"""Oracles for shop.supplier-price-update."""

from guigym.tasks.shop.common import click, fill, open_admin, reply_mail


def open_product(actor):
    open_admin(actor, f"/admin/products/{actor.facts['sku_a']}")


def _set_price(actor, sku, price):
    open_admin(actor, f"/admin/products/{sku}")
    fill(actor, "Price ($)", price)
    click(actor, "Save changes")


def update_first(actor):
    _set_price(actor, actor.facts["sku_a"], actor.facts["price_a"])


def update_second(actor):
    _set_price(actor, actor.facts["sku_b"], actor.facts["price_b"])


def confirm(actor):
    f = actor.facts
    reply_mail(
        actor,
        "darius.young",
        f["mail_id"],
        f"Hi,\n\ndone: {f['sku_a']} is now ${f['price_a']} and {f['sku_b']} is ${f['price_b']}."
        "\n\nDarius",
    )
