"""Facts for work.approve-damaged-return: a damaged return requested within 30 days."""

from guigym.tasks.work.common import money


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT r.number, o.number AS order_number, u.username, o.shipping_cents FROM returns r"
        " JOIN orders o ON o.id = r.order_id JOIN users u ON u.id = r.user_id"
        " WHERE r.status = 'requested' AND r.reason = 'damaged' AND o.status = 'delivered'"
        " AND julianday(r.created_at) - julianday((SELECT max(e.created_at) FROM order_events e"
        "     WHERE e.order_id = o.id AND e.status = 'delivered')) <= 30"
        " ORDER BY r.created_at DESC LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    return {"rma": row["number"], "order_number": row["order_number"],
            "customer": row["username"], "shipping": money(row["shipping_cents"])}  # fmt: skip
