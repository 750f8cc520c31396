"""Oracles: the report page in the desktop's Chromium, Calc through the Name Box (the desktop
suite's LibreOffice helpers wait on AT-SPI state and the saved file), mail with the figures."""

from guigym.tasks.cross.common import focus, open_page, send_mail, site_login
from guigym.tasks.desktop.office import calc_enter, save_document, wait_document

PATH = "~/Documents/sales-report.ods"


def _calc(actor, ref, values):
    focus(actor, "libreoffice")
    wait_document(actor, "sales-report.ods")
    calc_enter(actor, ref, values)
    save_document(actor, PATH)


def figures(actor):
    """Sign in to the back office, run the month's report, type its three figures."""
    month, f = actor.params["month"], actor.facts
    site_login(actor, "shop", "admin", "admin-pass")
    open_page(
        actor, f"http://shop.test/admin/reports?start={month}-01&end={month}-{f['month_end']}",
        "Sales reports",
    )  # fmt: skip
    _calc(actor, "B2", [str(f["orders"]), f"{f['gross']:.2f}", f"{f['refunds']:.2f}"])


def formulas(actor):
    """Net and average as formulas."""
    _calc(actor, "B5", ["=B3-B4", "=B3/B2"])


def mail_report(actor):
    """Sign in to mail as store and send the figures."""
    month, mail = actor.params["month"], actor.site("mail")
    focus(actor, "chromium")
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
