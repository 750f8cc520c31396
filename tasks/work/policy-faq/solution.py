"""Oracles for work.policy-faq (through the UI)."""

from guigym.tasks.work.common import click, forum_comment, open_page

USER = "christina.ponce"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/refund-policy", USER)


def reply(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        f"Hi! Our refund policy says {actor.facts['days']} days.",
    )


def upvote(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    click(actor, "Upvote post")
