"""Facts for work.customer-spend: a customer's 2026 order count and total."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT customer, count(*) AS n, sum(total_cents) AS total FROM orders"
        " WHERE created_at >= '2026-01-01' AND status != 'cancelled'"
        " GROUP BY customer HAVING n BETWEEN 2 AND 5 ORDER BY customer LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    mail_id = plant_mail(
        ctx.site("mail"),
        92010,
        row["customer"],
        "christina.ponce",
        "How much have I ordered this year?",
        "Hello,\n\nfor my budget: how many orders did I place with Northwind in 2026 so far, and"
        " how much did they cost in total?\n\nThanks",
    )
    return {"mail_id": mail_id, "customer": row["customer"], "count": row["n"],
            "total": money(row["total"])}  # fmt: skip
