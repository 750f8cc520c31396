"""Oracles for work.spam-cleanup (through the UI)."""

from guigym.tasks.work.common import click, fill, open_page

USER = "amber.holden"


def remove(actor):
    open_page(actor, f"http://forum.test/posts/{actor.facts['post_id']}", USER)
    fill(actor, "Reason for removal", "Rule 5: No spam or self-promotion", role=None)
    click(actor, "Remove post")


def ban(actor):
    open_page(actor, "http://forum.test/c/northwind/mod", USER)
    fill(actor, "Username to ban", actor.facts["spammer"])
    fill(actor, "Reason", "Spam (Rule 5)")
    fill(actor, "Duration in days", actor.params["days"], role=None)
    click(actor, "Ban member")
