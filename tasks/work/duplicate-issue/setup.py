"""Facts for work.duplicate-issue: a new report that repeats an open notable issue."""

from guigym.tasks.work.common import plant_issue

ORIGINALS = [
    ("storefront/web-shop", "Product page of KB-104 shows wrong stock",
     "KB-104 stock on the product page is wrong", "The KB-104 page says 12 in stock, the"
     " warehouse has 3."),
    ("storefront/checkout", "Coupon rejected for carts containing AC-105",
     "Coupons fail when AC-105 is in the cart", "SAVE20 is refused as soon as I add AC-105."),
    ("platform/inventory-service", "Reservations for HP-101 never expire",
     "HP-101 reservations stay forever", "Abandoned carts keep HP-101 reserved for weeks."),
]  # fmt: skip


def prepare(ctx):
    project, original_title, title, body = ORIGINALS[ctx.params["pick"]]
    group, path = project.split("/")
    code = ctx.site("code")
    original = code.sql(
        "SELECT i.iid FROM issues i JOIN projects p ON p.id = i.project_id"
        " JOIN groups g ON g.id = p.group_id WHERE g.path = :g AND p.path = :p"
        " AND i.title = :t AND i.state = 'opened'",
        {"g": group, "p": path, "t": original_title},
    )[0]["iid"]
    dup = plant_issue(code, project, "roberto.johnson", title, body)
    return {"project": project, "dup": dup, "original": original}
