"""Oracles for work.price-drop-refund (through the UI)."""

from guigym.tasks.work.common import open_page, reply_mail, shop_refund

USER = "nicholas.robinson"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/refund-policy", USER)


def report_difference(actor):
    open_page(actor, f"http://shop.test/admin/products/{actor.facts['sku']}", USER)
    actor.answer(f"${actor.facts['difference']}")


def refund(actor):
    f = actor.facts
    shop_refund(actor, USER, f["order_number"], f["difference"], f"Price drop on {f['sku']}")


def reply(actor):
    reply_mail(
        actor, USER, actor.facts["mail_id"],
        f"Hello,\n\nwe have refunded the difference of ${actor.facts['difference']} to your"
        " original payment method.\n\nNicholas, Customer Care",
    )  # fmt: skip
