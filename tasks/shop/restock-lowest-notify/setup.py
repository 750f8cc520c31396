"""Facts for shop.restock-lowest-notify: the category's lowest-stock product and its supplier."""


def prepare(ctx):
    """Make the lowest-stock product unambiguous and free of open purchase orders."""
    shop = ctx.site("shop")
    row = shop.sql(
        "SELECT p.sku, p.name, s.email FROM products p JOIN suppliers s ON s.id = p.supplier_id"
        " WHERE p.category = :c AND p.is_active ORDER BY p.stock, p.sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    shop.exec(
        "UPDATE products SET stock = stock + 1 WHERE category = :c AND sku != :s"
        " AND stock = (SELECT stock FROM products WHERE sku = :s)",
        {"c": ctx.params["category"], "s": row["sku"]},
    )
    shop.exec(
        "DELETE FROM purchase_orders WHERE sku = :s AND status = 'ordered'", {"s": row["sku"]}
    )
    return {"sku": row["sku"], "product_name": row["name"], "supplier_email": row["email"]}
