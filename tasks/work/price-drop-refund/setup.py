"""Facts for work.price-drop-refund: a recent order line whose product just got cheaper."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT o.number, o.customer, i.sku, i.name, i.unit_price_cents FROM orders o"
        " JOIN order_items i ON i.order_id = o.id JOIN products p ON p.sku = i.sku"
        " WHERE o.status IN ('delivered', 'shipped') AND o.created_at >= '2026-05-03'"
        " AND o.refunded_cents = 0 AND coalesce(o.coupon_code, '') = '' AND i.qty = 1"
        " AND p.price_cents = i.unit_price_cents AND i.unit_price_cents >= 5000"
        " ORDER BY o.created_at DESC, i.id LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    new = row["unit_price_cents"] * (100 - ctx.params["drop"]) // 100
    shop.exec("UPDATE products SET price_cents = :p WHERE sku = :s", {"p": new, "s": row["sku"]})
    mail_id = plant_mail(
        ctx.site("mail"),
        92006,
        row["customer"],
        "nicholas.robinson",
        f"Price dropped after my order {row['number']}",
        f"Hello,\n\nI bought the {row['name']} ({row['sku']}) with order {row['number']} a few"
        " days ago, and today your shop sells it for less. Could you refund me the difference?"
        "\n\nThanks",
    )
    return {"mail_id": mail_id, "order_number": row["number"], "sku": row["sku"],
            "difference": money(row["unit_price_cents"] - new)}  # fmt: skip
