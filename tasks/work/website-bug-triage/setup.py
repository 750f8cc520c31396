"""Facts for work.website-bug-triage: a customer's forum post about a broken product page."""

from guigym.tasks.work.common import plant_post

BUGS = [
    ("the 'Add to wishlist' button does nothing", "I click it and nothing happens, no error."),
    ("the photo gallery shows the wrong pictures", "The pictures are of a different product."),
    ("the reviews tab is empty", "It says 0 reviews although the listing shows a rating."),
]


def prepare(ctx):
    pick = ctx.params["pick"]
    row = ctx.site("shop").sql(
        "SELECT sku, name FROM products WHERE is_active AND category IN ('monitors', 'speakers',"
        " 'webcams', 'routers', 'printers') ORDER BY review_count DESC, sku LIMIT 3"
    )[pick]
    customer = ["becky.gill", "jennifer.mcdaniel", "thomas.barry"][pick]
    what, detail = BUGS[pick]
    post_id = plant_post(
        ctx.site("forum"),
        customer,
        "northwind",
        f"Website bug: on the {row['sku']} page {what}",
        f"On the product page of the {row['name']} ({row['sku']}) {what}. {detail}"
        " Tried two browsers. Can someone from Northwind look at it?",
    )
    return {"post_id": post_id, "sku": row["sku"], "customer": customer}
