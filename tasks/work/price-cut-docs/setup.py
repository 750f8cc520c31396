"""Facts for work.price-cut-docs: a product, its new price and its row in the wiki's docs."""

import re

from guigym.tasks.work.common import money


def _fmt(cents):
    return f"{cents / 100:,.2f}"


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT sku, name, price_cents FROM products WHERE is_active"
        " AND category IN ('speakers', 'monitors', 'webcams') AND price_cents < 100000"
        " ORDER BY review_count DESC, sku LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    new = row["price_cents"] * (100 - ctx.params["cut"]) // 100
    page = ctx.site("wiki").sql(
        "SELECT p.slug, p.body FROM pages p JOIN spaces s ON s.id = p.space_id"
        " WHERE s.key = 'PROD' AND p.body LIKE :row",
        {"row": f"%| `{row['sku']}` |%"},
    )[0]
    m = re.search(r"^\| `" + re.escape(row["sku"]) + r"` \| ([^|]*) \| \$[\d,.]+ \|$", page["body"],
                  re.M)  # fmt: skip
    variant = m.group(1)
    return {
        "sku": row["sku"],
        "product_name": row["name"],
        "old_price": money(row["price_cents"]),
        "new_price": money(new),
        "new_cents": new,
        "slug": page["slug"],
        "row_old": m.group(0),
        "row_new": f"| `{row['sku']}` | {variant} | ${_fmt(new)} |",
    }
