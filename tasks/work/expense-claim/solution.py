"""Oracles for work.expense-claim (through the UI)."""

from guigym.tasks.work.common import click, open_page, reply_mail

USER = "david.phillips"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/HR/pages/expense-policy", USER)


def reply(actor):
    reply_mail(
        actor, USER, actor.facts["mail_id"],
        f"Hi Roberto,\n\nwe reimburse ${actor.facts['amount']}: meals are capped at the policy's"
        " daily limit. It will be paid with your next salary.\n\nDavid",
    )  # fmt: skip


def archive(actor):
    open_page(actor, f"http://mail.test/messages/{actor.facts['mail_id']}", USER)
    click(actor, "Archive", exact=True)
