"""Facts for cross.invoice-filing: the supplier's invoice mail in darius.young's inbox."""


def invoice(ctx):
    """The invoice message, its PDF attachment and the supplier contact; the last message id
    (replies sent during the episode have larger ids)."""
    mail = ctx.site("mail")
    row = mail.sql(
        "SELECT m.id AS mid, m.subject, m.sender, a.filename, a.size, u.company"
        " FROM messages m JOIN attachments a ON a.message_id = m.id"
        " JOIN users u ON u.email = m.sender"
        " WHERE u.company = :c AND a.filename LIKE 'INV-%' ORDER BY m.id DESC LIMIT 1",
        {"c": ctx.params["supplier"]},
    )[0]
    last = mail.sql("SELECT MAX(id) AS n FROM messages")[0]["n"]
    invoice_no = row["filename"].rsplit(".", 1)[0]
    po = row["subject"].rsplit("(", 1)[1].rstrip(")")
    return {
        "message_id": row["mid"], "filename": row["filename"], "size": row["size"],
        "contact": row["sender"], "invoice_no": invoice_no, "po": po,
        "folder": row["company"].split()[0].split(",")[0].split("-")[0], "last_message": last,
    }  # fmt: skip
