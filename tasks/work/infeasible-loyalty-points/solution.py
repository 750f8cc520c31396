"""Oracles for work.infeasible-loyalty-points (the agent ends with fail())."""

from guigym.tasks.work.common import open_page, reply_mail

USER = "christina.ponce"


def search_wiki(actor):
    open_page(actor, "http://wiki.test/search?q=loyalty", USER)


def open_order(actor):
    open_page(actor, f"http://shop.test/admin/orders/{actor.facts['order_number']}", USER)


def reply(actor):
    reply_mail(
        actor, USER, actor.facts["mail_id"],
        "Hello,\n\nI'm sorry, but Northwind Electronics has no loyalty points programme, so there"
        " are no points to redeem.\n\nChristina, Customer Care",
    )  # fmt: skip
