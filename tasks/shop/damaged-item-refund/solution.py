"""Oracles for shop.damaged-item-refund (through the UI, with locators)."""

from guigym.tasks.shop.common import click, fill, open_admin, reply_mail


def open_order(actor):
    open_admin(actor, f"/admin/orders/{actor.facts['order_number']}")


def refund(actor):
    open_admin(actor, f"/admin/orders/{actor.facts['order_number']}")
    fill(actor, "Amount ($)", actor.facts["amount"])
    fill(actor, "Reason", f"Damaged on arrival: {actor.facts['item_name']}")
    click(actor, "Issue refund")


def reply(actor):
    reply_mail(
        actor,
        "support",
        actor.facts["mail_id"],
        f"Hello,\n\nsorry about the damaged {actor.facts['item_name']}. We have refunded"
        f" ${actor.facts['amount']} to your original payment method.\n\nCustomer Care",
    )


def archive(actor):
    actor.goto(f"http://mail.test/messages/{actor.facts['mail_id']}")
    click(actor, "Archive", exact=True)
