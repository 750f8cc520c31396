"""Oracles for work.escalate-defective (through the UI)."""

from guigym.tasks.work.common import forum_comment, open_page, send_mail

USER = "christina.ponce"


def read_matrix(actor):
    open_page(actor, "http://wiki.test/spaces/CS/pages/escalation-matrix", USER)


def escalate(actor):
    f = actor.facts
    send_mail(actor, USER, "darius.young@mail.test", f"Defective {f['sku']}: supplier RMA",
              f"Hi Darius,\n\na customer reports a defective {f['sku']}:"
              f" http://forum.test/posts/{f['post_id']}\n\nChristina")  # fmt: skip


def reply(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        "Sorry to hear that! A colleague from purchasing will arrange the return.",
    )
