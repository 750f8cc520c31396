"""Top-level windows through EWMH (python-xlib): list, focus, close, wait for one to appear.

Why python-xlib and not wmctrl: one persistent connection answers in well under a millisecond,
and the same connection tells whether the window manager and the panel are up.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass

from Xlib import X, display, error, protocol

from guigym.errors import ActionError

__all__ = ["Window", "Windows", "open_display"]


def open_display(name: str) -> display.Display:
    """A python-xlib connection whose core X errors parse as core errors.

    Why: python-xlib registers the errors of extensions that report ``first_error`` 0 (DAMAGE,
    RANDR's table) over the core codes 0-2, so a plain BadValue (e.g. KillClient of a client
    that is gone) raises ``AttributeError: 'BadRRModeError' object has no attribute
    'sequence_number'`` instead of an XError, and the connection is left mid-reply."""
    conn = display.Display(name)
    for code, cls in error.xerror_class.items():
        conn.display.error_classes[code] = cls
    return conn


@dataclass(frozen=True)
class Window:
    """One top-level window as the agent and checks see it."""

    id: int
    title: str
    app: str  # WM_CLASS class, e.g. "Mousepad"
    pid: int
    x: int
    y: int
    width: int
    height: int
    active: bool
    minimized: bool

    def as_dict(self) -> dict:
        return asdict(self)


class Windows:
    """A connection to one display for window queries."""

    def __init__(self, display_name: str) -> None:
        self.d = open_display(display_name)
        self.root = self.d.screen().root
        self._atoms: dict[str, int] = {}
        # python-xlib connections are not thread-safe; oracles may poll from a helper thread
        self.lock = threading.RLock()

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self.d.intern_atom(name)
        return self._atoms[name]

    def _prop(self, win, name: str, kind=X.AnyPropertyType):  # noqa: ANN001
        try:
            prop = win.get_full_property(self.atom(name), kind)
        except error.XError:
            return None
        return None if prop is None else prop.value

    def close(self) -> None:
        self.d.close()

    # -- state -----------------------------------------------------------------------------------
    def wm_running(self) -> bool:
        """True once an EWMH window manager has announced itself on the root window."""
        value = self._prop(self.root, "_NET_SUPPORTING_WM_CHECK")
        return bool(value is not None and len(value))

    def _client_ids(self) -> list[int]:
        value = self._prop(self.root, "_NET_CLIENT_LIST")
        return [int(v) for v in value] if value is not None else []

    def _all_classes(self) -> list[tuple[int, str]]:
        out = []
        try:
            children = self.root.query_tree().children
        except error.XError:
            return out
        for child in children:
            try:
                cls = child.get_wm_class()
            except error.XError:
                continue
            if cls:
                out.append((child.id, cls[1]))
        return out

    def has_class(self, wm_class: str) -> bool:
        """True when any top-level X window (managed or not) has this WM_CLASS."""
        with self.lock:
            return self._has_class(wm_class)

    def _has_class(self, wm_class: str) -> bool:
        want = wm_class.lower()
        return any(want in (c.lower(), c.lower().replace(" ", "-")) for _, c in self._all_classes())

    def list(self) -> list[Window]:
        """Managed application windows (panel and desktop excluded), in stacking order."""
        with self.lock:
            return self._list()

    def _list(self) -> list[Window]:
        active = self._prop(self.root, "_NET_ACTIVE_WINDOW")
        active_id = int(active[0]) if active is not None and len(active) else 0
        out = []
        for wid in self._client_ids():
            win = self.d.create_resource_object("window", wid)
            try:
                types = self._prop(win, "_NET_WM_WINDOW_TYPE")
                if types is not None and any(
                    int(t) in (self.atom("_NET_WM_WINDOW_TYPE_DOCK"),
                               self.atom("_NET_WM_WINDOW_TYPE_DESKTOP"))
                    for t in types
                ):  # fmt: skip
                    continue
                name = self._prop(win, "_NET_WM_NAME", self.atom("UTF8_STRING"))
                title = name.decode("utf-8", "replace") if isinstance(name, bytes) else ""
                if not title:
                    title = win.get_wm_name() or ""
                    if isinstance(title, bytes):
                        title = title.decode("latin-1")
                cls = win.get_wm_class() or ("", "")
                pid = self._prop(win, "_NET_WM_PID")
                state = self._prop(win, "_NET_WM_STATE")
                hidden = state is not None and self.atom("_NET_WM_STATE_HIDDEN") in list(state)
                geo = win.get_geometry()
                pos = win.translate_coords(self.root, 0, 0)
                out.append(
                    Window(
                        id=wid,
                        title=str(title),
                        app=str(cls[1]),
                        pid=int(pid[0]) if pid is not None and len(pid) else 0,
                        x=-int(pos.x),
                        y=-int(pos.y),
                        width=int(geo.width),
                        height=int(geo.height),
                        active=wid == active_id,
                        minimized=bool(hidden),
                    )
                )
            except error.XError:
                continue  # the window went away while we looked
        return out

    def find(self, ref: int | str) -> Window:
        """A window by id, or by a case-insensitive part of its title or app class."""
        wins = self.list()
        for w in wins:
            if isinstance(ref, int) and w.id == ref:
                return w
        text = str(ref).lower()
        for w in wins:
            if str(w.id) == text or text in w.title.lower() or text == w.app.lower():
                return w
        names = ", ".join(f"{w.id} {w.title!r} ({w.app})" for w in wins) or "none"
        raise ActionError(f"no window matches {ref!r}; open windows: {names}")

    def client_pid(self, wid: int) -> int:
        """The pid (as this machine sees it) of the X client that owns window ``wid``, from the
        X server's own record (XRes), 0 when unknown. Why not ``_NET_WM_PID``: the app writes
        that itself, and inside a pid namespace it is a number from another namespace."""
        from Xlib.ext import res

        with self.lock:
            try:
                if not self.d.has_extension("X-Resource"):
                    return 0
                spec = {"client": wid, "mask": res.LocalClientPIDMask}
                reply = self.d.res_query_client_ids([spec])
            except (error.XError, AttributeError):
                return 0
        for cid in reply.ids:
            if cid.spec.mask & res.LocalClientPIDMask and cid.value:
                return int(cid.value[0])
        return 0

    def kill_client(self, wid: int) -> None:
        """Cut the X connection of the client that owns ``wid`` (as ``xkill`` does).

        On a connection of its own: the error X sends back when the client is already gone
        arrives late, and python-xlib can misparse it (``BadRRModeError`` with no sequence
        number), which would poison the shared connection."""
        try:
            conn = open_display(self.d.get_display_name())
        except Exception:  # noqa: BLE001 - the display is gone: nothing left to cut
            return
        try:
            conn.create_resource_object("window", wid).kill_client(onerror=error.CatchError())
            conn.sync()
        except Exception:  # noqa: BLE001 - see above
            pass
        finally:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass

    # -- commands --------------------------------------------------------------------------------
    def _send(self, wid: int, name: str, data: list[int]) -> None:
        with self.lock:
            self._send_locked(wid, name, data)

    def _send_locked(self, wid: int, name: str, data: list[int]) -> None:
        win = self.d.create_resource_object("window", wid)
        ev = protocol.event.ClientMessage(
            window=win, client_type=self.atom(name), data=(32, (data + [0] * 5)[:5])
        )
        self.root.send_event(ev, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        self.d.flush()

    def focus(self, ref: int | str) -> Window:
        """Raise and focus a window (un-minimising it)."""
        w = self.find(ref)
        self._send(w.id, "_NET_ACTIVE_WINDOW", [2, X.CurrentTime, 0])
        return w

    def close_window(self, ref: int | str) -> Window:
        """Ask a window to close (as its close button does)."""
        w = self.find(ref)
        self._send(w.id, "_NET_CLOSE_WINDOW", [X.CurrentTime, 2])
        return w

    def wait_for(self, pred, timeout: float) -> Window | None:  # noqa: ANN001
        """The first window satisfying ``pred`` within ``timeout`` s, else None (polls X)."""
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            for w in self.list():
                if pred(w):
                    return w
            if time.monotonic() > deadline:
                return None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
