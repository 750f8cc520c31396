"""AT-SPI reader, run with Debian's /usr/bin/python3 (python3-pyatspi), one JSON line per request.

Why a separate process with the system Python: pyatspi and GObject introspection come from
Debian, not from PyPI; running them here keeps /usr/lib/python3/dist-packages out of the venv.
This file imports nothing from guigym. The control server (``axtree.py``) starts it with the
session's D-Bus address and talks to it over stdin/stdout.

Requests: {"op": "tree", "max_nodes": N} -> {"text", "count"};
{"op": "locate", "element": "e12" | {"kind", "value", "name"}} -> {"id", "x", "y", "w", "h",
"role", "name"}; {"op": "act", "element": ..., "do": "focus"|"set_text"|"press"|"select",
"text": ...} -> {"ok": true}. Errors: {"error": "..."}.
"""

from __future__ import annotations

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

Atspi.set_timeout(1500, 5000)

SKIP_ROLES = {"redundant object", "filler"}
INTERESTING_STATES = ("focused", "selected", "checked", "expanded", "editable", "disabled")
MAX_CHILDREN = 400
TABLE_ROWS, TABLE_COLS = 30, 12


class Reader:
    def __init__(self) -> None:
        self.ids: dict[tuple, str] = {}
        self.objs: dict[str, Atspi.Accessible] = {}
        self.meta: dict[str, dict] = {}
        self.next_id = 1

    def _id(self, key: tuple) -> str:
        eid = self.ids.get(key)
        if eid is None:
            eid = f"e{self.next_id}"
            self.next_id += 1
            self.ids[key] = eid
        return eid

    # -- tree ------------------------------------------------------------------------------------
    def tree(self, max_nodes: int = 3000) -> dict:
        self.objs, self.meta = {}, {}
        lines: list[str] = []
        desktop = Atspi.get_desktop(0)
        count = 0
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            try:
                app_name = app.get_name() or ""
            except Exception:  # noqa: BLE001 - an app that went away
                continue
            if app_name in ("xfce4-panel", "xfdesktop", "xfwm4", "at-spi2-registryd", ""):
                continue
            windows = []
            for j in range(app.get_child_count()):
                win = app.get_child_at_index(j)
                if win is not None and _showing(win):
                    windows.append((j, win))
            if not windows:
                continue
            lines.append(f"application {app_name!r}")
            for j, win in windows:
                count = self._walk(win, (app_name, j), 1, lines, count, max_nodes)
                if count >= max_nodes:
                    lines.append("  ... (tree cut at max_nodes)")
                    return {"text": "\n".join(lines), "count": count}
        return {"text": "\n".join(lines), "count": count}

    def _walk(self, acc, path, depth, lines, count, max_nodes) -> int:  # noqa: ANN001
        if count >= max_nodes:
            return count
        try:
            role = acc.get_role_name()
            name = acc.get_name() or ""
            states = acc.get_state_set()
            n = acc.get_child_count()
        except Exception:  # noqa: BLE001
            return count
        shown = role not in SKIP_ROLES or bool(name)
        indent = "  " * depth
        if shown:
            eid = self._id(path)
            self.objs[eid] = acc
            flags = [s for s in INTERESTING_STATES if _has(states, s)]
            if not _has(states, "enabled") and not _has(states, "sensitive"):
                flags.append("disabled") if "disabled" not in flags else None
            text = _text(acc, role)
            line = f"{indent}[{eid}] {role}"
            if name:
                line += f" {json.dumps(name, ensure_ascii=False)}"
            if text and text != name:
                line += f" value={json.dumps(text[:200], ensure_ascii=False)}"
            if flags:
                line += " " + " ".join(flags)
            lines.append(line)
            editable = _has(states, "editable") or role in ("entry", "password text")
            self.meta[eid] = {"role": role, "name": name, "text": text, "editable": editable}
            count += 1
            depth += 1
        if role in ("table", "tree table", "spreadsheet") and n > MAX_CHILDREN:
            return self._table(acc, path, depth, lines, count, max_nodes)
        for k in range(min(n, MAX_CHILDREN)):
            try:
                child = acc.get_child_at_index(k)
            except Exception:  # noqa: BLE001
                continue
            if child is None or not _showing(child):
                continue
            count = self._walk(child, (*path, k), depth, lines, count, max_nodes)
            if count >= max_nodes:
                break
        if n > MAX_CHILDREN:
            lines.append(f"{'  ' * depth}... {n - MAX_CHILDREN} more children")
        return count

    def _table(self, acc, path, depth, lines, count, max_nodes) -> int:  # noqa: ANN001
        """Big tables (a spreadsheet has billions of cells): the visible top-left cells only."""
        try:
            table = acc.get_table_iface() if hasattr(acc, "get_table_iface") else acc
            rows = min(Atspi.Table.get_n_rows(table), TABLE_ROWS)
            cols = min(Atspi.Table.get_n_columns(table), TABLE_COLS)
        except Exception:  # noqa: BLE001
            return count
        for r in range(rows):
            for c in range(cols):
                try:
                    cell = Atspi.Table.get_accessible_at(table, r, c)
                except Exception:  # noqa: BLE001
                    continue
                if cell is None:
                    continue
                text = _text(cell, "table cell")  # one call for an empty cell
                if not text:
                    continue
                name = cell.get_name() or ""
                eid = self._id((*path, "cell", r, c))
                self.objs[eid] = cell
                self.meta[eid] = {"role": "table cell", "name": name, "text": text}
                focus = ""
                lines.append(
                    f"{'  ' * depth}[{eid}] table cell {json.dumps(name, ensure_ascii=False)}"
                    f" value={json.dumps(text[:200], ensure_ascii=False)}{focus}"
                )
                count += 1
                if count >= max_nodes:
                    return count
        return count

    # -- element lookup and actions --------------------------------------------------------------
    def find(self, element) -> tuple[str, Atspi.Accessible]:  # noqa: ANN001
        if isinstance(element, str):
            if element not in self.objs:
                self.tree()
            if element not in self.objs:
                raise LookupError(f"no element {element!r} on screen (ids come from the axtree)")
            return element, self.objs[element]
        if not self.objs:
            self.tree()
        kind, value, name = element.get("kind"), element.get("value", ""), element.get("name")
        if kind == "label":
            found = self._by_label(value)
            if found is not None:
                return found, self.objs[found]
        for eid, meta in self.meta.items():
            if kind == "role":
                role = meta["role"].replace(" ", "")
                if role != value.replace(" ", "").lower() and meta["role"] != value:
                    if not (value == "button" and role == "pushbutton"):
                        continue
                if name is not None and meta["name"] != name:
                    continue
                return eid, self.objs[eid]
            if kind in ("text", "label", "title") and value in (meta["name"], meta["text"]):
                return eid, self.objs[eid]
        self.tree()
        for eid, meta in self.meta.items():
            if kind in ("text", "label", "title") and value in (meta["name"], meta["text"]):
                return eid, self.objs[eid]
        raise LookupError(f"no element matches {element.get('raw') or element}")

    def _by_label(self, value: str) -> str | None:
        """The editable field a label names: the first editable element after the label."""
        want = value.strip().rstrip(":").strip().casefold()
        seen_label = False
        for eid, meta in self.meta.items():
            if meta.get("editable") and meta["name"].strip().rstrip(":").strip().casefold() == want:
                return eid
            if (
                meta["role"] == "label"
                and meta["name"].strip().rstrip(":").strip().casefold() == want
            ):
                seen_label = True
                continue
            if seen_label and meta.get("editable"):
                return eid
        return None

    def locate(self, element) -> dict:  # noqa: ANN001
        eid, acc = self.find(element)
        ext = acc.get_extents(Atspi.CoordType.SCREEN)
        meta = self.meta.get(eid, {})
        return {"id": eid, "x": ext.x, "y": ext.y, "w": ext.width, "h": ext.height,
                "role": meta.get("role", ""), "name": meta.get("name", "")}  # fmt: skip

    def act(self, element, do: str, text: str = "") -> dict:  # noqa: ANN001
        eid, acc = self.find(element)
        if do == "focus":
            comp = acc.get_component_iface() if hasattr(acc, "get_component_iface") else acc
            return {"ok": bool(Atspi.Component.grab_focus(comp))}
        if do == "set_text":
            try:
                ok = Atspi.EditableText.set_text_contents(acc, text)
            except Exception as exc:  # noqa: BLE001
                raise LookupError(f"{eid} is not an editable text field ({exc})") from None
            return {"ok": bool(ok)}
        if do == "press":
            try:
                n = Atspi.Action.get_n_actions(acc)
            except Exception:  # noqa: BLE001
                n = 0
            if not n:
                raise LookupError(f"{eid} has no action to perform")
            return {"ok": bool(Atspi.Action.do_action(acc, 0))}
        raise LookupError(f"unknown element action {do!r}")


_CHROMIUM = ("chromium", "chromium-browser")


def browser_urls(max_nodes: int = 400) -> list[dict]:
    """Each Chromium window's title and what its address bar shows (the URL, as a person reads
    it), and whether the bar is being edited. Walks only Chromium's frames, never the pages."""
    out = []
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is None or (app.get_name() or "").lower() not in _CHROMIUM:
                continue
        except Exception:  # noqa: BLE001 - an app that went away
            continue
        for j in range(app.get_child_count()):
            frame = app.get_child_at_index(j)
            if frame is None or not _showing(frame):
                continue
            todo, seen, bar = [frame], 0, None
            while todo and seen < max_nodes and bar is None:
                acc = todo.pop(0)
                seen += 1
                role = acc.get_role_name()
                if role == "entry" and (acc.get_name() or "") == "Address and search bar":
                    bar = acc
                elif role not in ("document web", "document frame"):
                    todo.extend(
                        c for k in range(acc.get_child_count())
                        if (c := acc.get_child_at_index(k)) is not None
                    )  # fmt: skip
            url = _text(bar, "entry") if bar is not None else ""
            editing = bar is not None and _has(bar.get_state_set(), "focused")
            out.append({"title": frame.get_name() or "", "url": url, "editing": editing})
    return out


def _has(states, name: str) -> bool:  # noqa: ANN001
    state = getattr(Atspi.StateType, name.upper(), None)
    return state is not None and states.contains(state)


def _showing(acc) -> bool:  # noqa: ANN001
    try:
        return acc.get_state_set().contains(Atspi.StateType.SHOWING)
    except Exception:  # noqa: BLE001
        return False


def _text(acc, role: str) -> str:  # noqa: ANN001
    if role not in ("text", "entry", "password text", "paragraph", "table cell", "terminal",
                    "document text", "spin button", "combo box", "editbar"):  # fmt: skip
        return ""
    try:
        if role == "password text":
            return ""
        n = Atspi.Text.get_character_count(acc)
        return Atspi.Text.get_text(acc, 0, min(n, 2000)) if n else ""
    except Exception:  # noqa: BLE001
        return ""


def main() -> int:
    reader = Reader()
    for line in sys.stdin:
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "tree":
                out = reader.tree(int(req.get("max_nodes", 3000)))
            elif op == "locate":
                out = reader.locate(req["element"])
            elif op == "act":
                out = reader.act(req["element"], req["do"], req.get("text", ""))
            elif op == "browser_urls":
                out = {"windows": browser_urls()}
            elif op == "forget":  # a new episode: ids start again at e1
                reader.__init__()
                out = {"ok": True}
            elif op == "ping":
                out = {"ok": True}
            else:
                out = {"error": f"unknown op {op!r}"}
        except LookupError as exc:
            out = {"error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - one bad request never kills the reader
            out = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
