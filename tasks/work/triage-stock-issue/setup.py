"""Facts for work.triage-stock-issue: a customer's issue about an out-of-stock product."""

from guigym.tasks.work.common import plant_issue


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT sku, name, stock FROM products WHERE is_active AND stock BETWEEN 1 AND 4"
        " ORDER BY sku LIMIT 3"
    )
    row = rows[len(ctx.params["assignee"]) % len(rows)]
    customer = "becky.gill"
    iid = plant_issue(
        ctx.site("code"),
        "platform/inventory-service",
        customer,
        f"{row['sku']} shows 'out of stock' but the shop lets me order it",
        f"The product page of {row['name']} ({row['sku']}) says out of stock, yet checkout"
        " accepts the order. Which one is right?",
    )
    return {"iid": iid, "sku": row["sku"], "stock": row["stock"], "customer": customer}
