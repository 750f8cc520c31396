"""Checks for work.website-bug-triage that need the issue the agent created."""

from guigym.evaluators import CheckResult

SINCE = "2026-05-15 10:00"


def _issue(ctx):
    rows = ctx.sql(
        "code",
        "SELECT i.id, i.iid FROM issues i JOIN projects p ON p.id = i.project_id"
        " JOIN groups g ON g.id = p.group_id"
        " WHERE g.path = 'storefront' AND p.path = 'web-shop' AND i.created_at >= :since"
        " AND i.title LIKE :sku ORDER BY i.id DESC LIMIT 1",
        {"since": SINCE, "sku": f"%{ctx.facts['sku']}%"},
    )
    return rows[0] if rows else None


def issue_filed(ctx):
    issue = _issue(ctx)
    if issue is None:
        return CheckResult.no(f"no new web-shop issue naming {ctx.facts['sku']} in its title")
    return CheckResult.ok(f"issue #{issue['iid']}")


def issue_labelled(ctx):
    issue = _issue(ctx)
    if issue is None:
        return CheckResult.no("no issue yet")
    names = {
        r["name"]
        for r in ctx.sql(
            "code",
            "SELECT l.name FROM issue_labels il JOIN labels l ON l.id = il.label_id"
            " WHERE il.issue_id = :i",
            {"i": issue["id"]},
        )
    }
    missing = {"bug", "customer-report"} - names
    if missing:
        return CheckResult.no(f"issue #{issue['iid']} lacks label(s) {sorted(missing)}")
    return CheckResult.ok("labelled")


def number_reported(ctx):
    issue = _issue(ctx)
    if issue is None:
        return CheckResult.no("no issue yet")
    iid = str(issue["iid"])
    digits = "".join(ch if ch.isdigit() else " " for ch in ctx.answer or "").split()
    if digits == [iid]:  # one number, the issue's: a list of guesses fails
        return CheckResult.ok(f"answered #{iid}")
    return CheckResult.no(f"expected an answer naming issue #{iid} and no other number")


def reply_names_issue(ctx):
    issue = _issue(ctx)
    if issue is None:
        return CheckResult.no("no issue yet")
    rows = ctx.sql(
        "forum",
        "SELECT c.body FROM comments c JOIN users u ON u.id = c.author_id"
        " WHERE c.post_id = :p AND u.username = 'nicholas.robinson' AND c.created_at >= :since",
        {"p": ctx.facts["post_id"], "since": SINCE},
    )
    iid = str(issue["iid"])
    for row in rows:
        digits = "".join(ch if ch.isdigit() else " " for ch in row["body"]).split()
        if iid in digits:
            return CheckResult.ok("the reply names the issue")
    return CheckResult.no(f"no reply by nicholas.robinson naming issue #{iid}")
