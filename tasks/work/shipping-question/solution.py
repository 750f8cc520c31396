"""Oracles for work.shipping-question (through the UI)."""

from guigym.tasks.work.common import click, forum_comment, open_page

USER = "christina.ponce"


def read_rules(actor):
    open_page(actor, "http://wiki.test/spaces/OPS/pages/shipping-rules", USER)


def reply(actor):
    forum_comment(actor, USER, actor.facts["post_id"],
                  f"Hi! That is ${actor.facts['amount']} (see our shipping rules).")  # fmt: skip


def upvote(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    click(actor, "Upvote post")
