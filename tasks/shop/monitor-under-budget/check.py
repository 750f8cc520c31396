"""Checks for shop.monitor-under-budget: cart state that stays true once the order is placed."""

from guigym.evaluators import CheckResult

NEW_ORDER = (
    "SELECT o.number, o.total_cents, o.coupon_code FROM orders o JOIN order_items i"
    " ON i.order_id = o.id WHERE o.customer = 'becky.gill' AND o.created_at >= '2026-05-15 10:00'"
    " AND i.sku = :sku ORDER BY o.id DESC"
)
CART = (
    "SELECT c.coupon_code, ci.qty FROM carts c JOIN users u ON u.id = c.user_id"
    " LEFT JOIN cart_items ci ON ci.cart_id = c.id AND ci.product_id ="
    " (SELECT id FROM products WHERE sku = :sku) WHERE u.username = 'becky.gill'"
)


def in_cart_or_ordered(ctx):
    sku = ctx.facts["sku"]
    if ctx.sql("shop", NEW_ORDER, {"sku": sku}):
        return CheckResult.ok(f"{sku} was ordered")
    cart = ctx.sql("shop", CART, {"sku": sku})
    if cart and cart[0]["qty"]:
        return CheckResult.ok(f"{sku} is in the cart")
    return CheckResult.no(f"{sku} is not in becky.gill's cart")


def coupon_applied(ctx):
    orders = ctx.sql("shop", NEW_ORDER, {"sku": ctx.facts["sku"]})
    if orders:
        ok = orders[0]["coupon_code"] == "SPRING15"
        return CheckResult.ok("ordered with SPRING15") if ok else CheckResult.no("no coupon")
    cart = ctx.sql("shop", CART, {"sku": ctx.facts["sku"]})
    if cart and (cart[0]["coupon_code"] or "").upper() == "SPRING15":
        return CheckResult.ok("SPRING15 is applied to the cart")
    return CheckResult.no("the cart has no SPRING15 coupon")


def reported_total(ctx):
    from guigym.evaluators import run_check

    orders = ctx.sql("shop", NEW_ORDER, {"sku": ctx.facts["sku"]})
    if not orders:
        return CheckResult.no("no order yet")
    total = orders[0]["total_cents"] / 100
    return run_check({"answer": {"number": {"value": total, "tol": 0.005}}}, ctx)
