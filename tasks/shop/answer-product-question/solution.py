"""Oracles for shop.answer-product-question."""

from guigym.tasks.shop.common import el, login, send_mail


def publish(actor):
    qid = actor.facts["question_id"]
    page = 1
    while True:  # the questions page lists unanswered questions first, a page at a time
        obs = actor.goto(f"http://shop.test/admin/questions?page={page}")
        if f'"Answer to question {qid}"' in obs["axtree"] or page > 10:
            break
        page += 1
    actor.fill(el(actor, f"Answer to question {qid}", "textbox", exact=True), actor.facts["reply"])
    actor.press("Enter")


def sign_in_mail(actor):
    login(actor, "mail", "support")


def notify(actor):
    sku = actor.facts["sku"]
    send_mail(
        actor,
        "support",
        f"{actor.facts['asker']}@mail.test",
        f"Your question about {sku} is answered",
        f"Hello,\n\nwe answered your question about the {actor.facts['product_name']} ({sku})"
        " on its product page.\n\nCustomer Care",
    )
