"""Oracles for work.invoice-routing (through the UI)."""

from guigym.tasks.work.common import click, open_page, reply_mail, send_mail

USER = "darius.young"


def report_po_total(actor):
    open_page(actor, f"http://shop.test/admin/purchase-orders/{actor.facts['po']}", USER)
    actor.answer(f"${actor.facts['total']}")


def read_matrix(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/escalation-matrix", USER)


def escalate(actor):
    f = actor.facts
    send_mail(actor, USER, "david.phillips@mail.test", f"Overdue invoice {f['invoice']}",
              f"Hi David,\n\n{f['supplier']} says invoice {f['invoice']} is overdue. Could you"
              " check and reply to them?\n\nDarius")  # fmt: skip


def reply(actor):
    reply_mail(actor, USER, actor.facts["mail_id"],
               "Hello,\n\nthank you; our bookkeeping (David Phillips) will get back to you."
               "\n\nDarius")  # fmt: skip


def archive(actor):
    open_page(actor, f"http://mail.test/messages/{actor.facts['mail_id']}", USER)
    click(actor, "Archive", exact=True)
