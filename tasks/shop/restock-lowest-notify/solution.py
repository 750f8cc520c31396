"""Oracles for shop.restock-lowest-notify."""

from guigym.tasks.shop.common import click, fill, login, open_admin, send_mail


def _po(actor):
    return actor.site("shop").sql(
        "SELECT po_number FROM purchase_orders WHERE sku = :s AND status = 'ordered'"
        " ORDER BY id DESC LIMIT 1",
        {"s": actor.facts["sku"]},
    )[0]["po_number"]


def create_po(actor):
    open_admin(actor, "/admin/purchase-orders/new")
    fill(actor, "Product SKU", actor.facts["sku"])
    fill(actor, "Quantity", actor.params["qty"], role="spinbutton")
    click(actor, "Create purchase order")


def report_po(actor):
    actor.answer(_po(actor))


def sign_in_mail(actor):
    login(actor, "mail", "darius.young")


def email_supplier(actor):
    po, qty = _po(actor), actor.params["qty"]
    send_mail(
        actor,
        "darius.young",
        actor.facts["supplier_email"],
        f"Purchase order {po}",
        f"Hello,\n\nplease deliver {qty} units of {actor.facts['product_name']}"
        f" ({actor.facts['sku']}) on purchase order {po}.\n\nThanks,\nDarius",
    )
