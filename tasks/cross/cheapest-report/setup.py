"""Facts for cross.cheapest-report: the category's cheapest active product (ties: lowest SKU)."""


def cheapest(ctx):
    """Name, SKU and price of the cheapest active product of the category."""
    row = ctx.site("shop").sql(
        "SELECT sku, name, price_cents FROM products WHERE category = :c AND is_active"
        " ORDER BY price_cents, sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    return {
        "sku": row["sku"],
        "product_name": row["name"],
        "price": f"{row['price_cents'] / 100:.2f}",
    }
