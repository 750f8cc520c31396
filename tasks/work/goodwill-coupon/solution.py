"""Oracles for work.goodwill-coupon (through the UI)."""

from guigym.tasks.work.common import forum_comment, open_page, send_mail

USER = "christina.ponce"


def read_policy(actor):
    open_page(actor, "http://wiki.test/spaces/MKT/pages/coupon-policy", USER)


def email_customer(actor):
    send_mail(actor, USER, f"{actor.facts['customer']}@mail.test", "Sorry - a coupon for you",
              f"Hello,\n\nwe're sorry about {actor.params['issue']}. Please use the coupon"
              " WELCOME10 for 10% off your next order.\n\nChristina, Customer Care")  # fmt: skip


def reply(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        "We're sorry! I have sent you an email with a small gesture.",
    )
