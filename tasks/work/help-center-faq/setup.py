"""Facts for work.help-center-faq: a customer's question and the Help Center page it belongs on."""

from guigym.tasks.work.common import plant_post

TOPICS = {
    "payment": ("payment-methods", "Can I pay by invoice?",
                "Yes, business customers can pay by invoice.", "jennifer.mcdaniel"),
    "tracking": ("tracking-your-order", "When do I get my tracking number?",
                 "You get it by email as soon as your order ships.", "thomas.barry"),
    "account": ("your-account", "How do I change my delivery address?",
                "Under Account, Addresses; orders already shipped keep the old address.",
                "becky.gill"),
}  # fmt: skip


def prepare(ctx):
    page, question, answer, author = TOPICS[ctx.params["topic"]]
    title = ctx.site("wiki").sql(
        "SELECT p.title FROM pages p JOIN spaces s ON s.id = p.space_id"
        " WHERE s.key = 'HELP' AND p.slug = :s",
        {"s": page},
    )[0]["title"]
    post_id = plant_post(ctx.site("forum"), author, "northwind", question,
                         "Couldn't find this anywhere on the site. Thanks!")  # fmt: skip
    return {"post_id": post_id, "author": author, "question": question, "answer": answer,
            "page": page, "page_title": title}  # fmt: skip
