"""Oracles for the Writer memo: paragraphs appended one at a time (Enter is a posted command
in Writer), saved in ODF (see ``guigym.tasks.desktop.office``)."""

from guigym.tasks.desktop.office import (
    close_app,
    save_document,
    wait_document,
    writer_add_paragraphs,
)

PATH = "~/Documents/memo.odt"


def to_line(actor):
    """The addressee."""
    wait_document(actor, "memo.odt")
    writer_add_paragraphs(actor, [f"To: {actor.params['person']}"])
    save_document(actor, PATH)


def subject_line(actor):
    """The subject."""
    wait_document(actor, "memo.odt")
    writer_add_paragraphs(actor, [f"Subject: {actor.params['subject']}"])
    save_document(actor, PATH)


def body(actor):
    """The request."""
    wait_document(actor, "memo.odt")
    writer_add_paragraphs(actor, ["Please review the attached figures by Friday"])
    save_document(actor, PATH)


def close(actor):
    """Quit Writer (the document is saved, so no question is asked)."""
    close_app(actor, "memo.odt")
