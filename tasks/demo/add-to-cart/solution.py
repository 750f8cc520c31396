"""Oracles for demo.add-to-cart."""

from guigym.tasks import find_element

NOW = "2026-05-15 10:00:00"


def add_to_cart(actor):
    """Through the UI: set the quantity on the product page and press "Add to cart"."""
    obs = actor.observation
    if f"/product/{actor.facts['sku']}" not in str(obs.get("url", "")):
        obs = actor.goto(f"http://shop.test/product/{actor.facts['sku']}")
    axtree = obs["axtree"]
    actor.fill(find_element(axtree, "Quantity"), str(actor.params["qty"]))
    actor.click(find_element(axtree, "Add to cart", "button"))


def add_to_cart_fast(ctx):
    """The same effect through the control API (for mid-chain starts)."""
    shop = ctx.site("shop")
    shop.exec(
        "INSERT INTO carts (user_id, updated_at) SELECT u.id, :now FROM users u"
        " WHERE u.username = 'becky.gill'"
        " AND NOT EXISTS (SELECT 1 FROM carts c WHERE c.user_id = u.id)",
        {"now": NOW},
    )
    shop.exec(
        "INSERT INTO cart_items (cart_id, product_id, qty) SELECT c.id, p.id, :qty"
        " FROM carts c JOIN users u ON u.id = c.user_id, products p"
        " WHERE u.username = 'becky.gill' AND p.sku = :sku",
        {"qty": ctx.params["qty"], "sku": ctx.facts["sku"]},
    )
