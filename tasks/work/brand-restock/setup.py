"""Facts for work.brand-restock: the brand's lowest-stock product and its supplier contact."""


def prepare(ctx):
    shop = ctx.site("shop")
    row = shop.sql(
        "SELECT p.sku, s.contact_username, s.lead_time_days FROM products p"
        " JOIN suppliers s ON s.id = p.supplier_id WHERE p.brand = :b AND p.is_active"
        " AND p.category NOT IN ('laptops', 'phones', 'tablets', 'cameras')"
        " AND NOT EXISTS (SELECT 1 FROM purchase_orders po WHERE po.sku = p.sku"
        "                 AND po.status = 'ordered')"
        " ORDER BY p.stock, p.sku LIMIT 1",
        {"b": ctx.params["brand"]},
    )[0]
    return {"sku": row["sku"], "contact": row["contact_username"],
            "lead_time": row["lead_time_days"]}  # fmt: skip
