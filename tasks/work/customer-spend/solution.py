"""Oracles for work.customer-spend (through the UI)."""

from guigym.tasks.work.common import click, open_page, reply_mail

USER = "christina.ponce"


def open_customer(actor):
    open_page(actor, f"http://shop.test/admin/customers/{actor.facts['customer']}", USER)


def reply(actor):
    f = actor.facts
    reply_mail(actor, USER, f["mail_id"],
               f"Hello,\n\nin 2026 you placed {f['count']} orders with us, ${f['total']} in"
               " total.\n\nChristina, Customer Care")  # fmt: skip


def archive(actor):
    open_page(actor, f"http://mail.test/messages/{actor.facts['mail_id']}", USER)
    click(actor, "Archive", exact=True)
