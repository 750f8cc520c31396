"""Oracles for work.community-top-post (through the UI)."""

from guigym.tasks.work.common import click, forum_comment, open_page

USER = "becky.gill"


def upvote(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    click(actor, "Upvote post")


def join(actor):
    open_page(actor, f"http://forum.test/c/{actor.params['community']}", USER)
    click(actor, f"Join c/{actor.params['community']}")


def thank(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        f"Thanks u/{actor.facts['author']}, this is a great post!",
    )
