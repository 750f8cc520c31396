"""Facts for work.community-top-post: the community's top post (no ties), becky not in it."""


def prepare(ctx):
    forum = ctx.site("forum")
    c = ctx.params["community"]
    rows = forum.sql(
        "SELECT p.id, p.score, u.username FROM posts p JOIN communities c ON c.id = p.community_id"
        " JOIN users u ON u.id = p.author_id WHERE c.name = :c AND p.is_removed = 0"
        " AND p.is_deleted = 0 ORDER BY p.score DESC, p.id LIMIT 2",
        {"c": c},
    )
    top = dict(rows[0])
    if top["score"] == rows[1]["score"]:
        # break the tie with one more upvote (counters kept equal to the votes)
        voter = forum.sql(
            "SELECT id FROM users WHERE username != 'becky.gill' AND id NOT IN"
            " (SELECT user_id FROM post_votes WHERE post_id = :p) ORDER BY id LIMIT 1",
            {"p": top["id"]},
        )[0]["id"]
        forum.exec(
            "INSERT INTO post_votes (user_id, post_id, value, created_at)"
            " VALUES (:u, :p, 1, '2026-05-15 08:00:00')",
            {"u": voter, "p": top["id"]},
        )
        forum.exec(
            "UPDATE posts SET score = score + 1, upvotes = upvotes + 1 WHERE id = :p",
            {"p": top["id"]},
        )
        top["score"] += 1
    if top["username"] == "becky.gill":
        raise ValueError("becky.gill wrote the top post")
    forum.exec(
        "DELETE FROM subscriptions WHERE user_id = (SELECT id FROM users WHERE username ="
        " 'becky.gill') AND community_id = (SELECT id FROM communities WHERE name = :c)",
        {"c": c},
    )
    if forum.sql(
        "SELECT 1 FROM post_votes WHERE post_id = :p AND user_id = (SELECT id FROM users"
        " WHERE username = 'becky.gill')",
        {"p": top["id"]},
    ):
        raise ValueError("becky.gill already voted on the top post")
    return {"post_id": top["id"], "author": top["username"], "score": top["score"]}
