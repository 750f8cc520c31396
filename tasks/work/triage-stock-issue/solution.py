"""Oracles for work.triage-stock-issue (through the UI)."""

from guigym.tasks.work.common import code_comment, code_triage, open_page

USER = "darius.young"
PROJECT = "platform/inventory-service"


def report_stock(actor):
    open_page(actor, f"http://shop.test/admin/products/{actor.facts['sku']}", USER)
    actor.answer(str(actor.facts["stock"]))


def labels(actor):
    code_triage(actor, USER, PROJECT, actor.facts["iid"], labels=["bug", actor.params["priority"]])


def assign(actor):
    code_triage(actor, USER, PROJECT, actor.facts["iid"], assignee=actor.params["assignee"],
                milestone="Q2 2026")  # fmt: skip


def comment(actor):
    f = actor.facts
    code_comment(actor, USER, PROJECT, f["iid"],
                 f"The back office shows {f['stock']} units of {f['sku']} in stock.")  # fmt: skip
