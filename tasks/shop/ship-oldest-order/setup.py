"""Facts for shop.ship-oldest-order: the oldest processing order; how many remain after it."""


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT number, customer FROM orders WHERE status = 'processing' ORDER BY created_at, id"
    )
    return {
        "order_number": rows[0]["number"],
        "customer": rows[0]["customer"],
        "remaining": len(rows) - 1,
    }
