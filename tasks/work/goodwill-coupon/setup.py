"""Facts for work.goodwill-coupon: a customer's complaint on the forum."""

from guigym.tasks.work.common import plant_post

CUSTOMERS = {"a late delivery": "kristi.brooks", "a missing invoice": "peter.anderson",
             "a rude courier": "dawn.wyatt"}  # fmt: skip


def prepare(ctx):
    issue = ctx.params["issue"]
    customer = CUSTOMERS[issue]
    post_id = plant_post(ctx.site("forum"), customer, "northwind", f"Disappointed: {issue}",
                         f"Not happy with Northwind this time because of {issue}. Expected"
                         " better.")  # fmt: skip
    return {"post_id": post_id, "customer": customer}
