"""Facts for shop.monthly-spend: tammy.thompson's orders that month (2-4 of them) and sums."""

import calendar


def prepare(ctx):
    shop = ctx.site("shop")
    month = ctx.params["month"]
    where = "status != 'cancelled' AND strftime('%Y-%m', created_at) = :m"
    m = f"2026-{month}"
    customer = "tammy.thompson"
    rows = shop.sql(
        f"SELECT number, total_cents FROM orders WHERE {where} AND customer = :c"  # noqa: S608
        " ORDER BY total_cents DESC, number",
        {"m": m, "c": customer},
    )
    return {
        "month_name": calendar.month_name[int(month)],
        "count": len(rows),
        "total": f"{sum(r['total_cents'] for r in rows) / 100:.2f}",
        "biggest": rows[0]["number"],
    }
