"""Oracles for work.lost-parcel-goodwill (through the UI)."""

from guigym.tasks.work.common import open_page, reply_mail, send_mail, shop_refund

USER = "christina.ponce"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/refund-policy", USER)


def refund(actor):
    f = actor.facts
    shop_refund(actor, USER, f["order_number"], f["total"], "Goodwill refund: parcel lost")


def reply_customer(actor):
    reply_mail(
        actor, USER, actor.facts["mail_id"],
        f"Hello,\n\nI'm sorry your parcel got lost. We have refunded the full"
        f" ${actor.facts['total']} to your original payment method.\n\nChristina, Customer Care",
    )  # fmt: skip


def escalate(actor):
    f = actor.facts
    send_mail(
        actor, USER, "matthew.armstrong@mail.test", f"Lost parcel: order {f['order_number']}",
        f"Hi Matthew,\n\nthe parcel of {f['order_number']} has not moved since May 2. I issued a"
        " goodwill refund; please open a claim with the carrier.\n\nChristina",
    )  # fmt: skip
