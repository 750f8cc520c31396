"""Facts for work.stocktake-correction: a shortfall over 20 units worth over $1,000."""

from guigym.tasks.work.common import plant_issue


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT sku, name, stock, cost_cents FROM products WHERE is_active AND stock >= 40"
        " AND cost_cents >= 5000 ORDER BY sku LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    delta = ctx.params["delta"]
    if delta * row["cost_cents"] <= 100000:
        raise ValueError("the difference would be worth $1,000 or less")
    counted = row["stock"] - delta
    iid = plant_issue(
        ctx.site("code"),
        "internal-tools/stocktake-cli",
        "matthew.armstrong",
        f"Stocktake difference: {row['sku']} counted {counted}, system says {row['stock']}",
        f"Aisle count this morning: **{counted}** units of {row['name']} ({row['sku']}); the shop"
        f" shows {row['stock']}. Please book the correction.",
    )
    return {"iid": iid, "sku": row["sku"], "counted": counted}
