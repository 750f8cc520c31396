"""Oracle helpers for LibreOffice Calc and Writer on the desktop (desktop and cross suites).

Why waits on state and not on time: LibreOffice runs every key that is a *shortcut* in its
accelerator table -- Control+S, Control+Shift+F5, Control+End, Tab and the arrows in Calc, and
even Enter in Writer (``.uno:InsertPara``) -- as an event it posts to itself, which it handles
after the key events already queued. A burst like ``type("\\nTo: Ana")`` therefore lands as
"To: Ana" first and the paragraph break after it, and a cell reference typed right after
Control+Shift+F5 goes into the grid, not the Name Box. So every helper here presses such a key
on its own, waits until the accessibility tree (AT-SPI) or the file on disk shows its effect,
and only then types plain text (which LibreOffice handles in order). The desktop's LibreOffice
profile (``guigym.images.desktop.office_profile``) turns off AutoInput, AutoCorrect and word
completion, so what is typed is what is saved.

The helpers whose effect a check reads (``save_document``, ``save_as``, ``close_app``) end
with a step (``noop()``) once the file is written or the window gone: the verifier runs after
each step, and a save that lands after the oracle's last step would never be seen.

Use from a task's ``solution.py``::

    from guigym.tasks.desktop.office import calc_enter, save_document
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "observe", "wait_until", "office_tree", "wait_document", "calc_state", "calc_goto",
    "calc_enter", "calc_set", "writer_paragraphs", "writer_add_paragraphs", "save_document",
    "save_as", "open_document", "close_app", "cell_ref", "ref_name",
]  # fmt: skip

_MAX_NODES = 8000
_ZIPPED = (".ods", ".odt", ".xlsx", ".docx", ".odp", ".pptx")
_VALUE = r'value=("(?:[^"\\]|\\.)*")'
_REF = r"\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?"
_NAME_BOX = re.compile(r'\] text value="(' + _REF + r')"(.*)$')
_SHEET = re.compile(r'\] table "[^"]*"(.*)$')
_PARAGRAPH = re.compile(r"\] paragraph(?: " + _VALUE + r")?(.*)$")


# -- waiting -------------------------------------------------------------------------------------
def observe(actor: Any) -> None:
    """One step that changes nothing, so the verifier looks at the desktop as it is now."""
    actor.do("noop()")


def wait_until(cond: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    """Poll ``cond()`` until it is truthy and return its value; TimeoutError naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:g} s")
        time.sleep(0.1)


def office_tree(actor: Any) -> list[str]:
    """The AT-SPI tree lines of LibreOffice (``soffice``) only: other apps may hold focus too."""
    text = actor.desktop.axtree(_MAX_NODES)["text"]
    out, inside, seen = [], False, False
    for line in text.splitlines():
        if line.startswith("application "):
            inside = "soffice" in line
            seen = seen or inside
        elif inside:
            out.append(line)
    if not seen and "(tree cut at max_nodes)" in text:  # a huge web page listed before it
        raise RuntimeError(f"LibreOffice is beyond the first {_MAX_NODES} accessibility nodes")
    return out


def wait_document(actor: Any, title: str) -> dict:
    """The LibreOffice window titled ``title`` is active and its document view has the focus
    (clicked once if it does not); returns the window."""
    win = actor.wait_window(title, app="libreoffice")
    view = re.compile(r'\] (table "[^"]*"|paragraph\b).* focused')

    def focused() -> bool:
        return any(view.search(line) for line in office_tree(actor))

    try:
        wait_until(focused, f"the document view of {title!r} taking the focus", 5)
    except TimeoutError:
        actor.click(win["x"] + win["width"] // 2, win["y"] + win["height"] // 2)
        wait_until(focused, f"the document view of {title!r} taking the focus", 10)
    return win


# -- Calc ----------------------------------------------------------------------------------------
def cell_ref(ref: str) -> tuple[int, int]:
    """``"D12"`` -> (column 3, row 11), zero-based."""
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]+)", ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m.group(2)) - 1


def ref_name(col: int, row: int) -> str:
    """(3, 11) -> ``"D12"``."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def calc_state(actor: Any) -> tuple[str, bool, bool]:
    """(the Name Box's text, the Name Box has the focus, the sheet has the focus)."""
    ref, box_focused, sheet_focused = "", False, False
    for line in office_tree(actor):
        m = _NAME_BOX.search(line)
        if m and not ref:
            ref, box_focused = m.group(1), " focused" in m.group(2)
        s = _SHEET.search(line)
        if s and " focused" in s.group(1):
            sheet_focused = True
    return ref, box_focused, sheet_focused


def calc_goto(actor: Any, ref: str) -> None:
    """Put Calc's cell cursor on ``ref`` through the Name Box (Control+Shift+F5, the reference,
    Enter), waiting until the Name Box has the focus before typing and until the sheet has it
    back, showing ``ref``, afterwards."""
    ref = ref.upper()
    for attempt in range(3):
        actor.press("Control+Shift+F5")
        try:
            wait_until(lambda: calc_state(actor)[1], "the Name Box taking the focus", 10)
        except TimeoutError:
            if attempt == 2:
                raise
            continue  # the shortcut went nowhere (a busy app): press it again
        actor.type(ref + "\n")
        try:
            wait_until(
                lambda: (s := calc_state(actor))[0] == ref and s[2],
                f"the cell cursor on {ref}",
                10,
            )
            return
        except TimeoutError:
            if attempt == 2:
                raise


def calc_enter(actor: Any, ref: str, values: Sequence[Any]) -> None:
    """Type ``values`` down a column from ``ref`` (Enter after each; Calc handles Enter in
    order with the text) and wait until the cursor sits below the last one."""
    calc_goto(actor, ref)
    actor.type("".join(f"{v}\n" for v in values))
    col, row = cell_ref(ref)
    below = ref_name(col, row + len(values))
    wait_until(lambda: calc_state(actor)[0] == below, f"the entries {ref}..: cursor on {below}")


def calc_set(actor: Any, cells: dict[str, Any]) -> None:
    """Type one value into each cell (``{"B4": 6, "D1": "Cost"}``), each reached by Name Box."""
    for ref, value in cells.items():
        calc_enter(actor, ref, [value])


# -- Writer --------------------------------------------------------------------------------------
def writer_paragraphs(actor: Any) -> list[tuple[str, bool]]:
    """The visible paragraphs of the Writer document: (text, has the caret)."""
    out, depth = [], -1  # paragraphs inside the document view only (not Calc's input line)
    for line in office_tree(actor):
        indent = len(line) - len(line.lstrip())
        if "] document text" in line:
            depth = indent
            continue
        if depth < 0 or indent <= depth:
            depth = -1
            continue
        m = _PARAGRAPH.search(line)
        if m:
            text = json.loads(m.group(1)) if m.group(1) else ""
            out.append((text, " focused" in m.group(2)))
    return out


def writer_add_paragraphs(actor: Any, texts: Sequence[str]) -> None:
    """Append each of ``texts`` as a new paragraph at the end of the Writer document (a new,
    empty document takes the first one in its empty paragraph).

    Control+End and Enter are both posted commands (run in order, after the keys already
    queued): press them, wait until a new empty last paragraph holds the caret, then type the
    text and wait until that paragraph shows it. A paragraph break anywhere but at the end
    (the end-of-document command lost) is an error, not something to type over.
    """
    for text in texts:
        before = [t for t, _ in writer_paragraphs(actor)]
        if before == [""]:  # a new, empty document: its one paragraph takes the text
            actor.type(text)
            wait_until(
                lambda t=text: writer_paragraphs(actor) == [(t, True)],
                f"Writer showing {text!r} as its first paragraph",
                15,
            )
            continue
        actor.press("Control+End")
        actor.press("Enter")

        def new_last(n: int = len(before) + 1) -> bool:
            paras = writer_paragraphs(actor)
            return len(paras) == n and paras[-1] == ("", True)

        try:
            wait_until(new_last, "a new last paragraph", 15)
        except TimeoutError:
            now = [t for t, _ in writer_paragraphs(actor)]
            raise TimeoutError(f"Writer: expected {before} + [''], found {now}") from None
        actor.type(text)
        wait_until(
            lambda t=text: writer_paragraphs(actor)[-1:] == [(t, True)],
            f"Writer showing {text!r} as its last paragraph",
            15,
        )


# -- files and windows ---------------------------------------------------------------------------
def _complete(path: str, data: bytes) -> bool:
    """A zipped document is only readable once LibreOffice has written all of it."""
    if not path.lower().endswith(_ZIPPED):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.testzip() is None
    except zipfile.BadZipFile:
        return False


def save_document(actor: Any, path: str, timeout: float = 30.0) -> bytes:
    """Control+S and wait until ``path`` on disk has changed and is complete; then one step so
    the verifier reads it. The document keeps its format (the profile asks no "keep format?").
    Returns the saved bytes."""
    desk = actor.desktop
    before = desk.read_file(path) if desk.exists(path) else None

    def saved() -> bytes | None:
        if not desk.exists(path):
            return None
        data = desk.read_file(path)
        return data if data != before and _complete(path, data) else None

    for attempt in range(2):
        actor.press("Control+s")
        try:
            data = wait_until(saved, f"{path} saved", timeout if attempt else timeout / 2)
            break
        except TimeoutError:
            # nothing was written: the key reached no document (focus elsewhere); once more
            if attempt == 1:
                raise
    observe(actor)
    return data


def _chooser_entry(actor: Any) -> tuple[str, bool] | None:
    """The Save dialog's Name field: (its text, has the focus); None while no dialog is open."""
    inside = False
    for line in office_tree(actor):
        if "] file chooser" in line:
            inside = True
        elif inside and re.search(r"\] text( value=|\s|$)", line) and "editable" in line:
            m = re.search(_VALUE, line)  # an empty field has no value=
            return (json.loads(m.group(1)) if m else ""), " focused" in line
    return None


def save_as(actor: Any, path: str, timeout: float = 30.0) -> bytes:
    """Save the active document under a new name: Control+Shift+S, ``path`` (``~/...``; GTK's
    dialog expands ``~``) typed into the Name field once it has the focus, Enter once the field
    shows it. The extension picks the format (``.docx`` saves Word, ``.xlsx`` Excel, ``.csv``
    text) and the profile asks no "keep format?". Waits until the dialog is gone and the file
    is complete, then one step. ``path`` must not exist yet (GTK would ask to replace it)."""
    desk = actor.desktop
    if desk.exists(path):
        raise FileExistsError(f"save_as: {path} exists (the dialog would ask to replace it)")
    actor.press("Control+Shift+s")
    wait_until(lambda: (e := _chooser_entry(actor)) and e[1], "the Save dialog's Name field", 20)
    actor.press("Control+a")
    actor.type(path)
    wait_until(lambda: (_chooser_entry(actor) or ("",))[0] == path, f"{path!r} in the Name field")
    actor.press("Enter")
    wait_until(lambda: _chooser_entry(actor) is None, "the Save dialog closing", timeout)
    done = lambda: desk.exists(path) and _complete(path, desk.read_file(path))  # noqa: E731
    wait_until(done, f"{path} saved", timeout)
    observe(actor)
    return desk.read_file(path)


def open_document(actor: Any, path: str, timeout: float = 45.0) -> dict:
    """Make ``path`` (``~/...``) the active LibreOffice document: nothing to do when its window
    is open; else Control+O, Control+L (GTK's location field), the path once the field has the
    focus, Enter once it shows the path, and wait for the document's view. An empty untitled
    document is replaced by it. Returns the window."""
    name = path.rsplit("/", 1)[-1]
    if not any(name in w["title"] and "libreoffice" in w["app"].lower()
               for w in actor.desktop.windows()):  # fmt: skip
        actor.press("Control+o")
        wait_until(lambda: _in_chooser(actor, focused=True), "the Open dialog taking the focus")
        if not (_chooser_entry(actor) or ("", False))[1]:  # GTK remembers the location field
            actor.press("Control+l")
            wait_until(lambda: (e := _chooser_entry(actor)) and e[1], "the Open dialog's location")
        actor.press("Control+a")
        actor.type(path)
        wait_until(lambda: (_chooser_entry(actor) or ("",))[0] == path, f"{path!r} typed")
        actor.press("Enter")
        wait_until(lambda: not _in_chooser(actor), "the Open dialog closing", timeout)
    return wait_document(actor, name)


def _in_chooser(actor: Any, focused: bool = False) -> bool:
    """A file dialog is open (and, ``focused``, something inside it has the keyboard focus)."""
    depth = -1
    for line in office_tree(actor):
        indent = len(line) - len(line.lstrip())
        if "] file chooser" in line:
            if not focused:
                return True
            depth = indent
        elif depth >= 0 and indent > depth and " focused" in line:
            return True
        elif depth >= 0 and indent <= depth:
            depth = -1
    return False


def close_app(actor: Any, title: str, app: str = "libreoffice", timeout: float = 30.0) -> None:
    """Control+Q and wait until the window titled ``title`` is gone (the document must be
    saved: a "Save changes?" question is an error here, named with the windows left)."""
    actor.press("Control+q")
    try:
        actor.wait_window(title, app=app, gone=True, timeout=timeout)
    except TimeoutError:
        left = [w["title"] for w in actor.desktop.windows()]
        raise TimeoutError(f"{title!r} did not close in {timeout:g} s; windows: {left}") from None
    observe(actor)
