"""Facts for work.policy-faq: a customer's refund question and the wiki's answer (in days)."""

import re

from guigym.tasks.work.common import plant_post

QUESTIONS = {
    "window": (
        "How long do I have to return something?",
        "Bought a speaker that I don't love. How many days after delivery can I still return it?",
        r"within \*\*(\d+) days of delivery",
    ),
    "payout": (
        "How long until a refund shows up?",
        "Customer Care approved my refund today. How many business days until I see the money?",
        r"within \*\*(\d+) business days",
    ),
    "price-drop": (
        "Price dropped right after I bought - refund?",
        "How many days after my order does a price drop still get me the difference back?",
        r"within \*\*(\d+) days\*\* of the order",
    ),
}


def prepare(ctx):
    title, body, pattern = QUESTIONS[ctx.params["topic"]]
    policy = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'refund-policy'")[0]["body"]
    days = int(re.search(pattern, policy).group(1))
    post_id = plant_post(ctx.site("forum"), "thomas.barry", "northwind", title, body)
    return {"post_id": post_id, "days": days}
