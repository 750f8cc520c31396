"""The agent's sandbox: every desktop process the agent can drive runs through ``wrap()``.

Why: the agent types into a terminal, opens file dialogs and browses; whatever it starts must
not see the repository, the installed guigym sources, the sites' workdirs and databases, other
envs, tokens in other processes' environments, nor signal the services (see the README's
"Sandbox"). The mode comes from ``$GUIGYM_DESKTOP_SANDBOX``:

- ``bwrap`` (default): bubblewrap, run as root, puts the process in new user, pid, ipc, uts and
  mount namespaces as uid/gid 1000 with no capabilities, no new user namespaces, a new session
  (no TIOCSTI into our terminal) and death with its parent. The user namespace maps inside uid
  1000 to outside root, so file *ownership* protects nothing: the only protection is the
  filesystem view, built explicitly (never ``--ro-bind / /``): the system (``/usr``, ``/etc``
  minus the files only root may read, a few ``/var`` caches), the desktop home, the desktop's
  private ``/tmp``, runtime and cache folders, its own X socket. Any folder that holds the
  guigym package or its Python environment is masked even if it lies under ``/usr``.
- ``user`` (the Docker image, where bwrap cannot create namespaces): ``setpriv`` to uid/gid 1000
  with no groups, no capabilities and no new privileges; the container is the filesystem
  boundary, and the desktop folders are handed to uid 1000 (``own()``).
- ``none``: no sandbox at all. Unsafe: the agent's apps run as the server's user and see the
  whole machine. For development and for the bench's "before" figure only.

A mode that cannot work raises ``ServiceError`` naming the fix; there is no silent fallback.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guigym.errors import ServiceError

__all__ = [
    "ENV_VAR",
    "MODES",
    "SANDBOX_GID",
    "SANDBOX_UID",
    "Sandbox",
    "check_mode",
    "sandbox_mode",
]

ENV_VAR = "GUIGYM_DESKTOP_SANDBOX"
MODES = ("bwrap", "user", "none")
DEFAULT_MODE = "bwrap"
SANDBOX_UID = 1000
SANDBOX_GID = 1000

#: system folders every desktop app needs, read-only (missing ones are skipped)
_SYSTEM_RO = ("/usr", "/etc", "/var/lib/libreoffice", "/var/cache/fontconfig", "/var/lib/dbus")
#: merged-usr links (Debian 12): /bin -> usr/bin ...
_USR_LINKS = ("bin", "lib", "lib64", "sbin", "lib32", "libx32")
_BWRAP_NS = (
    "--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_GID), "--unshare-pid",
    "--unshare-ipc", "--unshare-uts", "--hostname", "desktop", "--unshare-cgroup-try",
    "--die-with-parent", "--new-session", "--disable-userns", "--cap-drop", "ALL",
)  # fmt: skip


def sandbox_mode(value: str | None = None) -> str:
    """The mode named by ``value`` or ``$GUIGYM_DESKTOP_SANDBOX`` (default ``bwrap``)."""
    mode = (value if value is not None else os.environ.get(ENV_VAR, "")).strip() or DEFAULT_MODE
    if mode not in MODES:
        raise ServiceError(f"{ENV_VAR}: expected one of {', '.join(MODES)}, got {mode!r}")
    return mode


@functools.cache
def check_mode(mode: str) -> None:
    """Raise ServiceError (with the fix) when ``mode`` cannot work on this machine."""
    if mode == "none":
        return
    if mode == "user":
        if shutil.which("setpriv") is None:
            raise ServiceError("sandbox 'user' needs setpriv: apt-get install util-linux")
        if os.geteuid() != 0:
            raise ServiceError("sandbox 'user' drops root to uid 1000: run the desktop as root")
        return
    if shutil.which("bwrap") is None:
        raise ServiceError(
            f"sandbox 'bwrap' needs bubblewrap: apt-get install bubblewrap (or make setup); "
            f"{ENV_VAR}=user inside a container, =none to run unsandboxed (unsafe)"
        )
    probe = subprocess.run(
        ["bwrap", *_BWRAP_NS, "--ro-bind", "/usr", "/usr", *_links(), "--proc", "/proc",
         "--", "/usr/bin/true"],
        capture_output=True, timeout=20,
    )  # fmt: skip
    if probe.returncode != 0:
        why = probe.stderr.decode(errors="replace").strip()[-300:]
        raise ServiceError(
            f"sandbox 'bwrap' cannot create its namespaces here ({why}); enable user namespaces "
            f"(sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone), or set "
            f"{ENV_VAR}=user inside a container"
        )


def _links() -> list[str]:
    out = []
    for name in _USR_LINKS:
        target = os.path.join("/", name)
        if os.path.islink(target):
            out += ["--symlink", os.readlink(target), target]
    return out


@functools.cache
def _root_only(top: str) -> tuple[tuple[str, bool], ...]:
    """Paths under ``top`` that others may not read (shadow, private keys): masked, because
    inside the user namespace root's files belong to the sandbox user."""
    out: list[tuple[str, bool]] = []
    for dirpath, dirs, files in os.walk(top):
        for name in list(dirs) + files:
            path = os.path.join(dirpath, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode) or st.st_mode & stat.S_IROTH:
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            out.append((path, is_dir))
            if is_dir:
                dirs.remove(name)
    return tuple(out)


def _guigym_paths() -> list[str]:
    """Folders holding guigym's sources or its Python environment (masked in the sandbox)."""
    import guigym

    pkg = Path(guigym.__file__).resolve().parent
    paths = {str(pkg), str(pkg.parent), sys.prefix, os.path.realpath(sys.prefix)}
    if os.path.islink(os.path.dirname(guigym.__file__)):  # an editable install's link
        paths.add(os.path.dirname(guigym.__file__))
    return sorted(p for p in paths if p not in ("/", "/usr", "/usr/local"))


@dataclass(frozen=True)
class Sandbox:
    """How one desktop's processes are started: ``Sandbox(mode, home, ...).wrap(argv)``.

    ``tmp`` becomes the sandbox's ``/tmp`` (shared by every process of this desktop, so
    LibreOffice's second launch finds the first); ``runtime`` (D-Bus, AT-SPI sockets) and
    ``cache`` are bound at their own paths; ``display`` names the X socket to share.
    """

    mode: str
    home: Path
    tmp: Path
    runtime: Path
    cache: Path
    display: str = ""
    shared: tuple[Path, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ServiceError(f"sandbox mode: expected one of {', '.join(MODES)}, got {self.mode}")

    @property
    def isolated(self) -> bool:
        """True when the agent's processes are confined (any mode but ``none``)."""
        return self.mode != "none"

    def wrap(
        self,
        argv: Sequence[str],
        *,
        ro_binds: Iterable[tuple[Path | str, str]] = (),
        env: dict[str, str] | None = None,
    ) -> list[str]:
        """``argv`` wrapped for this mode. ``ro_binds``: (host path, path inside) pairs shown
        read-only in the bwrap view (e.g. Chromium's policy folder); ``env`` is adjusted in
        place for the inside (``TMPDIR``)."""
        argv = [str(a) for a in argv]
        if not argv:
            raise ServiceError("sandbox: expected a command, got an empty argv")
        if self.mode == "none":
            return argv
        check_mode(self.mode)
        if self.mode == "user":
            return [
                "setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_GID}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", *argv,
            ]  # fmt: skip
        if env is not None:
            env["TMPDIR"] = "/tmp"
        return ["bwrap", *self._bwrap_view(ro_binds), "--", *argv]

    def peer(self, argv: Sequence[str]) -> list[str]:
        """``argv`` for a trusted process that talks D-Bus with the sandbox (the AT-SPI bus
        launcher, the accessibility reader): same filesystem as the server, but the sandbox's
        user. Why: D-Bus's EXTERNAL auth compares the uid a client claims with the uid the
        daemon sees; inside the sandbox's user namespace root appears as 1000, so a root client
        of a sandboxed bus (or a sandboxed client of a root bus) is refused."""
        argv = [str(a) for a in argv]
        if self.mode == "none":
            return argv
        check_mode(self.mode)
        if self.mode == "user":
            return self.wrap(argv)
        ids = [f"--map-user={SANDBOX_UID}", f"--map-group={SANDBOX_GID}"]
        return ["unshare", "--user", *ids, "--", *argv]

    def _bwrap_view(self, ro_binds: Iterable[tuple[Path | str, str]]) -> list[str]:
        out = list(_BWRAP_NS)
        for path in _SYSTEM_RO:
            if os.path.exists(path):
                out += ["--ro-bind", path, path]
        out += _links()
        for path, is_dir in _root_only("/etc"):
            out += ["--tmpfs", path] if is_dir else ["--ro-bind", "/dev/null", path]
        for path in _guigym_paths():
            if path.startswith(("/usr/", "/etc/", "/var/")) and os.path.isdir(path):
                out += ["--tmpfs", path]
        out += ["--dev", "/dev", "--proc", "/proc", "--bind", str(self.tmp), "/tmp"]
        out += ["--tmpfs", "/tmp/.X11-unix"]
        number = self.display.lstrip(":").split(".")[0]
        sock = f"/tmp/.X11-unix/X{number}"
        if number.isdigit() and os.path.exists(sock):
            out += ["--bind", sock, sock]
        for path in (self.home, self.runtime, self.cache, *self.shared):
            out += ["--bind", str(path), str(path)]
        for host, inside in ro_binds:
            out += ["--ro-bind", str(host), inside]
        out += ["--chdir", str(self.home), "--setenv", "TMPDIR", "/tmp"]
        return out

    def own(self, *paths: Path) -> None:
        """In ``user`` mode hand ``paths`` (recursively) to uid 1000, so the apps can write what
        the server wrote; the other modes map the sandbox user onto the server's own user."""
        if self.mode != "user":
            return
        for top in paths:
            if not os.path.lexists(top):
                continue
            os.lchown(top, SANDBOX_UID, SANDBOX_GID)
            if not os.path.isdir(top) or os.path.islink(top):
                continue
            # fwalk + dir_fd: a folder the agent swaps for a symlink mid-walk cannot redirect
            # a chown outside the tree (os.walk's joined paths would follow it).
            for _path, dirs, files, dirfd in os.fwalk(top):
                for name in dirs + files:
                    os.chown(name, SANDBOX_UID, SANDBOX_GID, dir_fd=dirfd, follow_symlinks=False)

    def kill_strays(self, keep: Iterable[int]) -> int:
        """In ``user`` mode SIGKILL every process of uid 1000 that is not in ``keep`` or under
        it; returns how many. Why: without a pid namespace, what the agent left running
        (``setsid sleep &`` in a terminal) outlives its app and would reach into the next
        episode; such orphans hang off init, never off the session's processes."""
        if self.mode != "user":
            return 0
        keep = set(keep)
        killed = 0
        for _ in range(3):  # a stray may fork while we kill: look again
            strays = _strays(keep)
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except (ProcessLookupError, PermissionError):
                    pass
            if not strays:
                break
        return killed


def _strays(keep: set[int]) -> list[int]:
    """Live processes of uid 1000 whose ancestry reaches no pid in ``keep``."""
    parent: dict[int, int] = {}
    mine: list[int] = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        pid = int(entry.name)
        parent[pid] = int(fields.get("PPid", "0").strip() or 0)
        uids = fields.get("Uid", "").split()
        if uids and int(uids[0]) == SANDBOX_UID and not fields.get("State", "").strip()[:1] == "Z":
            mine.append(pid)
    out = []
    for pid in mine:
        cur, seen = pid, set()
        while cur > 1 and cur not in keep and cur not in seen:
            seen.add(cur)
            cur = parent.get(cur, 0)
        if cur not in keep:
            out.append(pid)
    return out
