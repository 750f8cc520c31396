"""Facts for shop.cancel-on-request: a not-yet-shipped order and the customer's request."""

from guigym.tasks.shop.common import plant_mail


def prepare(ctx):
    orders = ctx.site("shop").sql(
        "SELECT number, customer FROM orders WHERE status IN ('pending', 'processing')"
        " ORDER BY created_at DESC, id DESC LIMIT 3"
    )
    order = orders[ctx.params["pick"]]
    mail_id = plant_mail(
        ctx.site("mail"),
        91003,
        order["customer"],
        "support",
        f"Please cancel order {order['number']}",
        f"Hi,\n\nI ordered by mistake. Please cancel my order {order['number']} before it ships."
        "\n\nThank you",
    )
    return {"mail_id": mail_id, "order_number": order["number"], "customer": order["customer"]}
