"""Facts for work.stock-issue-fix: a product whose shelf count differs, and QA's issue about it."""

from guigym.tasks.work.common import plant_issue


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT sku, name, stock FROM products WHERE is_active AND stock BETWEEN 12 AND 40"
        " AND category IN ('keyboards', 'mice', 'headphones') ORDER BY sku LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    shelf = row["stock"] - ctx.params["delta"]
    iid = plant_issue(
        ctx.site("code"),
        "storefront/web-shop",
        "roberto.johnson",
        f"Stock of {row['sku']} on the product page does not match the shelf",
        f"The product page of **{row['name']}** ({row['sku']}) shows {row['stock']} in stock,"
        f" but this morning's shelf count in the warehouse found **{shelf}** units.\n\n"
        "Please correct the stock in the shop's back office and close this issue.",
    )
    return {"iid": iid, "sku": row["sku"], "old_stock": row["stock"], "shelf": shelf}
