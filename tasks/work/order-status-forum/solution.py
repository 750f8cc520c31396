"""Oracles for work.order-status-forum (through the UI)."""

from guigym.tasks.work.common import click, forum_comment, open_page

USER = "nicholas.robinson"


def open_order(actor):
    open_page(actor, f"http://shop.test/admin/orders/{actor.facts['order_number']}", USER)


def reply(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        f"Good news: it has shipped with UPS, tracking number {actor.facts['tracking']}.",
    )


def upvote(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    click(actor, "Upvote post")
