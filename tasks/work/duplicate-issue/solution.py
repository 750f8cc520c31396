"""Oracles for work.duplicate-issue (through the UI)."""

from guigym.tasks.work.common import code_comment

USER = "nicholas.robinson"


def comment_original(actor):
    f = actor.facts
    code_comment(actor, USER, f["project"], f["original"], f"#{f['dup']} reports the same problem.")


def close_duplicate(actor):
    f = actor.facts
    code_comment(actor, USER, f["project"], f["dup"], f"Duplicate of #{f['original']}", close=True)
