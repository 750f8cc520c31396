"""Facts for shop.category-sales-report: revenue per category, units per product, in the month."""

import calendar

SALES = (
    "SELECT {key} AS k, sum({what}) AS units FROM order_items i JOIN orders o ON o.id = i.order_id"
    " JOIN products p ON p.id = i.product_id WHERE o.status != 'cancelled'"
    " AND strftime('%Y-%m', o.created_at) = :m {extra} GROUP BY k ORDER BY units DESC, k"
)


def prepare(ctx):
    shop = ctx.site("shop")
    m = f"2026-{ctx.params['month']}"
    cats = shop.sql(SALES.format(key="p.category", what="i.line_total_cents", extra=""), {"m": m})
    if len(cats) > 1 and cats[0]["units"] == cats[1]["units"]:
        raise ValueError(f"tie between categories in {m}: {cats[:2]}")
    name = shop.sql("SELECT name FROM categories WHERE slug = :s", {"s": cats[0]["k"]})[0]["name"]
    top = shop.sql(
        SALES.format(key="i.sku", what="i.qty", extra="AND p.category = :c"),
        {"m": m, "c": cats[0]["k"]},
    )
    return {
        "month_name": calendar.month_name[int(ctx.params["month"])],
        "category": name,
        "revenue": f"{cats[0]['units'] / 100:.2f}",
        "top_skus": [r["k"] for r in top if r["units"] == top[0]["units"]],
    }
