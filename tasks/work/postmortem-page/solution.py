"""Oracles for work.postmortem-page (through the UI)."""

from guigym.tasks.work.common import click, code_comment, fill, open_page

USER = "matthew.armstrong"


def create_page(actor):
    f = actor.facts
    open_page(actor, "http://wiki.test/spaces/ENG/new", USER)
    fill(actor, "Title", f"Post-mortem: {f['title']}")
    fill(actor, "Content (Markdown)",
         f"# Post-mortem: {f['title']}\n\nIssue: http://code.test/platform/order-api/-/issues/"
         f"{f['iid']}\n\nOwner: {f['assignee']}\n")  # fmt: skip
    click(actor, "Create page")


def label_page(actor):
    open_page(actor, f"http://wiki.test/spaces/ENG/pages/{actor.facts['slug']}", USER)
    fill(actor, "New label", "post-mortem")
    click(actor, "Add label")


def link_issue(actor):
    f = actor.facts
    code_comment(actor, USER, "platform/order-api", f["iid"],
                 f"Post-mortem: http://wiki.test/spaces/ENG/pages/{f['slug']}")  # fmt: skip
