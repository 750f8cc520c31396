"""Facts for work.cancel-large-order: a processing order over $1,000 and the customer's request."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT id, number, customer, total_cents FROM orders"
        " WHERE status IN ('processing', 'pending') AND total_cents > 100000"
        " ORDER BY total_cents DESC, number LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    shop.exec("UPDATE orders SET status = 'processing' WHERE id = :o", {"o": row["id"]})
    mail_id = plant_mail(
        ctx.site("mail"),
        92002,
        row["customer"],
        "nicholas.robinson",
        f"Please cancel order {row['number']}",
        f"Hello,\n\nI ordered by mistake. Please cancel my order {row['number']} before it ships"
        " and refund me.\n\nThank you",
    )
    return {"mail_id": mail_id, "order_number": row["number"], "customer": row["customer"],
            "total": money(row["total_cents"])}  # fmt: skip
