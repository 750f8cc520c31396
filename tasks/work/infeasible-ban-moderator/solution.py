"""Oracles for work.infeasible-ban-moderator (the agent ends with fail())."""

from guigym.tasks.work.common import forum_comment


def reply(actor):
    forum_comment(
        actor, "admin", actor.facts["post_id"],
        f"Thanks for flagging this. u/{actor.facts['moderator']} is a moderator of this community,"
        " and moderators cannot be banned, so I cannot do that; I will talk to them instead.",
    )  # fmt: skip
