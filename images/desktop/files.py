"""The desktop home folder: safe paths inside it, and snapshot/restore of the whole tree.

Why here: every file the control server reads or writes for a task (file get/put, exec
arguments, files to open) goes through :func:`resolve_in_home`, which refuses absolute paths
outside the home, ``..`` escapes and symlinks that lead out of it. Restore makes the home equal to
its snapshot (extra files removed, changed ones copied back), touching only what differs.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from guigym.errors import ActionError

__all__ = [
    "resolve_in_home",
    "read_home_file",
    "snapshot_tree",
    "restore_tree",
    "tree_digest",
    "MAX_FILE_BYTES",
]

MAX_FILE_BYTES = 50 * 1024 * 1024


def resolve_in_home(home: Path, path: str, *, must_exist: bool = False) -> Path:
    """``path`` ("~/a.txt", "a.txt", "/abs/inside/home") as a real path inside ``home``.

    Raises ActionError for paths outside the home (symlinks resolved) or missing files when
    ``must_exist``.
    """
    if not isinstance(path, str) or not path.strip() or "\x00" in path:
        raise ActionError(f"expected a path inside the desktop home, got {path!r}")
    home = Path(os.path.realpath(home))
    text = path.strip()
    if text == "~" or text.startswith("~/"):
        text = text[2:] if text != "~" else ""
    candidate = Path(text) if os.path.isabs(text) else home / text
    real = Path(os.path.realpath(candidate))
    if real != home and home not in real.parents:
        raise ActionError(f"refused: {path!r} is outside the desktop home ({home})")
    if must_exist and not real.exists():
        raise ActionError(f"no such file in the desktop home: {path!r}")
    return real


def read_home_file(home: Path, path: str) -> bytes:
    """The bytes of a regular file inside ``home`` (ActionError: outside, missing, too big)."""
    real = resolve_in_home(home, path, must_exist=True)
    if not real.is_file():
        raise ActionError(f"{path!r} is not a file")
    if real.stat().st_size > MAX_FILE_BYTES:
        raise ActionError(f"{path!r} is larger than {MAX_FILE_BYTES} bytes")
    return real.read_bytes()


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime) and a.st_mode == b.st_mode


def snapshot_tree(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` (replacing it), keeping symlinks as links and file times."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)


def restore_tree(snap: Path, target: Path) -> int:
    """Make ``target`` equal to ``snap``; returns how many entries changed."""
    changed = 0
    target.mkdir(parents=True, exist_ok=True)
    changed += _sync_dir(snap, target)
    return changed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _sync_dir(src: Path, dst: Path) -> int:
    changed = 0
    want = {e.name: e for e in os.scandir(src)}
    for entry in os.scandir(dst):
        if entry.name not in want:
            _remove(Path(entry.path))
            changed += 1
    for name, entry in want.items():
        s_path, d_path = Path(entry.path), dst / name
        s_st = entry.stat(follow_symlinks=False)
        try:
            d_st = os.stat(d_path, follow_symlinks=False)
        except FileNotFoundError:
            d_st = None
        if stat.S_ISLNK(s_st.st_mode):
            if (
                d_st is None
                or not stat.S_ISLNK(d_st.st_mode)
                or (os.readlink(d_path) != os.readlink(s_path))
            ):
                if d_st is not None:
                    _remove(d_path)
                os.symlink(os.readlink(s_path), d_path)
                changed += 1
            continue
        if stat.S_ISDIR(s_st.st_mode):
            if d_st is not None and not stat.S_ISDIR(d_st.st_mode):
                _remove(d_path)
                d_st = None
            if d_st is None:
                d_path.mkdir()
                changed += 1
            changed += _sync_dir(s_path, d_path)
            os.chmod(d_path, stat.S_IMODE(s_st.st_mode))
            continue
        if d_st is not None and stat.S_ISREG(d_st.st_mode) and _same(s_st, d_st):
            continue
        if d_st is not None:
            _remove(d_path)
        shutil.copy2(s_path, d_path)
        changed += 1
    return changed


def tree_digest(root: Path) -> dict[str, tuple[str, int, str]]:
    """relative path -> (kind, size, content or link target) for tests and debugging."""
    import hashlib

    out: dict[str, tuple[str, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            st = os.stat(p, follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", 0, os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", 0, "")
            else:
                out[rel] = ("file", st.st_size, hashlib.sha1(p.read_bytes()).hexdigest())
    return out


class HomeFiles:
    """A home folder on disk as the ``file`` check sees a desktop: ``read_file``, ``exists``.

    Used for a desktop on this machine and to inspect a home folder after the desktop stopped.
    """

    def __init__(self, home: Path) -> None:
        self.home = Path(home)

    def read_file(self, path: str) -> bytes:
        return read_home_file(self.home, path)

    def exists(self, path: str) -> bool:
        return resolve_in_home(self.home, path).exists()

    def windows(self) -> list[dict]:
        return []
