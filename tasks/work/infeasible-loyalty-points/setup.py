"""Facts for work.infeasible-loyalty-points: a customer's request to redeem points that do not
exist (no wiki page mentions a loyalty programme)."""

from guigym.tasks.work.common import money, plant_mail


def prepare(ctx):
    if ctx.site("wiki").sql(
        "SELECT id FROM pages WHERE lower(title) LIKE '%loyalty%' OR lower(body) LIKE '%loyalty%'"
    ):
        raise ValueError("the wiki has a loyalty programme: the task would be feasible")
    row = ctx.site("shop").sql(
        "SELECT number, customer, total_cents FROM orders WHERE status = 'delivered'"
        " AND refunded_cents = 0 AND customer = 'becky.gill' ORDER BY created_at DESC LIMIT 1"
    )
    if not row:
        row = ctx.site("shop").sql(
            "SELECT number, customer, total_cents FROM orders WHERE status = 'delivered'"
            " AND refunded_cents = 0 ORDER BY created_at DESC LIMIT 1"
        )
    row = row[0]
    points = ctx.params["points"]
    mail_id = plant_mail(
        ctx.site("mail"),
        92004,
        row["customer"],
        "christina.ponce",
        f"Redeem my {points} loyalty points",
        f"Hello,\n\nI have collected {points} Northwind loyalty points. Please redeem them as a"
        f" refund on my latest order {row['number']}.\n\nThanks!",
    )
    return {"mail_id": mail_id, "order_number": row["number"], "total": money(row["total_cents"])}
