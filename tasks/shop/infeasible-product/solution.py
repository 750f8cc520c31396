"""Oracles for shop.infeasible-product (the agent ends with fail())."""

from guigym.tasks.shop.common import click, reply_mail


def reply(actor):
    reply_mail(
        actor,
        "support",
        actor.facts["mail_id"],
        f"Hello Becky,\n\nI'm sorry: we do not sell the {actor.params['product']}, so we cannot"
        " order it for you.\n\nCustomer Care",
    )


def archive(actor):
    actor.goto(f"http://mail.test/messages/{actor.facts['mail_id']}")
    click(actor, "Archive", exact=True)
