"""Facts for cross.stock-check: the category's most-reviewed active product and its stock."""


def pick(ctx):
    """SKU, name and stock of the category's most-reviewed active product."""
    row = ctx.site("shop").sql(
        "SELECT sku, name, stock FROM products WHERE category = :c AND is_active AND stock > 0"
        " ORDER BY review_count DESC, sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    return {"sku": row["sku"], "product_name": row["name"], "stock": int(row["stock"])}
