"""Checks for cross.invoice-filing: the downloaded PDF is the mail's attachment, byte for byte
in size, and it ends up in the supplier's folder (not left in Downloads)."""

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
