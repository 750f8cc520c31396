"""Facts for work.oncall-swap: two rotation weeks from the wiki and the swap request."""

import re

from guigym.tasks.work.common import plant_issue

PAIRS = [(1, 2), (2, 4), (3, 6)]


def prepare(ctx):
    body = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'on-call-rotation'")[0]["body"]
    weeks = re.findall(r"^\| (\d{4}-\d{2}-\d{2}) \| `([a-z.]+)` \|$", body, flags=re.M)
    i, j = PAIRS[ctx.params["pick"]]
    (week_a, person_a), (week_b, person_b) = weeks[i], weeks[j]
    if person_a == person_b:
        raise ValueError("the two weeks have the same person")
    iid = plant_issue(
        ctx.site("code"),
        "docs/runbooks",
        person_a,
        f"On-call swap: {week_a} <-> {week_b}",
        f"{person_a} (week of {week_a}) and {person_b} (week of {week_b}) agreed to swap"
        " on-call weeks. Please update the rotation in the wiki.",
    )
    return {"iid": iid, "week_a": week_a, "week_b": week_b, "person_a": person_a,
            "person_b": person_b}  # fmt: skip
