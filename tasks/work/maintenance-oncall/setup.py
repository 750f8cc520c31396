"""Facts for work.maintenance-oncall: who the wiki's rotation puts on call on the chosen day."""

import re
from datetime import date


def prepare(ctx):
    body = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'on-call-rotation'")[0]["body"]
    weeks = sorted(
        (date.fromisoformat(d), who)
        for d, who in re.findall(r"\|\s*(\d{4}-\d{2}-\d{2})\s*\|\s*`([a-z.]+)`\s*\|", body)
    )
    day = date.fromisoformat(ctx.params["day"])
    oncall = [who for start, who in weeks if start <= day][-1]
    return {"oncall": oncall}
