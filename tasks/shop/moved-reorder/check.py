"""Checks for shop.moved-reorder that stay true once the order is placed."""

from guigym.evaluators import CheckResult, run_check

NEW_ORDER = (
    "SELECT o.number, o.total_cents FROM orders o JOIN order_items i ON i.order_id = o.id"
    " WHERE o.customer = 'jared.long' AND o.created_at >= '2026-05-15 10:00' AND i.sku = :sku"
    " ORDER BY o.id DESC"
)


def in_cart_or_ordered(ctx):
    sku, qty = ctx.facts["sku"], ctx.facts["qty"]
    if ctx.sql("shop", NEW_ORDER, {"sku": sku}):
        return CheckResult.ok(f"{sku} was ordered")
    rows = ctx.sql(
        "shop",
        "SELECT ci.qty FROM cart_items ci JOIN carts c ON c.id = ci.cart_id JOIN users u"
        " ON u.id = c.user_id JOIN products p ON p.id = ci.product_id"
        " WHERE u.username = 'jared.long' AND p.sku = :sku",
        {"sku": sku},
    )
    if rows and rows[0]["qty"] == qty:
        return CheckResult.ok(f"{qty} x {sku} in the cart")
    return CheckResult.no(f"expected {qty} x {sku} in the cart, found {rows}")


def reported_total(ctx):
    orders = ctx.sql("shop", NEW_ORDER, {"sku": ctx.facts["sku"]})
    if not orders:
        return CheckResult.no("no new order yet")
    total = orders[0]["total_cents"] / 100
    return run_check({"answer": {"number": {"value": total, "tol": 0.005}}}, ctx)
