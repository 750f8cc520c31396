"""Oracles for shop.ship-oldest-order."""

from guigym.tasks.shop.common import click, fill, login, pick, send_mail


def ship(actor):
    actor.goto(f"http://shop.test/admin/orders/{actor.facts['order_number']}")
    pick(actor, "New status", "shipped")
    fill(actor, "Note (optional)", f"{actor.params['carrier']} pickup")
    click(actor, "Update status")


def sign_in_mail(actor):
    login(actor, "mail", "orders")


def send_tracking(actor):
    n = actor.facts["order_number"]
    tracking = actor.site("shop").sql(
        "SELECT tracking_number FROM orders WHERE number = :n", {"n": n}
    )[0]["tracking_number"]
    send_mail(
        actor,
        "orders",
        f"{actor.facts['customer']}@mail.test",
        f"Your order {n} has shipped",
        f"Hello,\n\nyour order {n} is on its way with {actor.params['carrier']}."
        f" Tracking number: {tracking}\n\nNorthwind Electronics",
    )
