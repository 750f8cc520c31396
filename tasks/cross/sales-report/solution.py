"""Oracles: the report page in the desktop's Chromium, Calc through the Name Box, mail with the
figures."""

from guigym.tasks.cross.common import calc_enter, open_page, send_mail, site_login

PATH = "~/Documents/sales-report.ods"


def figures(actor):
    """Sign in to the back office, run the month's report, type its three figures."""
    month, f = actor.params["month"], actor.facts
    site_login(actor, "shop", "admin", "admin-pass")
    open_page(
        actor, f"http://shop.test/admin/reports?start={month}-01&end={month}-{f['month_end']}",
        "Sales reports",
    )  # fmt: skip
    calc_enter(actor, PATH, "B2", [str(f["orders"]), f"{f['gross']:.2f}", f"{f['refunds']:.2f}"])


def formulas(actor):
    """Net and average as formulas."""
    calc_enter(actor, PATH, "B5", ["=B3-B4", "=B3/B2"])


def mail_report(actor):
    """Sign in to mail as store and send the file."""
    month, mail = actor.params["month"], actor.site("mail")
    site_login(actor, "mail", "store")

    def sent():
        return mail.sql(
            "SELECT id FROM messages WHERE id > :n AND is_draft = 0 AND sender = 'store@mail.test'",
            {"n": actor.facts["last_message"]},
        )

    send_mail(
        actor, "to=amber.holden@mail.test", f"Sales report {month}",
        f"Hello Amber,\n\nsales of {month}: net sales {actor.facts['net']:.2f},"
        f" average order {actor.facts['average']:.2f}.\n\nNorthwind store",
        sent=sent,
    )  # fmt: skip
