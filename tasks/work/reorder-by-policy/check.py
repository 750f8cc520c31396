"""Checks for work.reorder-by-policy that need the PO number the agent created."""

from guigym.evaluators import CheckResult, names_only


def _po(ctx):
    rows = ctx.sql(
        "shop",
        "SELECT po_number FROM purchase_orders WHERE sku = :s AND status = 'ordered'"
        " AND created_at >= '2026-05-15 10:00' ORDER BY id DESC LIMIT 1",
        {"s": ctx.facts["sku"]},
    )
    return rows[0]["po_number"] if rows else None


def reported_po(ctx):
    po = _po(ctx)
    if po is None:
        return CheckResult.no(f"no new purchase order for {ctx.facts['sku']} yet")
    why = names_only(ctx.answer or "", po, pattern=r"PO-\d+-\d+")
    if why is None:
        return CheckResult.ok(f"answered {po}")
    return CheckResult.no(f"expected an answer naming {po} only: {why}")


def supplier_emailed(ctx):
    po = _po(ctx)
    if po is None:
        return CheckResult.no("no purchase order yet")
    rows = ctx.sql(
        "mail",
        "SELECT m.subject, m.body FROM messages m JOIN recipients r ON r.message_id = m.id"
        " WHERE m.sent_at >= '2026-05-15 10:00' AND m.sender = 'darius.young@mail.test'"
        " AND m.is_draft = 0 AND r.address = :to",
        {"to": ctx.facts["supplier_email"]},
    )
    qty = str(ctx.facts["qty"])
    for row in rows:
        text = f"{row['subject']}\n{row['body']}"
        if po in text and qty in text:
            return CheckResult.ok(f"mail names {po} and {qty}")
    return CheckResult.no(f"no mail to {ctx.facts['supplier_email']} naming {po} and {qty}")
