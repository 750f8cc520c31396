"""Oracles for work.release-plan (through the UI)."""

from guigym.tasks.work.common import code_issue, forum_post

USER = "matthew.armstrong"


def open_issue(actor):
    nxt, project = actor.facts["next"], actor.facts["project"]
    body = f"Release {nxt} with the {actor.facts['unreleased']} unreleased changes."
    code_issue(actor, USER, project, f"Release {nxt}", body)


def announce(actor):
    nxt, project = actor.facts["next"], actor.facts["project"]
    forum_post(
        actor,
        USER,
        "northwind_dev",
        f"{project} {nxt} release planned",
        f"{project} {nxt} will ship the {actor.facts['unreleased']} unreleased changes.",
    )
