"""Checks for cross.invoice-filing: the downloaded PDF is the mail's attachment, byte for byte
in size, and it ends up in the supplier's folder (not left in Downloads); the reply names the
invoice and carries the updated log."""

import csv
import io

from guigym.evaluators import CheckResult


def _has(ctx, path):
    """True when ``path`` holds the invoice (same size as the attachment in mail)."""
    d = ctx.desktop
    return d.exists(path) and len(d.read_file(path)) == int(ctx.facts["size"])


def _filed_path(ctx):
    return f"~/Documents/Invoices/{ctx.facts['folder']}/{ctx.facts['filename']}"


def downloaded(ctx):
    """The PDF is in Downloads, or already filed."""
    name = ctx.facts["filename"]
    if _has(ctx, f"~/Downloads/{name}") or _has(ctx, _filed_path(ctx)):
        return CheckResult.ok(f"{name} downloaded")
    return CheckResult.no(f"no {name} of {ctx.facts['size']} bytes in ~/Downloads")


def filed(ctx):
    """The PDF is in Documents/Invoices/<folder> and no longer in Downloads."""
    name = ctx.facts["filename"]
    if not _has(ctx, _filed_path(ctx)):
        return CheckResult.no(f"no {name} in {_filed_path(ctx)}")
    if ctx.desktop.exists(f"~/Downloads/{name}"):
        return CheckResult.no(f"{name} was copied, not moved: it is still in ~/Downloads")
    return CheckResult.ok(f"{name} filed")


def replied(ctx):
    """One reply from darius.young to the supplier naming the invoice, with invoices.csv
    attached holding the new row."""
    f = ctx.facts
    rows = ctx.site("mail").sql(
        "SELECT m.id, m.subject, m.body FROM messages m JOIN recipients r ON r.message_id = m.id"
        " WHERE m.id > :last AND m.is_draft = 0 AND m.sender = 'darius.young@mail.test'"
        " AND r.address = :to AND m.in_reply_to_id = :mid",
        {"last": f["last_message"], "to": f["contact"], "mid": f["message_id"]},
    )
    if not rows:
        return CheckResult.no(f"no reply from darius.young to {f['contact']} yet")
    inv = f["invoice_no"]
    named = [r for r in rows if inv in (r["body"] or "") or inv in (r["subject"] or "")]
    if not named:
        return CheckResult.no(f"the reply does not name invoice {inv}")
    want = [inv, f["po"], ctx.params["supplier"]]
    for r in named:
        files = ctx.site("mail").sql(
            "SELECT filename, CAST(data AS TEXT) AS text FROM attachments WHERE message_id = :m",
            {"m": r["id"]},
        )
        for a in files:
            if a["filename"] != "invoices.csv":
                continue
            table = [row for row in csv.reader(io.StringIO(a["text"] or "")) if row]
            if want in [[c.strip() for c in row] for row in table[1:]]:
                return CheckResult.ok(f"replied about {inv} with the updated invoices.csv")
            return CheckResult.no(f"the attached invoices.csv has no row {','.join(want)}")
    return CheckResult.no("the reply has no invoices.csv attached")
