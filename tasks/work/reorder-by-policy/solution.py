"""Oracles for work.reorder-by-policy (through the UI)."""

from guigym.tasks.work.common import click, fill, open_page, send_mail

USER = "darius.young"


def _po(actor):
    return actor.site("shop").sql(
        "SELECT po_number FROM purchase_orders WHERE sku = :s AND status = 'ordered'"
        " ORDER BY id DESC LIMIT 1",
        {"s": actor.facts["sku"]},
    )[0]["po_number"]


def report_qty(actor):
    open_page(actor, f"http://shop.test/admin/products/{actor.facts['sku']}", USER)
    actor.answer(str(actor.facts["qty"]))


def create_po(actor):
    open_page(actor, "http://shop.test/admin/purchase-orders/new", USER)
    fill(actor, "Product SKU", actor.facts["sku"])
    fill(actor, "Quantity", actor.facts["qty"], role="spinbutton")
    click(actor, "Create purchase order")


def report_po(actor):
    actor.answer(_po(actor))


def email_supplier(actor):
    f, po = actor.facts, _po(actor)
    send_mail(
        actor, USER, f["supplier_email"], f"Purchase order {po}",
        f"Hello,\n\nplease deliver {f['qty']} units of {f['product_name']} ({f['sku']}) on"
        f" purchase order {po}.\n\nThanks,\nDarius",
    )  # fmt: skip
