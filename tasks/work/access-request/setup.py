"""Facts for work.access-request: a guest or reporter asking for the developer role."""

from guigym.tasks.work.common import plant_issue


def prepare(ctx):
    code = ctx.site("code")
    rows = code.sql(
        "SELECT g.path || '/' || p.path AS project, u.username, u.display_name, m.role"
        " FROM members m JOIN users u ON u.id = m.user_id JOIN projects p ON p.id = m.project_id"
        " JOIN groups g ON g.id = p.group_id WHERE m.role IN ('guest', 'reporter')"
        " AND u.role = 'staff' AND p.archived = 0 AND g.path IN ('storefront', 'platform')"
        " ORDER BY p.id, u.username LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    iid = plant_issue(
        code,
        "docs/handbook",
        row["username"],
        f"Access request: developer role on {row['project'].split('/')[1]}",
        f"I need the developer role on `{row['project']}` to push branches and open merge"
        " requests for my next ticket. Thanks!",
    )
    return {"iid": iid, "project": row["project"], "requester": row["username"],
            "requester_name": row["display_name"], "role": row["role"]}  # fmt: skip
