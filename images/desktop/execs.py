"""Whitelisted commands for task setup and checks: a name and arguments, never a shell string.

Each command declares the kind of every argument: ``path`` (resolved inside the desktop home,
symlinks included), ``mode`` (an octal permission), ``text`` (a plain word that cannot start with
``-``). Paths are passed after ``--`` so nothing can become an option. Every run has a timeout.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from guigym.images.desktop.files import resolve_in_home

from guigym.errors import ActionError, did_you_mean

__all__ = ["COMMANDS", "run_command"]

#: name -> (argv prefix, argument kinds); "path?" is optional, "path*" one or more
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ls": (("ls", "-la"), ("path",)),
    "cat": (("cat",), ("path",)),
    "stat": (("stat",), ("path",)),
    "mkdir": (("mkdir", "-p"), ("path",)),
    "touch": (("touch",), ("path",)),
    "rm": (("rm", "-rf"), ("path",)),
    "cp": (("cp", "-a"), ("path", "path")),
    "mv": (("mv",), ("path", "path")),
    "chmod": (("chmod",), ("mode", "path")),
    "sha256sum": (("sha256sum",), ("path",)),
    "wc": (("wc",), ("path",)),
    "find": (("find",), ("path",)),
    "file": (("file", "-b"), ("path",)),
}
_MODE = re.compile(r"^[0-7]{3,4}$")
_MAX_OUT = 1_000_000


def run_command(
    name: str,
    args: Sequence[str],
    *,
    home: Path,
    env: Mapping[str, str],
    timeout: float = 10.0,
) -> dict:
    """Run one whitelisted command; returns ``{"code", "stdout", "stderr"}``."""
    if name not in COMMANDS:
        hint = did_you_mean(name, COMMANDS)
        raise ActionError(f"unknown command {name!r}{hint}; allowed: {', '.join(COMMANDS)}")
    prefix, kinds = COMMANDS[name]
    if len(args) != len(kinds):
        raise ActionError(
            f"{name} takes {len(kinds)} argument(s) ({', '.join(kinds)}), got {len(args)}"
        )
    options: list[str] = []
    paths: list[str] = []
    for kind, value in zip(kinds, args, strict=True):
        if not isinstance(value, str):
            raise ActionError(f"{name}: arguments are strings, got {value!r}")
        if kind == "path":
            real = resolve_in_home(home, value)
            if name == "rm" and real == Path(home).resolve():
                raise ActionError("rm: refusing to remove the home folder itself")
            paths.append(str(real))
        elif kind == "mode":
            if not _MODE.match(value):
                raise ActionError(f"{name}: expected an octal mode like 644, got {value!r}")
            options.append(value)
    argv = [*prefix, *options, *(["--"] if name != "find" else []), *paths]
    timeout = max(0.1, min(float(timeout), 60.0))
    try:
        out = subprocess.run(
            argv, cwd=home, env=dict(env), capture_output=True, timeout=timeout,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise ActionError(f"{name} did not finish within {timeout:g} s") from None
    return {
        "code": out.returncode,
        "stdout": out.stdout[:_MAX_OUT].decode("utf-8", "replace"),
        "stderr": out.stderr[:_MAX_OUT].decode("utf-8", "replace"),
    }
