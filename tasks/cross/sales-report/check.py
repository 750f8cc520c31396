"""Check for cross.sales-report: the mail to the Store Manager gives the month's net sales and
average order (as the sheet computes them)."""

from guigym.evaluators import CheckResult


def mailed(ctx):
    """A sent mail from store@ to amber.holden@ with the month in its subject and both figures."""
    rows = ctx.site("mail").sql(
        "SELECT m.id, m.subject, m.body FROM messages m"
        " JOIN recipients r ON r.message_id = m.id"
        " WHERE m.id > :last AND m.is_draft = 0 AND m.sender = 'store@mail.test'"
        " AND r.address = 'amber.holden@mail.test'",
        {"last": ctx.facts["last_message"]},
    )
    if not rows:
        return CheckResult.no("no mail from store@mail.test to amber.holden@mail.test yet")
    month = ctx.params["month"]
    if not any(month in (r["subject"] or "") for r in rows):
        return CheckResult.no(f"the mail's subject does not name {month}")
    text = " ".join((r["body"] or "").replace(",", "") for r in rows if month in r["subject"])
    want = {"net sales": f"{ctx.facts['net']:.2f}", "average order": f"{ctx.facts['average']:.2f}"}
    missing = [name for name, value in want.items() if value not in text]
    if missing:
        return CheckResult.no(f"the mail does not give the {' and the '.join(missing)}")
    return CheckResult.ok("the figures were mailed")
