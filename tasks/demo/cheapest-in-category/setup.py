"""Facts for demo.cheapest-in-category: the SKUs at the category's lowest active price."""


def cheapest(ctx):
    """Every active product of the category at the minimum price (ties all count)."""
    rows = ctx.site("shop").sql(
        "SELECT sku FROM products WHERE category = :c AND is_active AND price_cents ="
        " (SELECT min(price_cents) FROM products WHERE category = :c AND is_active) ORDER BY sku",
        {"c": ctx.params["category"]},
    )
    return {"cheapest_skus": [r["sku"] for r in rows]}
