"""Checks for work.brand-restock that need the PO number the agent created."""

from guigym.evaluators import CheckResult


def contact_emailed(ctx):
    rows = ctx.sql(
        "shop",
        "SELECT po_number FROM purchase_orders WHERE sku = :s AND status = 'ordered'"
        " AND created_at >= '2026-05-15 10:00' ORDER BY id DESC LIMIT 1",
        {"s": ctx.facts["sku"]},
    )
    if not rows:
        return CheckResult.no("no new purchase order yet")
    po = rows[0]["po_number"]
    sent = ctx.sql(
        "mail",
        "SELECT m.subject, m.body FROM messages m JOIN recipients r ON r.message_id = m.id"
        " WHERE m.sent_at >= '2026-05-15 10:00' AND m.sender = 'darius.young@mail.test'"
        " AND m.is_draft = 0 AND r.address = :to",
        {"to": f"{ctx.facts['contact']}@mail.test"},
    )
    if any(po in f"{m['subject']}\n{m['body']}" for m in sent):
        return CheckResult.ok(f"mail names {po}")
    return CheckResult.no(f"no mail to {ctx.facts['contact']} naming {po}")
