"""Facts for cross.price-calc: the cheapest and the dearest active product of the category."""


def extremes(ctx):
    """SKU and price of both ends of the category's price range."""
    shop = ctx.site("shop")
    query = (
        "SELECT sku, name, price_cents FROM products WHERE category = :c AND is_active"
        " ORDER BY price_cents {order}, sku LIMIT 1"
    )
    low = shop.sql(query.format(order="ASC"), {"c": ctx.params["category"]})[0]
    high = shop.sql(query.format(order="DESC"), {"c": ctx.params["category"]})[0]
    return {
        "low_sku": low["sku"], "low_name": low["name"], "low_price": low["price_cents"] / 100,
        "high_sku": high["sku"], "high_name": high["name"], "high_price": high["price_cents"] / 100,
    }  # fmt: skip
