"""Facts for cross.compare-two: the category's two most-reviewed active products."""


def pick_two(ctx):
    """SKUs, names and prices of the two most-reviewed products; which one is cheaper."""
    rows = ctx.site("shop").sql(
        "SELECT sku, name, price_cents FROM products WHERE category = :c AND is_active"
        " ORDER BY review_count DESC, sku LIMIT 2",
        {"c": ctx.params["category"]},
    )
    a, b = rows
    cheaper = a if (a["price_cents"], a["sku"]) <= (b["price_cents"], b["sku"]) else b
    return {
        "a_sku": a["sku"], "a_name": a["name"], "b_sku": b["sku"], "b_name": b["name"],
        "cheaper_sku": cheaper["sku"], "cheaper_name": cheaper["name"],
        "diff": f"{abs(a['price_cents'] - b['price_cents']) / 100:.2f}",
    }  # fmt: skip
