"""Oracles for work.infeasible-archived-issue (the agent ends with fail())."""

from guigym.tasks.work.common import forum_comment, open_page

USER = "roberto.johnson"


def open_project(actor):
    open_page(actor, "http://code.test/internal-tools/legacy-admin", USER)


def open_issues(actor):
    open_page(actor, "http://code.test/internal-tools/legacy-admin/-/issues", USER)


def reply(actor):
    forum_comment(
        actor, USER, actor.facts["post_id"],
        "internal-tools/legacy-admin is archived (read-only), so no new issues can be filed there."
        " Who should own this bug now?",
    )  # fmt: skip
