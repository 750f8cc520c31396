"""Oracles for the minutes: a new Writer document named through the Save dialog, paragraphs
appended one at a time, a Word copy by its extension (see ``guigym.tasks.desktop.office``).
A start after the first subtask finds Writer with a new, empty document again: the later
oracles open minutes.odt (Control+O) when it is not the open document."""

from guigym.tasks.desktop.office import (
    open_document,
    save_as,
    save_document,
    wait_document,
    writer_add_paragraphs,
)

PATH = "~/Documents/minutes.odt"


def title_saved(actor):
    """The first line into the empty document, then Save As."""
    wait_document(actor, "Untitled")
    writer_add_paragraphs(actor, [f"Minutes: {actor.params['team']} meeting"])
    save_as(actor, PATH)


def present(actor):
    """Who came."""
    open_document(actor, PATH)  # a start at this subtask shows a new, empty document
    writer_add_paragraphs(actor, [f"Present: {actor.params['people']}"])
    save_document(actor, PATH)


def decision(actor):
    """What was decided."""
    open_document(actor, PATH)  # a start at this subtask shows a new, empty document
    writer_add_paragraphs(actor, [f"Decision: {actor.params['decision']}"])
    save_document(actor, PATH)


def word_copy(actor):
    """Save As with a .docx name: Writer picks the Word format from the extension."""
    open_document(actor, PATH)  # a start at this subtask shows a new, empty document
    save_as(actor, "~/Documents/minutes.docx")
