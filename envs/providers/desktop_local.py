"""The embedded desktop provider: a private desktop (own display, own HOME) plus any sites.

Why a separate provider: a desktop episode needs the desktop process (``images/desktop``) and,
for cross-app tasks, the same site instances WebEnv uses (delegated to :class:`LocalProvider`,
whose reserved ports Chromium on the desktop reaches as ``<site>.test``). Reset = close apps ->
restore the home from its snapshot -> copy the task's files in -> (setup by the env) -> start the
task's apps, which is where most of the time goes.

The desktop's apps run in the agent's sandbox (bubblewrap by default; ``GUIGYM_DESKTOP_SANDBOX``,
see images/desktop/README.md "Sandbox"): the site workdirs this provider owns are not in their
view, and their Chromium reaches only the ``<site>.test`` hosts of ``browser_hosts``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from guigym.envs.providers.local import LocalProvider

from guigym.errors import ServiceError

__all__ = ["DesktopProvider"]


class DesktopProvider:
    """Owns one desktop instance and a :class:`LocalProvider` for the sites."""

    def __init__(self, size: tuple[int, int] = (1280, 720), sites: Iterable[str] = ()) -> None:
        self.size = size
        self.sites = LocalProvider(sites)
        self.instance: Any = None
        self.home_snapshots: set[str] = set()

    # -- desktop ---------------------------------------------------------------------------------
    def ensure_desktop(self) -> Any:
        """The running desktop (started, or restarted after a crash)."""
        from guigym.images.desktop.client import start_desktop

        inst = self.instance
        if inst is not None and inst.alive():
            try:
                if inst.client.health().get("ok"):
                    return inst
            except ServiceError:
                pass
        if inst is not None:
            inst.stop()
        self.home_snapshots.clear()
        workdir = self.sites.workdir / "desktop"
        if workdir.exists():
            shutil.rmtree(workdir, ignore_errors=True)
        self.instance = start_desktop(workdir, size=self.size)
        return self.instance

    @property
    def client(self) -> Any:
        if self.instance is None:
            raise ServiceError("the desktop is not started: reset() first")
        return self.instance.client

    def reset_desktop(self, snapshot: str = "base") -> dict:
        """Close every app and bring the home back to ``snapshot`` (default: the clean home)."""
        return self.client.reset(snapshot)

    def copy_files(self, root: Path | None) -> int:
        """Copy a task's ``files/`` tree into the home (paths mirror the home)."""
        if root is None:
            return 0
        n = 0
        for dirpath, _dirs, files in os.walk(root):
            rel = Path(dirpath).relative_to(root)
            for name in files:  # through the control API, so a remote desktop works the same
                self.client.write_file(str(rel / name), (Path(dirpath) / name).read_bytes())
                n += 1
        return n

    def start_apps(
        self, apps: Sequence[str], open_files: Sequence[str], start_url: str, sites: Sequence[str]
    ) -> list[dict]:
        """Launch the task's apps; files open in the app that matches their type."""
        client = self.client
        hosts = self.browser_hosts(sites)
        chosen: dict[str, list[str]] = {app: [] for app in apps}
        for path in open_files:
            app = _app_for(path, apps)
            if app is None:
                raise ServiceError(f"no app in start.apps opens {path!r} (apps: {list(apps)})")
            chosen[app].append(path)
        wins = []
        for app in apps:
            args = ([start_url] if start_url else []) if app == "browser" else chosen[app]
            wins.append(client.launch(app, args, hosts=hosts))
        return wins

    def browser_hosts(self, sites: Sequence[str]) -> dict[str, int]:
        """Site name -> port the desktop's Chromium maps ``<site>.test`` to (local ports here)."""
        return {name: self.sites.reserve(name) for name in sites}

    def snapshot_home(self, key: str) -> None:
        self.client.snapshot_home(key)
        self.home_snapshots.add(key)

    def close(self) -> None:
        if self.instance is not None:
            self.instance.stop()
            self.instance = None
        self.sites.close()


_CALC = (".ods", ".xlsx", ".xls", ".csv")
_WRITER = (".odt", ".docx", ".doc", ".rtf")


def _app_for(path: str, apps: Sequence[str]) -> str | None:
    """The app that opens ``path``: Calc/Writer for their documents, else the editor."""
    low = path.lower()
    ext = os.path.splitext(low)[1]
    prefs = ["calc"] if low.endswith(_CALC) else ["writer"] if low.endswith(_WRITER) else []
    prefs += ["editor"] if ext else ["files", "editor"]
    return next((a for a in prefs if a in apps), None)
