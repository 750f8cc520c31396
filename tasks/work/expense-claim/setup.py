"""Facts for work.expense-claim: a travel claim whose meals exceed the wiki's daily limit."""

import re

from guigym.tasks.work.common import money, plant_mail

MEALS_PER_DAY = 5500
TRAIN = 3850


def prepare(ctx):
    body = ctx.site("wiki").sql("SELECT body FROM pages WHERE slug = 'expense-policy'")[0]["body"]
    limit = int(re.search(r"\$(\d+) per day", body).group(1)) * 100
    days = ctx.params["days"]
    amount = min(MEALS_PER_DAY, limit) * days + TRAIN
    sender = "roberto.johnson"
    mail_id = plant_mail(
        ctx.site("mail"),
        92005,
        sender,
        "david.phillips",
        "Expense claim: supplier visit",
        f"Hi David,\n\nhere is my claim for the {days}-day supplier visit:\n"
        f"- meals: {days} days x ${money(MEALS_PER_DAY)} = ${money(MEALS_PER_DAY * days)}\n"
        f"- train tickets: ${money(TRAIN)}\n\nReceipts are attached in the shared folder."
        "\n\nThanks, Roberto",
    )
    return {"mail_id": mail_id, "sender": sender, "amount": money(amount)}
