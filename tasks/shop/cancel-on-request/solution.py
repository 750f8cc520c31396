"""Oracles for shop.cancel-on-request."""

from guigym.tasks.shop.common import click, fill, open_admin, pick, reply_mail


def open_order(actor):
    open_admin(actor, f"/admin/orders/{actor.facts['order_number']}")


def cancel(actor):
    open_admin(actor, f"/admin/orders/{actor.facts['order_number']}")
    pick(actor, "New status", "cancelled")
    fill(actor, "Note (optional)", "Cancelled at the customer's request")
    click(actor, "Update status")


def reply(actor):
    reply_mail(
        actor,
        "support",
        actor.facts["mail_id"],
        f"Hello,\n\nyour order {actor.facts['order_number']} is cancelled; you will not be"
        " charged.\n\nCustomer Care",
    )


def archive(actor):
    actor.goto(f"http://mail.test/messages/{actor.facts['mail_id']}")
    click(actor, "Archive", exact=True)
