"""Oracles: replace one line of the settings file by line number, then save."""


def _set_line(actor, number, text):
    """Select line ``number`` (1-based) and type ``text`` over it, then save."""
    actor.press("Control+Home")
    for _ in range(number - 1):
        actor.press("ArrowDown")
    actor.press("Home")
    actor.press("Shift+End")
    actor.type(text)
    actor.press("Control+s")


def metric(actor):
    """Line 2."""
    _set_line(actor, 2, "units = metric")


def city(actor):
    """Line 3."""
    _set_line(actor, 3, f"city = {actor.params['city']}")


def dark(actor):
    """Line 7."""
    _set_line(actor, 7, "theme = dark")


def language(actor):
    """After the last line of the file, which ends the [display] section."""
    actor.press("Control+End")
    actor.type(f"language = {actor.params['lang']}\n")
    actor.press("Control+s")
