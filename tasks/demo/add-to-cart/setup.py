"""Facts for demo.add-to-cart: an in-stock product of the category."""


def pick_product(ctx):
    """The lowest-SKU active product with at least 5 in stock."""
    row = ctx.site("shop").sql(
        "SELECT sku, name FROM products WHERE category = :c AND is_active AND stock >= 5"
        " ORDER BY sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    return {"sku": row["sku"], "product_name": row["name"]}
