"""Oracles for work.leave-carryover (through the UI)."""

from guigym.tasks.work.common import click, open_page, reply_mail

USER = "amber.holden"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/HR/pages/annual-leave-policy", USER)


def reply(actor):
    carry = actor.facts["carry"]
    reply_mail(
        actor,
        USER,
        actor.facts["mail_id"],
        f"Hi Roberto,\n\n{carry} days carry over; they expire on March 31.\n\nAmber",
    )


def star(actor):
    open_page(actor, f"http://mail.test/messages/{actor.facts['mail_id']}", USER)
    click(actor, "☆ Star")
