"""Facts for work.leave-carryover: a colleague's question and how many days carry over."""

import re

from guigym.tasks.work.common import plant_mail


def prepare(ctx):
    body = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'annual-leave-policy'")
    limit = int(re.search(r"Up to \*\*(\d+) unused days", body[0]["body"]).group(1))
    unused = ctx.params["unused"]
    sender = "roberto.johnson"
    mail_id = plant_mail(
        ctx.site("mail"),
        92007,
        sender,
        "amber.holden",
        "Unused leave days",
        f"Hi Amber,\n\nI still have {unused} days of leave left this year. How many of them can I"
        " take into next year, and until when?\n\nThanks, Roberto",
    )
    return {"mail_id": mail_id, "sender": sender, "carry": min(unused, limit)}
