"""Facts from the log the task ships: its ERROR lines (the checks compare files with them)."""


def read_log(ctx):
    """Read ~/Documents/server.log through the desktop and return its ERROR lines and count."""
    text = ctx.desktop.read_file("~/Documents/server.log").decode()
    errors = [line for line in text.splitlines() if " ERROR " in line]
    return {"errors": errors, "error_count": len(errors)}
