"""Oracles for the Calc gradebook: cells reached through the Name Box, AVERAGE formulas, saved
in ODF (see ``guigym.tasks.desktop.office``)."""

from guigym.tasks.desktop.office import calc_enter, save_document, wait_document

PATH = "~/Documents/grades.ods"
ROWS = {"Alice Martin": 2, "Bruno Silva": 3, "Chloe Dubois": 4, "Dev Patel": 5}


def header(actor):
    """The header of the new column."""
    wait_document(actor, "grades.ods")
    calc_enter(actor, "E1", ["Average"])
    save_document(actor, PATH)


def student_averages(actor):
    """One AVERAGE per student row."""
    wait_document(actor, "grades.ods")
    calc_enter(actor, "E2", [f"=AVERAGE(B{r}:D{r})" for r in range(2, 6)])
    save_document(actor, PATH)


def class_average(actor):
    """The label and the average of the averages."""
    wait_document(actor, "grades.ods")
    calc_enter(actor, "A6", ["Class average"])
    calc_enter(actor, "E6", ["=AVERAGE(E2:E5)"])
    save_document(actor, PATH)


def correct_score(actor):
    """One input changes; both averages follow."""
    wait_document(actor, "grades.ods")
    calc_enter(actor, f"D{ROWS[actor.params['student']]}", [actor.params["score"]])
    save_document(actor, PATH)
