"""Facts for shop.damaged-item-refund: a delivered order, and the customer's complaint mail."""

from guigym.tasks.shop.common import money, plant_mail


def prepare(ctx):
    """Pick a recent delivered, unrefunded order of a customer; plant their complaint."""
    shop = ctx.site("shop")
    orders = shop.sql(
        "SELECT o.id, o.number, o.customer FROM orders o WHERE o.status = 'delivered'"
        " AND o.refunded_cents = 0 AND o.discount_cents = 0"
        " ORDER BY o.created_at DESC LIMIT 3"
    )
    order = orders[ctx.params["pick"]]
    item = shop.sql(
        "SELECT name, unit_price_cents FROM order_items WHERE order_id = :o"
        " ORDER BY unit_price_cents DESC, id LIMIT 1",
        {"o": order["id"]},
    )[0]
    mail_id = plant_mail(
        ctx.site("mail"),
        91001,
        order["customer"],
        "support",
        f"Damaged item in order {order['number']}",
        f"Hello,\n\nmy order {order['number']} arrived today, but the {item['name']} in it is"
        " damaged: the box was crushed and it does not turn on. Could you refund me for it?"
        "\n\nThanks",
    )
    return {
        "mail_id": mail_id,
        "order_number": order["number"],
        "customer": order["customer"],
        "item_name": item["name"],
        "amount": money(item["unit_price_cents"]),
    }
