"""Oracles for work.review-merge (through the UI)."""

from guigym.tasks.work.common import click, forum_post, open_page

USER, PASSWORD = "admin", "admin-pass"


def _open(actor):
    f = actor.facts
    open_page(actor, f"http://code.test/{f['project']}/-/merge_requests/{f['iid']}", USER, PASSWORD)


def approve(actor):
    _open(actor)
    click(actor, "Approve", exact=True)


def merge(actor):
    _open(actor)
    click(actor, "Merge", exact=True)


def announce(actor):
    f = actor.facts
    open_page(actor, "http://forum.test/c/northwind_dev", USER, PASSWORD)
    forum_post(actor, USER, "northwind_dev", f"Merged: {f['title']}",
               f"\"{f['title']}\" (!{f['iid']}) was merged into {f['project']}.")  # fmt: skip
