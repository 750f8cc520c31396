"""Apps that fail to start give a clear error quickly, never a hang (real processes, no X)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from guigym.images.desktop import apps as apps_mod
from guigym.images.desktop.apps import AppManager, AppSpec

from guigym.errors import ActionError, ServiceError


@pytest.fixture
def manager(tmp_path: Path, monkeypatch) -> AppManager:
    monkeypatch.setitem(apps_mod.APPS, "broken", AppSpec("broken", "exits", ("false",), "x"))
    monkeypatch.setitem(
        apps_mod.APPS, "silent", AppSpec("silent", "no window", ("sleep", "60"), "x", timeout=1)
    )
    monkeypatch.setitem(apps_mod.APPS, "absent", AppSpec("absent", "absent", ("no-such-app",), "x"))
    home = tmp_path / "home"
    home.mkdir()
    return AppManager(dict(os.environ), home, tmp_path)


def _never(_cls: str, wait: float, _known: set) -> None:
    time.sleep(wait)
    return None


def test_app_that_exits_is_a_clear_error(manager: AppManager) -> None:
    start = time.monotonic()
    with pytest.raises(ServiceError, match="exited with code 1 before showing a window"):
        manager.launch("broken", [], hosts=None, window_seen=_never, known=set())
    assert time.monotonic() - start < 5


def test_app_without_a_window_times_out_and_is_killed(manager: AppManager) -> None:
    with pytest.raises(ServiceError, match="showed no window within 1 s"):
        manager.launch("silent", [], hosts=None, window_seen=_never, known=set())
    assert all(p.poll() is not None for _, p in manager.running)


def test_missing_program_and_unknown_app(manager: AppManager) -> None:
    with pytest.raises(ServiceError, match="not installed"):
        manager.launch("absent", [], hosts=None, window_seen=_never, known=set())
    with pytest.raises(ActionError, match="unknown app 'edtor'.*editor"):
        manager.argv("edtor", [], None)


def test_browser_gets_site_mapping_and_only_urls(manager: AppManager) -> None:
    argv = manager.argv("browser", ["http://shop.test/"], {"shop": 8123})
    assert "--host-resolver-rules=MAP shop.test 127.0.0.1:8123,MAP * ~NOTFOUND" in argv
    with pytest.raises(ActionError):
        manager.argv("browser", ["file:///etc/passwd"], {})
    with pytest.raises(ActionError):
        manager.argv("browser", [], {"shop; rm": 1})
