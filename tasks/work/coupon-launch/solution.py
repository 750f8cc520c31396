"""Oracles for work.coupon-launch (through the UI)."""

from guigym.tasks.work.common import click, fill, forum_post, open_page, pick, send_mail

USER = "julie.lawson"


def _code(actor):
    return f"{actor.params['category'].upper()}{actor.params['percent']}"


def create_coupon(actor):
    p = actor.params
    open_page(actor, "http://shop.test/admin/coupons", USER)
    fill(actor, "Code *", _code(actor))
    fill(actor, "Description", f"{p['percent']}% off {p['category']}")
    fill(actor, "Percent off", p["percent"], role="spinbutton")
    fill(actor, "Valid for (days)", 14, role="spinbutton")
    pick(actor, "Category", p["category"])
    click(actor, "Create coupon")


def ask_approval(actor):
    send_mail(
        actor, USER, "amber.holden@mail.test", f"Approval for coupon {_code(actor)}",
        f"Hi Amber,\n\ncould you approve {_code(actor)} ({actor.params['percent']}% off"
        f" {actor.params['category']}, 14 days)? The policy needs you for coupons over 20%."
        "\n\nJulie",
    )  # fmt: skip


def announce(actor):
    p = actor.params
    forum_post(actor, USER, "northwind_deals", f"New coupon {_code(actor)}",
               f"Use {_code(actor)} for {p['percent']}% off {p['category']} for the next"
               " 14 days!")  # fmt: skip
