"""Oracles for work.policy-history (through the UI)."""

from guigym.tasks.work.common import click, fill, open_page

USER = "amber.holden"


def _page(actor):
    f = actor.facts
    open_page(actor, f"http://wiki.test/spaces/{f['space']}/pages/{actor.params['page']}", USER)


def watch(actor):
    _page(actor)
    click(actor, "Watch", exact=True)


def label(actor):
    _page(actor)
    fill(actor, "New label", "reviewed-q2")
    click(actor, "Add label")
