"""Facts for work.cosmetic-damage: a delivered item with a scratch; 10% back, at most $50."""

from guigym.tasks.work.common import money, plant_mail

#: One cheaper item (10% applies) and two dearer ones (the $50 cap applies).
BANDS = [(5000, 49999), (50001, 200000), (20000, 49999)]


def prepare(ctx):
    low, high = BANDS[ctx.params["pick"]]
    row = ctx.site("shop").sql(
        "SELECT o.number, o.customer, i.name, i.unit_price_cents FROM orders o"
        " JOIN order_items i ON i.order_id = o.id WHERE o.status = 'delivered'"
        " AND o.refunded_cents = 0 AND o.discount_cents = 0 AND i.qty = 1"
        " AND i.unit_price_cents BETWEEN :lo AND :hi ORDER BY o.created_at DESC, i.id LIMIT 1",
        {"lo": low, "hi": high},
    )[0]
    amount = min(row["unit_price_cents"] // 10, 5000)
    mail_id = plant_mail(
        ctx.site("mail"),
        92008,
        row["customer"],
        "christina.ponce",
        f"Scratch on my {row['name']} (order {row['number']})",
        f"Hi,\n\nthe {row['name']} from order {row['number']} has a small scratch on the side."
        " It works fine and I'd keep it if you can give me something back.\n\nThanks",
    )
    return {"mail_id": mail_id, "order_number": row["number"], "item_name": row["name"],
            "amount": money(amount)}  # fmt: skip
