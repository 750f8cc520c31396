"""Oracles for shop.receive-po-restock."""

from guigym.tasks.shop.common import click, fill, login, send_mail


def receive(actor):
    actor.goto(f"http://shop.test/admin/purchase-orders/{actor.facts['po']}")
    click(actor, "Mark as received")


def reorder_level(actor):
    actor.goto(f"http://shop.test/admin/products/{actor.facts['sku']}")
    fill(actor, "Reorder level", actor.params["level"], role="spinbutton")
    click(actor, "Save changes")


def sign_in_mail(actor):
    login(actor, "mail", "darius.young")


def thank_supplier(actor):
    po = actor.facts["po"]
    send_mail(
        actor,
        "darius.young",
        actor.facts["supplier_email"],
        f"{po} received",
        f"Hello,\n\nthe delivery for {po} arrived today and is in stock. Thank you!\n\nDarius",
    )
