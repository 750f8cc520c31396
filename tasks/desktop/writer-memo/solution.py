"""Oracles for the Writer memo: type at the end of the document and save in ODF."""

import time

PATH = "~/Documents/memo.odt"


def _saved(actor, save):
    """Run ``save`` and wait until the file on disk has changed (LibreOffice saves late)."""
    before = actor.desktop.read_file(PATH)
    save()
    deadline = time.monotonic() + 30
    while actor.desktop.read_file(PATH) == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{PATH} was not saved within 30 s")
        time.sleep(0.1)


def _append(actor, text):
    actor.press("Control+End")
    # LibreOffice may handle a shortcut after a plain key pressed later: let it land first
    actor.wait(1)
    actor.press("Enter")
    actor.type(text)
    _saved(actor, lambda: actor.press("Control+s"))


def to_line(actor):
    """The addressee."""
    win = actor.wait_window("memo.odt", app="libreoffice")
    actor.click(win["x"] + win["width"] // 2, win["y"] + win["height"] // 2)  # focus the page
    _append(actor, f"To: {actor.params['person']}")


def subject_line(actor):
    """The subject."""
    _append(actor, f"Subject: {actor.params['subject']}")


def body(actor):
    """The request."""
    _append(actor, "Please review the attached figures by Friday")


def close(actor):
    """Quit Writer (the document is saved, so no question is asked)."""
    actor.press("Control+q")
    actor.wait_window("memo.odt", gone=True)
