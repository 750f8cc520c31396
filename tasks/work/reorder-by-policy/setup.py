"""Facts for work.reorder-by-policy: a low-stock product with a hand-set reorder level."""


def prepare(ctx):
    shop = ctx.site("shop")
    level = ctx.params["level"]
    row = shop.sql(
        "SELECT p.sku, p.name, p.cost_cents, s.email FROM products p"
        " JOIN suppliers s ON s.id = p.supplier_id WHERE p.is_active AND p.category = :c"
        " AND NOT EXISTS (SELECT 1 FROM purchase_orders po WHERE po.sku = p.sku"
        "                 AND po.status = 'ordered')"
        " ORDER BY p.stock, p.sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    qty = 2 * level
    if row["cost_cents"] * qty > 500000:
        raise ValueError(f"{row['sku']}: {qty} units would need the manager's approval")
    shop.exec(
        "UPDATE products SET reorder_level = :lvl, stock = min(stock, :lvl) WHERE sku = :s",
        {"lvl": level, "s": row["sku"]},
    )
    return {"sku": row["sku"], "product_name": row["name"], "qty": qty,
            "supplier_email": row["email"]}  # fmt: skip
