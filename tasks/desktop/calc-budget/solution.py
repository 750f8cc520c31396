"""Oracles for the Calc budget: go to a cell with the Name Box, type, save, wait for the save."""

import time

PATH = "~/Documents/budget.ods"


def _saved(actor, save):
    """Run ``save`` and wait until the file on disk has changed (LibreOffice saves late)."""
    before = actor.desktop.read_file(PATH)
    save()
    deadline = time.monotonic() + 30
    while actor.desktop.read_file(PATH) == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{PATH} was not saved within 30 s")
        time.sleep(0.1)


def _goto(actor, ref):
    """Jump to a cell: the Name Box (Control+Shift+F5 in LibreOffice), the reference, Enter."""
    actor.press("Control+Shift+F5")
    # LibreOffice may apply a shortcut after keys typed later: let the Name Box take the focus
    actor.wait(1)
    actor.type(ref + "\n")


def _save(actor):
    _saved(actor, lambda: actor.press("Control+s"))


def header(actor):
    """Write the header of column D."""
    actor.wait_window("budget.ods", app="libreoffice")
    _goto(actor, "D1")
    actor.type("Cost\n")
    _save(actor)


def row_costs(actor):
    """Three product formulas."""
    _goto(actor, "D2")
    actor.type("=B2*C2\n=B3*C3\n=B4*C4\n")
    _save(actor)


def total(actor):
    """The SUM of the costs."""
    _goto(actor, "D5")
    actor.type("=SUM(D2:D4)\n")
    _save(actor)


def more_ink(actor):
    """Change one input; the formulas recompute."""
    _goto(actor, "B4")
    actor.type(f"{actor.params['ink']}\n")
    _save(actor)
