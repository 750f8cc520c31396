"""Oracles for work.heated-thread (through the UI)."""

from guigym.tasks.helpers import elements
from guigym.tasks.work.common import click, fill, open_page, send_mail

USER = "nicholas.robinson"


def remove_comment(actor):
    f = actor.facts
    open_page(actor, f"http://forum.test/posts/{f['post_id']}", USER)
    label = f"Reason for removing comment {f['comment_id']}"
    fill(actor, label, "Rule 1: Be kind")
    # the Remove button that follows this comment's reason field (every comment has one)
    found = elements(actor.observation["axtree"])
    start = next(i for i, (_, _, name) in enumerate(found) if name == label)
    button = next(e for e, role, name in found[start:] if role == "button" and name == "Remove")
    actor.click(button)


def lock(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    click(actor, "Lock thread")


def tell_manager(actor):
    f = actor.facts
    send_mail(actor, USER, "amber.holden@mail.test", "Locked a heated thread in c/northwind",
              f"Hi Amber,\n\nI removed a rude comment by {f['rude']} and locked"
              f" http://forum.test/posts/{f['post_id']}\n\nNicholas")  # fmt: skip
