"""Facts for cross.product-memo: the category's most-reviewed active product."""


def pick(ctx):
    """SKU, name and price of the category's most-reviewed active product."""
    row = ctx.site("shop").sql(
        "SELECT sku, name, price_cents FROM products WHERE category = :c AND is_active"
        " ORDER BY review_count DESC, sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    return {
        "sku": row["sku"],
        "product_name": row["name"],
        "price": f"{row['price_cents'] / 100:.2f}",
    }
