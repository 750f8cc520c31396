"""Oracles for work.stocktake-correction (through the UI)."""

from guigym.tasks.work.common import code_comment, open_page, send_mail, shop_product

USER = "roberto.johnson"


def read_procedure(actor):
    open_page(actor, "http://wiki.test/spaces/OPS/pages/stocktake-procedure", USER)


def correct_stock(actor):
    shop_product(actor, USER, actor.facts["sku"], stock=actor.facts["counted"])


def close_issue(actor):
    f = actor.facts
    code_comment(actor, USER, "internal-tools/stocktake-cli", f["iid"],
                 f"Booked: {f['sku']} set to {f['counted']}, witness amber.holden.",
                 close=True)  # fmt: skip


def report_finance(actor):
    f = actor.facts
    send_mail(actor, USER, "david.phillips@mail.test", f"Stocktake difference on {f['sku']}",
              f"Hi David,\n\n{f['sku']} was corrected to {f['counted']} units after the"
              " stocktake; the difference is worth more than $1,000.\n\nRoberto")  # fmt: skip
