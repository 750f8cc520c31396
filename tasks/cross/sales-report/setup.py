"""Facts for cross.sales-report: the shop's sales report for the month (the back office's
rules: order dates in the month, cancelled orders excluded, refunds subtracted)."""

import calendar


def figures(ctx):
    """Orders, gross, refunds, net and average of the month; the last mail message id."""
    year, month = (int(p) for p in ctx.params["month"].split("-"))
    last_day = calendar.monthrange(year, month)[1]
    row = ctx.site("shop").sql(
        "SELECT COUNT(*) AS n, COALESCE(SUM(total_cents), 0) AS gross,"
        " COALESCE(SUM(refunded_cents), 0) AS refunded FROM orders"
        " WHERE created_at >= :lo AND created_at < date(:hi, '+1 day') AND status != 'cancelled'",
        {"lo": f"{year:04d}-{month:02d}-01", "hi": f"{year:04d}-{month:02d}-{last_day:02d}"},
    )[0]
    last = ctx.site("mail").sql("SELECT MAX(id) AS n FROM messages")[0]["n"]
    return {
        "orders": row["n"], "gross": row["gross"] / 100, "refunds": row["refunded"] / 100,
        "net": (row["gross"] - row["refunded"]) / 100,
        "average": round(row["gross"] / row["n"] / 100, 2), "month_end": f"{last_day:02d}",
        "last_message": last,
    }  # fmt: skip
