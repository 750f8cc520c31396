"""Oracles for work.forum-complaint-refund (through the UI)."""

from guigym.tasks.work.common import forum_comment, open_page, send_mail, shop_refund

USER = "christina.ponce"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/refund-policy", USER)


def refund(actor):
    f = actor.facts
    shop_refund(actor, USER, f["order_number"], f["amount"],
                f"Damaged in transit: {f['item_name']} and shipping")  # fmt: skip


def reply_post(actor):
    forum_comment(
        actor, USER, actor.facts["post_id"],
        "Sorry about that! We have refunded the item and the shipping fee; you will get an"
        " email with the details.",
    )  # fmt: skip


def email_customer(actor):
    f = actor.facts
    send_mail(
        actor, USER, f"{f['customer']}@mail.test", f"Refund for order {f['order_number']}",
        f"Hello,\n\nwe have refunded ${f['amount']} for the damaged {f['item_name']} and its"
        " shipping to your original payment method.\n\nChristina, Customer Care",
    )  # fmt: skip
