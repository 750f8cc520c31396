"""Facts for work.heated-thread: a thread with two civil comments and one rude one."""

from guigym.tasks.work.common import plant_post

RUDE = {"delivery times": "karen.grant", "the new return rules": "chad.spears",
        "price increases": "tina.anderson"}  # fmt: skip


def prepare(ctx):
    forum = ctx.site("forum")
    topic = ctx.params["topic"]
    post_id = plant_post(forum, "becky.gill", "northwind", f"Thoughts on {topic}?",
                         f"What do you all think about {topic} at Northwind lately?")  # fmt: skip
    comments = [
        ("thomas.barry", "Honestly it's been fine for me.", "08:40"),
        (RUDE[topic], "Only an idiot would ask this. Go away.", "08:45"),
        ("jennifer.mcdaniel", "Mixed experience, but Customer Care helped.", "08:50"),
    ]
    for author, body, at in comments:
        forum.exec(
            "INSERT INTO comments (post_id, author_id, body, created_at) VALUES (:p,"
            " (SELECT id FROM users WHERE username = :u), :b, :t)",
            {"p": post_id, "u": author, "b": body, "t": f"2026-05-15 {at}:00"},
        )
    forum.exec("UPDATE posts SET comment_count = 3 WHERE id = :p", {"p": post_id})
    rude_id = forum.sql(
        "SELECT id FROM comments WHERE post_id = :p AND body LIKE 'Only an idiot%'", {"p": post_id}
    )[0]["id"]
    return {"post_id": post_id, "comment_id": rude_id, "rude": RUDE[topic]}
