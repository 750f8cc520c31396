"""Facts for shop.wishlist-purchase: the cheapest in-stock wishlist item; an empty cart."""


def prepare(ctx):
    shop = ctx.site("shop")
    row = shop.sql(
        "SELECT p.sku FROM wishlists w JOIN users u ON u.id = w.user_id"
        " JOIN products p ON p.id = w.product_id WHERE u.username = 'amanda.williams'"
        " AND p.stock >= 3 AND p.is_active ORDER BY p.price_cents, p.sku LIMIT 1"
    )[0]
    address = shop.sql(
        "SELECT a.label FROM addresses a JOIN users u ON u.id = a.user_id"
        " WHERE u.username = 'amanda.williams' ORDER BY a.is_default DESC, a.id LIMIT 1"
    )[0]
    shop.exec(
        "DELETE FROM cart_items WHERE cart_id IN (SELECT c.id FROM carts c JOIN users u"
        " ON u.id = c.user_id WHERE u.username = 'amanda.williams')"
    )
    shop.exec(
        "UPDATE carts SET coupon_code = NULL WHERE user_id ="
        " (SELECT id FROM users WHERE username = 'amanda.williams')"
    )
    return {"sku": row["sku"], "address_label": address["label"]}
