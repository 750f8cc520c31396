"""Facts for work.postmortem-page: a resolved incident issue and the wiki slug its page gets."""

import re

from guigym.tasks.work.common import plant_issue

INCIDENTS = [
    ("Order API returned 502 for 40 minutes", "julie.lawson"),
    ("Duplicate order numbers after failover", "darius.young"),
    ("Payment webhooks dropped during deploy", "christina.ponce"),
]


def prepare(ctx):
    title, assignee = INCIDENTS[ctx.params["pick"]]
    code = ctx.site("code")
    iid = plant_issue(code, "platform/order-api", "matthew.armstrong", title,
                      "Resolved; a post-mortem page in the wiki is due.")  # fmt: skip
    code.exec(
        "UPDATE issues SET state = 'closed', closed_at = '2026-05-15 09:00:00',"
        " assignee_id = (SELECT id FROM users WHERE username = :a)"
        " WHERE iid = :iid AND project_id = (SELECT id FROM projects WHERE path = 'order-api')",
        {"a": assignee, "iid": iid},
    )
    full = f"Post-mortem: {title}"
    slug = re.sub(r"[^a-z0-9]+", "-", full.lower()).strip("-")
    return {"iid": iid, "title": title, "assignee": assignee, "slug": slug}
