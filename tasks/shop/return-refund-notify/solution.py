"""Oracles for shop.return-refund-notify."""

from guigym.tasks.shop.common import click, login, send_mail


def approve(actor):
    actor.goto("http://shop.test/admin/returns?status=requested")
    click(actor, f"Approve return {actor.facts['rma']}")


def refund(actor):
    actor.goto("http://shop.test/admin/returns?status=approved")
    click(actor, f"Refund return {actor.facts['rma']}")


def sign_in_mail(actor):
    login(actor, "mail", "support")


def notify(actor):
    rma = actor.facts["rma"]
    send_mail(
        actor,
        "support",
        f"{actor.facts['customer']}@mail.test",
        f"Your return {rma} is refunded",
        f"Hello,\n\nwe received your return {rma} and refunded it.\n\nCustomer Care",
    )
