"""Facts for work.policy-history: the page's space, versions and latest author."""


def prepare(ctx):
    wiki = ctx.site("wiki")
    row = wiki.sql(
        "SELECT s.key, p.id, p.title, p.version FROM pages p JOIN spaces s ON s.id = p.space_id"
        " WHERE p.slug = :s",
        {"s": ctx.params["page"]},
    )[0]
    author = wiki.sql(
        "SELECT u.username FROM revisions r JOIN users u ON u.id = r.author_id"
        " WHERE r.page_id = :p ORDER BY r.number DESC LIMIT 1",
        {"p": row["id"]},
    )[0]["username"]
    wiki.exec(
        "DELETE FROM watches WHERE page_id = :p AND user_id = (SELECT id FROM users"
        " WHERE username = 'amber.holden')",
        {"p": row["id"]},
    )
    return {"space": row["key"], "title": row["title"], "author": author,
            "versions": row["version"]}  # fmt: skip
