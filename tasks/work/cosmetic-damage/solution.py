"""Oracles for work.cosmetic-damage (through the UI)."""

from guigym.tasks.work.common import open_page, reply_mail, shop_refund

USER = "christina.ponce"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/damaged-or-defective-items", USER)


def refund(actor):
    f = actor.facts
    shop_refund(actor, USER, f["order_number"], f["amount"], "Cosmetic damage, item kept")


def reply(actor):
    reply_mail(actor, USER, actor.facts["mail_id"],
               f"Hello,\n\nwe have refunded ${actor.facts['amount']} for the scratch."
               " Enjoy your purchase!\n\nChristina")  # fmt: skip
