"""Oracles for work.website-bug-triage (through the UI)."""

from guigym.tasks.work.common import code_issue, code_triage, forum_comment, open_page

USER = "nicholas.robinson"
PROJECT = "storefront/web-shop"


def _iid(actor):
    return actor.site("code").sql(
        "SELECT i.iid FROM issues i JOIN projects p ON p.id = i.project_id"
        " WHERE p.path = 'web-shop' AND i.title LIKE :s ORDER BY i.id DESC LIMIT 1",
        {"s": f"%{actor.facts['sku']}%"},
    )[0]["iid"]


def read_matrix(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/escalation-matrix", USER)


def file_issue(actor):
    f = actor.facts
    code_issue(
        actor, USER, PROJECT, f"Product page of {f['sku']} broken (customer report)",
        f"Reported by {f['customer']} on the forum: http://forum.test/posts/{f['post_id']}",
    )  # fmt: skip


def label_issue(actor):
    code_triage(actor, USER, PROJECT, _iid(actor), labels=["bug", "customer-report"])


def report_number(actor):
    actor.answer(f"#{_iid(actor)}")


def reply_post(actor):
    forum_comment(
        actor, USER, actor.facts["post_id"],
        f"Thanks for the report! We are tracking it as web-shop issue #{_iid(actor)}.",
    )  # fmt: skip
