"""Oracles for work.supplier-cost-rise (through the UI)."""

from guigym.tasks.work.common import open_page, reply_mail, send_mail, shop_product

USER = "darius.young"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/PUR/pages/supplier-price-changes", USER)


def update_cost(actor):
    shop_product(actor, USER, actor.facts["sku"], cost=actor.facts["new_cost"])


def review(actor):
    f, rise = actor.facts, actor.params["rise"]
    send_mail(
        actor, USER, "amber.holden@mail.test", f"Cost increase {rise}% on {f['sku']} for review",
        f"Hi Amber,\n\nthe supplier raises the unit cost of {f['sku']} by {rise}% to"
        f" ${f['new_cost']}. Our policy asks us to review increases over 5% together.\n\nDarius",
    )  # fmt: skip


def reply_supplier(actor):
    reply_mail(
        actor,
        USER,
        actor.facts["mail_id"],
        f"Hello,\n\nthank you, the new unit cost of ${actor.facts['new_cost']} is noted.\n\nDarius",
    )
