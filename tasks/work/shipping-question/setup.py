"""Facts for work.shipping-question: a customer's question and the wiki's answer to it."""

from guigym.tasks.work.common import plant_post

QUESTIONS = {
    "threshold": (
        "From what order total is standard shipping free?",
        "I'd like to avoid the shipping fee. How much do I need to spend for free shipping?",
        r"\$(\d+\.\d\d) or more",
    ),
    "express": (
        "How much does Express shipping cost?",
        "I need a webcam by Monday. What is the price of Express delivery?",
        r"Express \(`express`\) \| \$(\d+\.\d\d)",
    ),
    "overnight": (
        "Price of overnight delivery?",
        "What does Overnight shipping cost for a small parcel?",
        r"Overnight \(`overnight`\) \| \$(\d+\.\d\d)",
    ),
}


def prepare(ctx):
    import re

    title, body, pattern = QUESTIONS[ctx.params["topic"]]
    rules = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'shipping-rules'")[0]["body"]
    amount = re.search(pattern, rules).group(1)
    post_id = plant_post(ctx.site("forum"), "jennifer.mcdaniel", "northwind", title, body)
    return {"post_id": post_id, "amount": amount}
