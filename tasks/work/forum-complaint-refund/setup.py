"""Facts for work.forum-complaint-refund: a delivered order and the customer's forum post."""

from guigym.tasks.work.common import money, plant_post


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT o.id, o.number, o.customer, o.shipping_cents, i.name, i.unit_price_cents"
        " FROM orders o JOIN order_items i ON i.order_id = o.id"
        " WHERE o.status = 'delivered' AND o.refunded_cents = 0 AND o.discount_cents = 0"
        " AND o.shipping_cents > 0 AND i.qty = 1"
        " AND i.unit_price_cents + o.shipping_cents <= 50000"
        " AND i.id = (SELECT id FROM order_items WHERE order_id = o.id"
        "             ORDER BY unit_price_cents DESC, id LIMIT 1)"
        " ORDER BY o.created_at DESC LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    post_id = plant_post(
        ctx.site("forum"),
        row["customer"],
        "northwind",
        f"{row['name']} arrived damaged (order {row['number']})",
        f"My order {row['number']} was delivered this week, but the {row['name']} was damaged"
        " in transit: the box was crushed and it won't power on. Can Northwind help?",
    )
    return {
        "post_id": post_id,
        "order_number": row["number"],
        "customer": row["customer"],
        "item_name": row["name"],
        "amount": money(row["unit_price_cents"] + row["shipping_cents"]),
    }
