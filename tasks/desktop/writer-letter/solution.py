"""Oracles for the Writer letter: paragraphs appended one at a time, saved in the document's
own Word format (the desktop profile asks no "keep format?"); see
``guigym.tasks.desktop.office``."""

from guigym.tasks.desktop.office import (
    close_app,
    save_document,
    wait_document,
    writer_add_paragraphs,
)

PATH = "~/Documents/letter.docx"


def greeting(actor):
    """The salutation."""
    wait_document(actor, "letter.docx")
    writer_add_paragraphs(actor, [f"Dear {actor.params['name']},"])
    save_document(actor, PATH)


def order_paragraph(actor):
    """The body."""
    wait_document(actor, "letter.docx")
    p = actor.params
    writer_add_paragraphs(
        actor,
        [f"Thank you for your order of {p['qty']} office chairs. They will be delivered on "
         f"{p['day']}."],
    )  # fmt: skip
    save_document(actor, PATH)


def sign_off(actor):
    """Two short lines."""
    wait_document(actor, "letter.docx")
    writer_add_paragraphs(actor, ["Kind regards,", "Sam Fletcher"])
    save_document(actor, PATH)


def close(actor):
    """Quit Writer (the document is saved, so no question is asked)."""
    close_app(actor, "letter.docx")
