"""Facts for work.spam-cleanup: a spam post by a member, and how many bans there will be."""

from guigym.tasks.work.common import plant_post

SPAMMERS = ["chad.spears", "karen.grant", "tina.anderson"]


def prepare(ctx):
    forum = ctx.site("forum")
    spammer = SPAMMERS[ctx.params["pick"]]
    post_id = plant_post(
        forum,
        spammer,
        "northwind",
        "HUGE SALE on replica gadgets - 90% off, DM me!!!",
        "Why pay Northwind prices? Replica headphones and watches at 90% off. Visit my shop"
        " and use code CHEAP90.",
    )
    banned = forum.sql(
        "SELECT count(*) AS n FROM bans b JOIN communities c ON c.id = b.community_id"
        " WHERE c.name = 'northwind' AND (b.expires_at IS NULL OR b.expires_at > :now)",
        {"now": "2026-05-15 10:00:00"},
    )[0]["n"]
    return {"post_id": post_id, "spammer": spammer, "banned": banned + 1}
