"""Facts for shop.receive-po-restock: an open purchase order and the stock it will give."""


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT po.po_number, po.sku, po.qty, p.stock, p.reorder_level, s.email"
        " FROM purchase_orders po JOIN products p ON p.sku = po.sku"
        " JOIN suppliers s ON s.id = po.supplier_id WHERE po.status = 'ordered'"
        " ORDER BY po.po_number LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    if row["reorder_level"] == ctx.params["level"]:
        raise ValueError(f"{row['sku']} already has reorder level {row['reorder_level']}")
    return {
        "po": row["po_number"],
        "sku": row["sku"],
        "stock_after": row["stock"] + row["qty"],
        "supplier_email": row["email"],
    }
