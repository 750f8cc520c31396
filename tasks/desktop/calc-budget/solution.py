"""Oracles for the Calc budget: cells reached through the Name Box, saved in ODF, each step
waiting for LibreOffice's own state (see ``guigym.tasks.desktop.office``)."""

from guigym.tasks.desktop.office import calc_enter, save_document, wait_document

PATH = "~/Documents/budget.ods"


def header(actor):
    """Write the header of column D."""
    wait_document(actor, "budget.ods")
    calc_enter(actor, "D1", ["Cost"])
    save_document(actor, PATH)


def row_costs(actor):
    """Three product formulas."""
    wait_document(actor, "budget.ods")
    calc_enter(actor, "D2", ["=B2*C2", "=B3*C3", "=B4*C4"])
    save_document(actor, PATH)


def total(actor):
    """The SUM of the costs."""
    wait_document(actor, "budget.ods")
    calc_enter(actor, "D5", ["=SUM(D2:D4)"])
    save_document(actor, PATH)


def more_ink(actor):
    """Change one input; the formulas recompute."""
    wait_document(actor, "budget.ods")
    calc_enter(actor, "B4", [actor.params["ink"]])
    save_document(actor, PATH)
