"""Facts for shop.answer-product-question: one unanswered question (one per product)."""

REPLIES = {
    "backlit": "Yes, the keyboard is backlit.",
    "monitors": "It can drive two external monitors.",
    "RAM": "No, the memory is soldered and cannot be upgraded.",
    "speakers": "No, it has no built-in speakers.",
}


def prepare(ctx):
    shop = ctx.site("shop")
    rows = shop.sql(
        "SELECT q.id, q.body, p.sku, p.name, u.username FROM questions q"
        " JOIN products p ON p.id = q.product_id JOIN users u ON u.id = q.user_id"
        " WHERE q.answer IS NULL AND (SELECT count(*) FROM questions x WHERE x.product_id ="
        " q.product_id AND x.answer IS NULL) = 1 ORDER BY q.id"
    )
    row = rows[ctx.params["pick"]]
    reply = next((text for key, text in REPLIES.items() if key in row["body"]), None)
    reply = reply or "Thanks for asking: please see the specifications on the product page."
    total = shop.sql("SELECT count(*) AS n FROM questions WHERE answer IS NULL")[0]["n"]
    return {
        "question_id": row["id"],
        "sku": row["sku"],
        "product_name": row["name"],
        "asker": row["username"],
        "reply": reply,
        "remaining": total - 1,
    }
