"""Oracles: Chromium on the desktop for mail, the terminal for files."""

from guigym.tasks.cross.common import (
    desktop,
    download_attachment,
    focus,
    send_mail,
    site_login,
    wait_file,
    wait_until,
)  # fmt: skip


def download(actor):
    """Sign in as darius.young, open the invoice mail, click the PDF."""
    site_login(actor, "mail", "darius.young")
    f = actor.facts
    download_attachment(actor, f["message_id"], f["filename"], f["invoice_no"], int(f["size"]))


def file_it(actor):
    """mkdir + mv in the terminal."""
    focus(actor, "terminal")
    folder = f"~/Documents/Invoices/{actor.facts['folder']}"
    actor.type(f"mkdir -p {folder} && mv ~/Downloads/{actor.facts['filename']} {folder}/\n")
    wait_file(actor, f"{folder}/{actor.facts['filename']}")


def log_row(actor):
    """Append the CSV row with echo (the supplier names hold no single quotes)."""
    focus(actor, "terminal")
    f = actor.facts
    before = desktop(actor).read_file("~/Documents/invoices.csv")
    row = f"{f['invoice_no']},{f['po']},{actor.params['supplier']}"
    if "," in actor.params["supplier"]:
        row = f'{f["invoice_no"]},{f["po"]},"{actor.params["supplier"]}"'
    actor.type(f"echo '{row}' >> ~/Documents/invoices.csv\n")
    wait_file(actor, "~/Documents/invoices.csv", changed_from=before)


def reply(actor):
    """Reply from the message (the compose form keeps "Re: ..." as the subject), the log
    attached."""
    f = actor.facts
    mail = actor.site("mail")
    focus(actor, "chromium")
    site_login(actor, "mail", "darius.young")

    def sent():
        return mail.sql(
            "SELECT id FROM messages WHERE id > :n AND is_draft = 0 AND in_reply_to_id = :m",
            {"n": f["last_message"], "m": f["message_id"]},
        )

    send_mail(
        actor, f"reply={f['message_id']}", None,
        f"Hello,\n\nthank you: invoice {f['invoice_no']} for {f['po']} was filed.\n\nDarius",
        attach="~/Documents/invoices.csv", sent=sent,
    )  # fmt: skip
    wait_until(actor, sent, "the reply stored")
