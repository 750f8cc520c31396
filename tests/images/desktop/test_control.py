"""The control server on a real desktop: token, files, screenshot, input, AT-SPI, windows, reset."""

from __future__ import annotations

import time

import httpx
import numpy as np
import pytest
from guigym.images.desktop.client import DesktopClient
from guigym.images.desktop.files import tree_digest

from guigym.errors import ActionError

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


def _until(cond, timeout: float = 20.0, what: str = "condition"):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


def test_every_route_needs_the_token(desktop) -> None:
    routes = [
        ("GET", "/health"), ("GET", "/screenshot"), ("GET", "/axtree"), ("GET", "/windows"),
        ("GET", "/files?path=~/x"), ("PUT", "/files?path=~/x"), ("POST", "/input"),
        ("POST", "/exec"), ("POST", "/apps/launch"), ("POST", "/reset"),
        ("POST", "/home/restore/base"),
    ]  # fmt: skip
    for method, path in routes:
        for headers in ({}, {"X-Guigym-Token": "wrong-token-wrong-token"}):
            resp = httpx.request(method, desktop.url + path, headers=headers, timeout=10)
            assert resp.status_code == 401, (method, path, resp.status_code)


def test_server_listens_on_loopback_only(desktop) -> None:
    assert desktop.url.startswith("http://127.0.0.1:")


def test_files_round_trip_and_refuse_paths_outside_home(clean) -> None:
    remote = DesktopClient(clean.url, clean.token)  # the HTTP route, not the local fast path
    try:
        remote.write_file("~/Documents/hello.txt", "héllo\n")
        assert remote.read_text("~/Documents/hello.txt") == "héllo\n"
        assert remote.exists("~/Documents/hello.txt")
        assert "hello.txt" in [e["name"] for e in remote.list_dir("~/Documents")]
        for bad in ("/etc/passwd", "~/../../etc/passwd", "../x"):
            with pytest.raises(ActionError, match="outside the desktop home"):
                remote.read_file(bad)
            with pytest.raises(ActionError, match="outside the desktop home"):
                remote.write_file(bad, "x")
        remote.exec("touch", ["~/target"])
        clean.local_home.joinpath("escape").symlink_to("/etc")
        with pytest.raises(ActionError, match="outside"):
            remote.read_file("~/escape/hostname")
        with pytest.raises(ActionError, match="unknown command"):
            remote.exec("sh", ["-c", "id"])
    finally:
        remote.close()


def test_screenshot_is_the_real_screen(clean) -> None:
    shot = clean.screenshot()
    assert shot.shape == (720, 1280, 3) and shot.dtype == np.uint8
    assert shot.std() > 10  # wallpaper and panel, not a blank frame
    png = clean.screenshot_png()
    assert png.startswith(b"\x89PNG")


def test_type_in_the_editor_save_and_read_back(clean) -> None:
    clean.write_file("~/Documents/draft.txt", "")
    win = clean.launch("editor", ["~/Documents/draft.txt"])
    assert "draft.txt" in win["title"]
    clean.settle()
    clean.input("type", text="Grüße from XTest\nline 2")
    clean.input("combo", keys=["Control", "s"])
    text = _until(
        lambda: clean.read_text("~/Documents/draft.txt") or None, what="the editor saving the file"
    )
    assert text.rstrip("\n") == "Grüße from XTest\nline 2"
    _until(lambda: not any(w["title"].startswith("*") for w in clean.windows()), what="saved title")


def test_axtree_lists_the_editor_widgets(clean) -> None:
    clean.launch("editor")
    clean.settle()
    tree = _until(lambda: (t := clean.axtree()["text"]) and "menu bar" in t and t, what="tree")
    assert "application 'mousepad'" in tree
    assert "[e" in tree and 'menu "File"' in tree
    assert any(" text " in f" {line} " and "editable" in line for line in tree.splitlines())
    box = clean.element('role=menu[name="File"]')
    assert box["w"] > 0 and box["role"] == "menu"
    with pytest.raises(ActionError, match="no element"):
        clean.element("e99999")


def test_bad_input_is_refused_clearly(clean) -> None:
    with pytest.raises(ActionError, match="off-screen"):
        clean.input("click", x=5000, y=10)
    with pytest.raises(ActionError, match="unknown key"):
        clean.input("combo", keys=["Hyper_Q"])
    with pytest.raises(ActionError, match="unknown app"):
        clean.launch("notepad")
    with pytest.raises(ActionError, match="no such file"):
        clean.launch("editor", ["~/nope.txt"])


def test_windows_focus_and_close(clean) -> None:
    clean.launch("editor")
    clean.launch("terminal")
    wins = clean.windows()
    assert {w["app"].lower() for w in wins} >= {"mousepad", "xfce4-terminal"}
    clean.focus_window("mousepad")
    _until(
        lambda: any(w["active"] and w["app"] == "Mousepad" for w in clean.windows()), what="focus"
    )
    clean.close_window("mousepad")
    _until(lambda: all(w["app"] != "Mousepad" for w in clean.windows()), what="close")


def test_reset_restores_the_home_exactly(desktop, clean) -> None:
    home = desktop.home
    before = tree_digest(home)
    clean.write_file("~/Documents/new.txt", "new")
    clean.write_file("~/.config/some-app/settings.ini", "x=1")
    clean.exec("rm", ["~/Music"])
    clean.launch("editor", ["~/Documents/new.txt"])
    assert tree_digest(home) != before
    out = clean.reset()
    assert out["closed"] >= 1
    assert clean.windows() == []
    assert tree_digest(home) == before
