"""Oracles for work.maintenance-oncall (through the UI)."""

from guigym.tasks.work.common import code_issue, code_triage, forum_post

USER = "amber.holden"
PROJECT = "platform/infrastructure"


def _iid(actor):
    return actor.site("code").sql(
        "SELECT i.iid FROM issues i JOIN projects p ON p.id = i.project_id"
        " WHERE p.path = 'infrastructure' AND i.title LIKE :d ORDER BY i.id DESC LIMIT 1",
        {"d": f"%{actor.params['day']}%"},
    )[0]["iid"]


def open_issue(actor):
    day = actor.params["day"]
    code_issue(actor, USER, PROJECT, f"Database server upgrade on {day}",
               f"Maintenance window on {day}; the on-call engineer runs the upgrade.")  # fmt: skip


def assign_label(actor):
    code_triage(actor, USER, PROJECT, _iid(actor), labels=["incident"],
                assignee=actor.facts["oncall"])  # fmt: skip


def announce(actor):
    day, who = actor.params["day"], actor.facts["oncall"]
    forum_post(actor, USER, "northwind_dev", f"Database maintenance on {day}",
               f"We upgrade the database servers on {day}. On call: {who}.")  # fmt: skip
