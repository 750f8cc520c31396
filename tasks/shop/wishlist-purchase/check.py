"""Checks for shop.wishlist-purchase that stay true once the order is placed."""

from guigym.evaluators import CheckResult, names_only

NEW_ORDER = (
    "SELECT o.number FROM orders o JOIN order_items i ON i.order_id = o.id"
    " WHERE o.customer = 'amanda.williams' AND o.created_at >= '2026-05-15 10:00'"
    " AND i.sku = :sku ORDER BY o.id DESC"
)


def in_cart_or_ordered(ctx):
    sku, qty = ctx.facts["sku"], ctx.params["qty"]
    if ctx.sql("shop", NEW_ORDER, {"sku": sku}):
        return CheckResult.ok(f"{sku} was ordered")
    rows = ctx.sql(
        "shop",
        "SELECT ci.qty FROM cart_items ci JOIN carts c ON c.id = ci.cart_id JOIN users u"
        " ON u.id = c.user_id JOIN products p ON p.id = ci.product_id"
        " WHERE u.username = 'amanda.williams' AND p.sku = :sku",
        {"sku": sku},
    )
    if rows and rows[0]["qty"] == qty:
        return CheckResult.ok(f"{qty} x {sku} in the cart")
    return CheckResult.no(f"expected {qty} x {sku} in the cart, found {rows}")


def reported_order(ctx):
    orders = ctx.sql("shop", NEW_ORDER, {"sku": ctx.facts["sku"]})
    if not orders:
        return CheckResult.no("no new order yet")
    number = orders[0]["number"]
    why = names_only(ctx.answer or "", number, pattern=r"SO-\d+")
    if why is None:
        return CheckResult.ok(f"answered {number}")
    return CheckResult.no(f"expected an answer naming {number} only: {why}")
