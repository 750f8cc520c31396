"""Facts for shop.infeasible-coupon: an in-stock product, an empty cart, and no such coupon."""

from guigym.tasks.shop.common import money


def prepare(ctx):
    shop = ctx.site("shop")
    if shop.sql("SELECT 1 FROM coupons WHERE code = :c", {"c": ctx.params["code"]}):
        raise ValueError(f"coupon {ctx.params['code']} exists: the task would be feasible")
    row = shop.sql(
        "SELECT sku, name, price_cents FROM products WHERE category = :c AND is_active"
        " AND stock >= 5 ORDER BY review_count DESC, sku LIMIT 1",
        {"c": ctx.params["category"]},
    )[0]
    shop.exec(
        "DELETE FROM cart_items WHERE cart_id IN (SELECT c.id FROM carts c JOIN users u"
        " ON u.id = c.user_id WHERE u.username = 'jennifer.mcdaniel')"
    )
    return {
        "sku": row["sku"],
        "product_name": row["name"],
        "subtotal": money(2 * row["price_cents"]),
    }
