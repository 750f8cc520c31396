"""Facts for shop.infeasible-product: a customer's request for a product the shop lacks."""

from guigym.tasks.shop.common import plant_mail


def prepare(ctx):
    product = ctx.params["product"]
    like = (
        "%"
        + {"Nintendo Switch 2": "Nintendo", "Apple Vision Pro": "Vision Pro"}.get(
            product, "Steam Deck"
        )
        + "%"
    )
    if ctx.site("shop").sql("SELECT sku FROM products WHERE name LIKE :p", {"p": like}):
        raise ValueError(f"the shop sells {product}: the task would be feasible")
    customer = "becky.gill"
    mail_id = plant_mail(
        ctx.site("mail"),
        91004,
        customer,
        "support",
        f"Can you order a {product} for me?",
        f"Hello,\n\ncould you please order a {product} for me and ship it to my home address?"
        " I'm happy to pay by card as usual.\n\nThanks, Becky",
    )
    return {"mail_id": mail_id, "customer": customer}
