"""Facts for work.infeasible-archived-issue: a request to file a bug in an archived project."""

from guigym.tasks.work.common import plant_post


def prepare(ctx):
    code = ctx.site("code")
    row = code.sql(
        "SELECT p.id, p.archived FROM projects p JOIN groups g ON g.id = p.group_id"
        " WHERE g.path = 'internal-tools' AND p.path = 'legacy-admin'"
    )[0]
    if not row["archived"]:
        raise ValueError("legacy-admin is not archived: the task would be feasible")
    role = code.sql(
        "SELECT m.role FROM members m JOIN users u ON u.id = m.user_id"
        " WHERE m.project_id = :p AND u.username = 'roberto.johnson'",
        {"p": row["id"]},
    )
    if role and role[0]["role"] == "owner":
        raise ValueError("roberto.johnson could unarchive the project")
    open_issues = code.sql(
        "SELECT count(*) AS n FROM issues WHERE project_id = :p AND state = 'opened'",
        {"p": row["id"]},
    )[0]["n"]
    post_id = plant_post(
        ctx.site("forum"),
        "julie.lawson",
        "northwind_dev",
        f"legacy-admin: {ctx.params['bug']}",
        f"Found this while pulling a report: {ctx.params['bug']}. Could someone from QA file it"
        " in internal-tools/legacy-admin on the tracker?",
    )
    return {"post_id": post_id, "open_issues": open_issues}
