"""Facts for cross.price-sheet: the category's most-reviewed active product and its price."""


def pick_product(ctx):
    """The most-reviewed active product of the category (ties: lowest SKU)."""
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
