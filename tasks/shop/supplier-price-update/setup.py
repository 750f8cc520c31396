"""Facts for shop.supplier-price-update: two of the supplier's products and their new prices."""

from guigym.tasks.shop.common import money, plant_mail


def prepare(ctx):
    shop = ctx.site("shop")
    supplier = shop.sql(
        "SELECT name, contact_username FROM suppliers WHERE id = :i", {"i": ctx.params["supplier"]}
    )[0]
    rows = shop.sql(
        "SELECT sku, name, price_cents FROM products WHERE supplier_id = :i AND is_active"
        " ORDER BY review_count DESC, sku LIMIT 2",
        {"i": ctx.params["supplier"]},
    )
    rise = ctx.params["rise"]
    new = [
        (r["sku"], r["name"], (r["price_cents"] * (100 + rise) // 10000) * 100 + 99) for r in rows
    ]
    lines = "\n".join(f"- {name} ({sku}): ${money(cents)}" for sku, name, cents in new)
    mail_id = plant_mail(
        ctx.site("mail"),
        91002,
        supplier["contact_username"],
        "darius.young",
        "New retail prices from June",
        f"Hi Darius,\n\nour costs went up by about {rise}%. Please change the retail prices of"
        f" these two products in your store:\n\n{lines}\n\nPlease confirm by reply.\n\n"
        f"Best regards,\n{supplier['name']}",
    )
    return {
        "mail_id": mail_id,
        "contact": supplier["contact_username"],
        "sku_a": new[0][0],
        "price_a": money(new[0][2]),
        "sku_b": new[1][0],
        "price_b": money(new[1][2]),
    }
