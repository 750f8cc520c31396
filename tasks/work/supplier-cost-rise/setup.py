"""Facts for work.supplier-cost-rise: a supplier's mail announcing a cost increase."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT p.sku, p.name, p.cost_cents, p.price_cents, s.contact_username, s.email"
        " FROM products p JOIN suppliers s ON s.id = p.supplier_id"
        " WHERE p.is_active AND p.category IN ('monitors', 'keyboards', 'speakers')"
        " ORDER BY p.sku LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    rise = ctx.params["rise"]
    new = (row["cost_cents"] * (100 + rise) + 50) // 100
    mail_id = plant_mail(
        ctx.site("mail"),
        92003,
        row["contact_username"],
        "darius.young",
        f"Price change for {row['sku']} from June 15",
        f"Hello Darius,\n\ndue to higher component costs, our price for {row['name']}"
        f" ({row['sku']}) rises by {rise}% from June 15: from ${money(row['cost_cents'])} to"
        f" ${money(new)} per unit.\n\nPlease confirm.\n\nBest regards",
    )
    return {"mail_id": mail_id, "sku": row["sku"], "supplier_email": row["email"],
            "new_cost": money(new), "price_cents": row["price_cents"]}  # fmt: skip
