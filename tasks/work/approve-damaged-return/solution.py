"""Oracles for work.approve-damaged-return (through the UI)."""

from guigym.tasks.work.common import click, open_page, send_mail

USER = "nicholas.robinson"


def read_procedure(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/returns-procedure-rma", USER)


def approve(actor):
    open_page(actor, "http://shop.test/admin/returns?status=requested", USER)
    click(actor, f"Approve return {actor.facts['rma']}")


def report_shipping(actor):
    open_page(actor, f"http://shop.test/admin/orders/{actor.facts['order_number']}", USER)
    actor.answer(f"${actor.facts['shipping']}")


def email_customer(actor):
    f = actor.facts
    send_mail(actor, USER, f"{f['customer']}@mail.test", f"Return {f['rma']} approved",
              f"Hello,\n\nyour return {f['rma']} for order {f['order_number']} is approved."
              " Please send the item back with the attached label.\n\nNicholas")  # fmt: skip
