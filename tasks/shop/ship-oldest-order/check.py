"""Checks for shop.ship-oldest-order: the mail must carry the tracking number the shop made."""

from guigym.evaluators import CheckResult


def tracking_sent(ctx):
    rows = ctx.sql(
        "shop",
        "SELECT tracking_number FROM orders WHERE number = :n",
        {"n": ctx.facts["order_number"]},
    )
    tracking = rows[0]["tracking_number"] if rows else None
    if not tracking:
        return CheckResult.no(f"{ctx.facts['order_number']} has no tracking number yet")
    sent = ctx.sql(
        "mail",
        "SELECT count(*) AS n FROM messages m JOIN recipients r ON r.message_id = m.id"
        " WHERE m.sent_at >= '2026-05-15 10:00' AND m.sender = 'orders@mail.test'"
        " AND m.is_draft = 0 AND r.address = :to"
        " AND (m.subject || ' ' || m.body) LIKE :t",
        {"to": f"{ctx.facts['customer']}@mail.test", "t": f"%{tracking}%"},
    )[0]["n"]
    if sent:
        return CheckResult.ok(f"sent {tracking} to {ctx.facts['customer']}")
    return CheckResult.no(f"no mail from orders@ to {ctx.facts['customer']} naming {tracking}")
