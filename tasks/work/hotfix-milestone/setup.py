"""Facts for work.hotfix-milestone: the Q2 open-issue count and two open bugs to move."""


def prepare(ctx):
    code = ctx.site("code")
    open_q2 = code.sql(
        "SELECT count(*) AS n FROM issues i JOIN projects p ON p.id = i.project_id"
        " JOIN milestones m ON m.id = i.milestone_id WHERE p.path = 'inventory-service'"
        " AND m.title = 'Q2 2026' AND i.state = 'opened'"
    )[0]["n"]
    rows = code.sql(
        "SELECT i.iid FROM issues i JOIN projects p ON p.id = i.project_id"
        " WHERE p.path = 'inventory-service' AND i.state = 'opened'"
        " ORDER BY i.iid DESC LIMIT 2"
    )
    return {"a": rows[1]["iid"], "b": rows[0]["iid"], "open_q2": open_q2}
