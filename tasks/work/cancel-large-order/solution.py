"""Oracles for work.cancel-large-order (through the UI)."""

from guigym.tasks.work.common import click, fill, open_page, pick, reply_mail, send_mail

USER = "nicholas.robinson"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/order-cancellation-policy", USER)


def report_total(actor):
    open_page(actor, f"http://shop.test/admin/orders/{actor.facts['order_number']}", USER)
    actor.answer(f"${actor.facts['total']}")


def cancel(actor):
    open_page(actor, f"http://shop.test/admin/orders/{actor.facts['order_number']}", USER)
    pick(actor, "New status", "cancelled")
    fill(actor, "Note (optional)", "Cancelled at the customer's request")
    click(actor, "Update status")


def tell_manager(actor):
    f = actor.facts
    send_mail(
        actor, USER, "amber.holden@mail.test", f"Cancelled order {f['order_number']} (fraud check)",
        f"Hi Amber,\n\nI cancelled {f['order_number']} (${f['total']}) at the customer's request"
        " while it was processing. Per the policy, for your fraud check.\n\nNicholas",
    )  # fmt: skip


def reply_customer(actor):
    reply_mail(
        actor, USER, actor.facts["mail_id"],
        f"Hello,\n\nyour order {actor.facts['order_number']} is cancelled; the payment is refunded"
        " in full.\n\nNicholas, Customer Care",
    )  # fmt: skip
