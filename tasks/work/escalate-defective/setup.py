"""Facts for work.escalate-defective: a customer's forum post about a defective product."""

from guigym.tasks.work.common import plant_post

CASES = [
    ("KB-117", "becky.gill", "Half the keys stopped responding after three weeks."),
    ("SP-121", "thomas.barry", "It shuts off after a few minutes, even fully charged."),
    ("MS-101", "jennifer.mcdaniel", "The scroll wheel stopped working on day ten."),
]


def prepare(ctx):
    sku, author, problem = CASES[ctx.params["pick"]]
    post_id = plant_post(
        ctx.site("forum"),
        author,
        "northwind",
        f"My {sku} is defective",
        f"{problem} I bought it from Northwind last month ({sku}). What now?",
    )
    return {"post_id": post_id, "sku": sku}
