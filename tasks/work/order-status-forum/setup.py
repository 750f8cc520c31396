"""Facts for work.order-status-forum: a shipped order and its customer's forum question."""

from guigym.tasks.work.common import plant_post


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT number, customer, status, tracking_number FROM orders WHERE status = 'shipped'"
        " AND coalesce(tracking_number, '') != '' ORDER BY created_at DESC LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    post_id = plant_post(
        ctx.site("forum"),
        row["customer"],
        "northwind",
        f"Where is my order {row['number']}?",
        f"I ordered a few days ago ({row['number']}) and haven't received anything yet. Has it"
        " even shipped?",
    )
    return {"post_id": post_id, "order_number": row["number"], "status": row["status"],
            "tracking": row["tracking_number"]}  # fmt: skip
