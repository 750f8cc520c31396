"""Oracles for the Calc stock list: cells reached through the Name Box, saved in the file's
own Excel format (the desktop profile asks no "keep format?"); see
``guigym.tasks.desktop.office``."""

from guigym.tasks.desktop.office import calc_enter, save_document, wait_document

PATH = "~/Documents/stock.xlsx"
ROWS = {"Chairs": 2, "Desks": 3, "Lamps": 4, "Shelves": 5}


def values(actor):
    """The header and one product formula per item."""
    wait_document(actor, "stock.xlsx")
    calc_enter(actor, "D1", ["Value", *(f"=B{r}*C{r}" for r in range(2, 6))])
    save_document(actor, PATH)


def total(actor):
    """The label and the SUM."""
    wait_document(actor, "stock.xlsx")
    calc_enter(actor, "A6", ["Total"])
    calc_enter(actor, "D6", ["=SUM(D2:D5)"])
    save_document(actor, PATH)


def largest(actor):
    """The label and the MAX."""
    wait_document(actor, "stock.xlsx")
    calc_enter(actor, "A7", ["Largest"])
    calc_enter(actor, "D7", ["=MAX(D2:D5)"])
    save_document(actor, PATH)


def restock(actor):
    """One quantity changes; the value and the total follow."""
    wait_document(actor, "stock.xlsx")
    calc_enter(actor, f"B{ROWS[actor.params['item']]}", [actor.params["qty"]])
    save_document(actor, PATH)
