"""Oracles for work.access-request (through the UI)."""

from guigym.tasks.work.common import click, code_comment, open_page, pick

USER = "amber.holden"


def grant(actor):
    f = actor.facts
    open_page(actor, f"http://code.test/{f['project']}/-/project_members", USER)
    pick(actor, f"Role of {f['requester_name']}", "developer")
    click(actor, f"Save role of {f['requester_name']}")


def close_request(actor):
    f = actor.facts
    code_comment(actor, USER, "docs/handbook", f["iid"],
                 f"Granted: {f['requester']} is now a developer on {f['project']}.",
                 close=True)  # fmt: skip
