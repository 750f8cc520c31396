"""Facts for work.review-merge: an open MR that can be merged (the tracker's own MR page shows no
conflict) and that is the only open one in its project."""

BLOCKED = ("Merge conflicts in", "Nothing to merge", "no longer exists", "is a draft")


def prepare(ctx):
    code = ctx.site("code")
    rows = code.sql(
        "SELECT g.path || '/' || p.path AS project, m.iid, m.title, m.source_branch"
        " FROM merge_requests m JOIN projects p ON p.id = m.project_id"
        " JOIN groups g ON g.id = p.group_id WHERE m.state = 'opened' AND m.draft = 0"
        " AND p.archived = 0 AND NOT EXISTS (SELECT 1 FROM approvals a JOIN users u"
        "   ON u.id = a.user_id WHERE a.merge_request_id = m.id AND u.username = 'admin')"
        " ORDER BY p.id, m.iid"
    )
    mergeable = []
    for row in rows:
        page = code.get(f"/{row['project']}/-/merge_requests/{row['iid']}", user="admin")
        if page.status_code == 200 and not any(b in page.text for b in BLOCKED):
            mergeable.append(row)
        if len(mergeable) == 3:
            break
    row = mergeable[ctx.params["pick"]]
    return {"project": row["project"], "iid": row["iid"], "title": row["title"],
            "source": row["source_branch"]}  # fmt: skip
