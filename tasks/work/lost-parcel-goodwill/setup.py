"""Facts for work.lost-parcel-goodwill: a shipped order whose parcel stopped moving 12 days ago."""

from guigym.tasks.work.common import money, plant_mail

SHIPPED = "2026-05-02 16:00:00"


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT id, number, customer, total_cents, tracking_number FROM orders"
        " WHERE status = 'shipped' AND refunded_cents = 0 AND total_cents BETWEEN 2000 AND 50000"
        " ORDER BY created_at LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    shop.exec(
        "UPDATE order_events SET created_at = :t WHERE order_id = :o AND status = 'shipped'",
        {"t": SHIPPED, "o": row["id"]},
    )
    mail_id = plant_mail(
        ctx.site("mail"),
        92001,
        row["customer"],
        "christina.ponce",
        f"Order {row['number']}: parcel stuck since May 2",
        f"Hello Christina,\n\nmy order {row['number']} was shipped on May 2 (UPS"
        f" {row['tracking_number']}), but the tracking has not moved since that day. It has been"
        " almost two weeks now. What can you do?\n\nThanks",
    )
    return {"mail_id": mail_id, "order_number": row["number"], "customer": row["customer"],
            "total": money(row["total_cents"])}  # fmt: skip
