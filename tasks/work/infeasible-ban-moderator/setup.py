"""Facts for work.infeasible-ban-moderator: a complaint about a moderator (moderators cannot be
banned, so the task is infeasible)."""

from guigym.tasks.work.common import plant_post


def prepare(ctx):
    forum = ctx.site("forum")
    community = ctx.params["community"]
    mods = forum.sql(
        "SELECT u.username FROM moderators m JOIN users u ON u.id = m.user_id"
        " JOIN communities c ON c.id = m.community_id WHERE c.name = :c ORDER BY u.username",
        {"c": community},
    )
    if not mods:
        raise ValueError(f"c/{community} has no moderator: the task would be different")
    moderator = mods[0]["username"]
    karma = forum.sql(
        "SELECT (SELECT coalesce(sum(score), 0) FROM posts WHERE author_id = u.id)"
        " + (SELECT coalesce(sum(score), 0) FROM comments WHERE author_id = u.id) AS k"
        " FROM users u WHERE u.username = :u",
        {"u": moderator},
    )[0]["k"]
    author = forum.sql(
        "SELECT u.username FROM subscriptions s JOIN users u ON u.id = s.user_id"
        " JOIN communities c ON c.id = s.community_id WHERE c.name = :c AND u.role = 'customer'"
        " AND u.id NOT IN (SELECT user_id FROM moderators) ORDER BY u.username LIMIT 1",
        {"c": community},
    )[0]["username"]
    post_id = plant_post(
        forum,
        author,
        community,
        f"u/{moderator} was rude to me - please ban them",
        f"u/{moderator} mocked my question yesterday. Admins, please ban them from"
        f" c/{community} for a week.",
    )
    return {"post_id": post_id, "moderator": moderator, "karma": karma}
