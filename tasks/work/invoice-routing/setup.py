"""Facts for work.invoice-routing: a supplier's reminder about an unpaid invoice."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT po.po_number, po.qty * po.unit_cost_cents AS total, s.contact_username"
        " FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id"
        " WHERE po.status = 'received' ORDER BY po.received_at DESC LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    invoice = "INV-" + row["po_number"].split("-")[1] + "-77"
    mail_id = plant_mail(
        ctx.site("mail"),
        92009,
        row["contact_username"],
        "darius.young",
        f"Reminder: invoice {invoice} is overdue",
        f"Hello Darius,\n\nour invoice {invoice} for {row['po_number']}"
        " was due last week and is still unpaid. Could you check?\n\nBest regards",
    )
    return {"mail_id": mail_id, "invoice": invoice, "supplier": row["contact_username"],
            "po": row["po_number"], "total": money(row["total"])}  # fmt: skip
