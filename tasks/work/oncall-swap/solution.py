"""Oracles for work.oncall-swap (through the UI)."""

from guigym.tasks.work.common import code_comment, open_page, wiki_body, wiki_edit

USER = "amber.holden"


def open_rotation(actor):
    open_page(actor, "http://wiki.test/spaces/ENG/pages/on-call-rotation", USER)


def swap(actor):
    f = actor.facts
    body = wiki_body(actor.site("wiki"), "ENG", "on-call-rotation")
    body = body.replace(f"| {f['week_a']} | `{f['person_a']}` |", "@A@")
    body = body.replace(f"| {f['week_b']} | `{f['person_b']}` |", "@B@")
    body = body.replace("@A@", f"| {f['week_a']} | `{f['person_b']}` |")
    body = body.replace("@B@", f"| {f['week_b']} | `{f['person_a']}` |")
    wiki_edit(actor, USER, "ENG", "on-call-rotation", body, f"Swap per runbooks#{f['iid']}")


def close_issue(actor):
    code_comment(actor, USER, "docs/runbooks", actor.facts["iid"],
                 "Done: the wiki's On-call Rotation is updated.", close=True)  # fmt: skip
