"""Facts for shop.monitor-under-budget: the cheapest in-stock monitor of the size rated 4+."""


def prepare(ctx):
    """The answer, and an empty cart for becky.gill (her seeded cart would change the order)."""
    shop = ctx.site("shop")
    row = shop.sql(
        "SELECT sku, name FROM products WHERE category = 'monitors' AND is_active AND stock > 0"
        " AND rating >= 4 AND price_cents <= 45000 AND name LIKE :size"
        " ORDER BY price_cents, sku LIMIT 1",
        {"size": f'%{ctx.params["size"]}"%'},
    )[0]
    shop.exec(
        "DELETE FROM cart_items WHERE cart_id IN (SELECT c.id FROM carts c JOIN users u"
        " ON u.id = c.user_id WHERE u.username = 'becky.gill')"
    )
    shop.exec(
        "UPDATE carts SET coupon_code = NULL WHERE user_id ="
        " (SELECT id FROM users WHERE username = 'becky.gill')"
    )
    return {"sku": row["sku"], "product_name": row["name"]}
