"""Oracles for work.brand-restock (through the UI)."""

from guigym.tasks.work.common import click, fill, open_page, send_mail

USER = "darius.young"


def create_po(actor):
    open_page(actor, "http://shop.test/admin/purchase-orders/new", USER)
    fill(actor, "Product SKU", actor.facts["sku"])
    fill(actor, "Quantity", 10, role="spinbutton")
    click(actor, "Create purchase order")


def email_contact(actor):
    f = actor.facts
    po = actor.site("shop").sql(
        "SELECT po_number FROM purchase_orders WHERE sku = :s ORDER BY id DESC LIMIT 1",
        {"s": f["sku"]},
    )[0]["po_number"]
    send_mail(actor, USER, f"{f['contact']}@mail.test", f"Purchase order {po}",
              f"Hello,\n\nplease deliver 10 units of {f['sku']} on {po}.\n\nDarius")  # fmt: skip
