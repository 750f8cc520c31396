"""The desktop sandbox (``sandbox.py``): modes, clear errors, and the bwrap view, run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from guigym.images.desktop.sandbox import ENV_VAR, Sandbox, check_mode, sandbox_mode

from guigym.errors import ServiceError

REPO = Path(__file__).resolve().parents[3]


def _sandbox(tmp_path: Path, mode: str = "bwrap") -> Sandbox:
    parts = [tmp_path / n for n in ("home", "tmp", "run", "cache")]
    for p in parts:
        p.mkdir()
    return Sandbox(mode, *parts)


def test_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert sandbox_mode() == "bwrap"
    monkeypatch.setenv(ENV_VAR, "none")
    assert sandbox_mode() == "none"
    monkeypatch.setenv(ENV_VAR, "chroot")
    with pytest.raises(ServiceError, match="expected one of bwrap, user, none, got 'chroot'"):
        sandbox_mode()


def test_missing_bubblewrap_is_a_clear_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on this PATH
    check_mode.cache_clear()
    try:
        with pytest.raises(ServiceError, match="apt-get install bubblewrap"):
            _sandbox(tmp_path).wrap(["true"])
    finally:
        check_mode.cache_clear()


def test_user_mode_drops_to_uid_1000_and_none_is_the_bare_command(tmp_path: Path) -> None:
    box = _sandbox(tmp_path, "user")
    argv = box.wrap(["mousepad", "a.txt"])
    assert argv[0] == "setpriv" and argv[-2:] == ["mousepad", "a.txt"]
    assert {"--reuid=1000", "--regid=1000", "--clear-groups", "--no-new-privs"} <= set(argv)
    bare = Sandbox("none", box.home, box.tmp, box.runtime, box.cache)
    assert bare.wrap(["mousepad"]) == ["mousepad"] and not bare.isolated


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap (make setup)")
def test_bwrap_view_holds_the_system_and_the_home_only(tmp_path: Path) -> None:
    box = _sandbox(tmp_path)
    (box.home / "notes.txt").write_text("mine")
    (tmp_path / "snapshots").mkdir()  # a sibling of the home the sandbox must not see
    script = f"""
echo "id=$(id -u):$(id -g)"
echo "procs=$(ls -d /proc/[0-9]* | wc -l)"
echo "root=$(ls / | tr '\\n' ' ')"
echo "home=$(cat ~/notes.txt)"
ls {REPO} >/dev/null 2>&1 || echo "repo=hidden"
ls {tmp_path}/snapshots >/dev/null 2>&1 || echo "snapshots=hidden"
echo "shadow=$(head -c 20 /etc/shadow 2>/dev/null | wc -c)"
python3 -c 'import guigym' 2>/dev/null || echo "package=hidden"
touch /usr/x 2>/dev/null || echo "usr=read-only"
echo "tmpdir=$TMPDIR"
unshare -U true 2>/dev/null || echo "userns=refused"
kill -0 1 && echo "init=own"
"""
    env = dict(os.environ, HOME=str(box.home))
    res = subprocess.run(
        box.wrap(["/bin/sh", "-c", script], env=env), env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    got = dict(line.split("=", 1) for line in res.stdout.splitlines() if "=" in line)
    assert got["id"] == "1000:1000", res
    assert int(got["procs"]) <= 6, got  # bwrap's init, the shell and its pipeline only
    assert set(got["root"].split()) <= {"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32",
                                        "proc", "sbin", "tmp", "usr", "var"}, got  # fmt: skip
    assert got["home"] == "mine"
    for hidden in ("repo", "snapshots", "package"):
        assert got.get(hidden) == "hidden", (hidden, got)
    assert got["shadow"] == "0"  # root-only files of /etc are masked
    assert got["usr"] == "read-only" and got["tmpdir"] == "/tmp"
    assert got["userns"] == "refused" and got["init"] == "own"
