"""Oracles: type and save through the editor's Save As dialog; show a folder in the file manager."""

from guigym.tasks.desktop.office import observe, wait_until


def save_notes(actor):
    """Type the first line, Control+S, name the file in the dialog, wait until it is saved."""
    actor.type(f"Meeting {actor.params['day']}\n")
    actor.press("Control+s")
    actor.wait_window("Save As")
    actor.type("notes.txt")
    for attempt in range(3):  # GTK's file chooser may swallow an Enter while it completes names
        actor.press("Enter")
        try:
            actor.wait_window("Save As", gone=True, timeout=5)
            break
        except TimeoutError:
            if attempt == 2:
                raise
    actor.wait_window("notes.txt", app="mousepad")
    # the title may change before the bytes are on disk: wait for them, then take one step so
    # the verifier (which runs after a step) sees the saved file
    wait_until(lambda: actor.desktop.exists("~/notes.txt"), "~/notes.txt saved")
    observe(actor)


def open_documents(actor):
    """Click the file manager's title bar, then Control+L, ~/Documents, Enter."""
    win = next(w for w in actor.desktop.windows() if "pcmanfm" in w["app"].lower())
    actor.click(win["x"] + win["width"] // 2, max(0, win["y"] - 12))
    actor.press("Control+l")
    actor.type("~/Documents\n")
    actor.wait_window("Documents", app="pcmanfm")
