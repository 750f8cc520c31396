"""The apps a task may start (a whitelist: name -> command), launched and closed by the server.

Why a whitelist: task YAML and agents name an app (``editor``, ``calc``...), never a command
line; files to open are checked to lie inside the desktop home. Each app runs in its own process
group so closing it takes its helpers (LibreOffice's oosplash/soffice.bin, Chromium's
renderers) along. Readiness is the app's window appearing, with a timeout; an app that exits or
shows no window is a clear ``ServiceError`` carrying the tail of its log.

Every app starts through the desktop's sandbox (``sandbox.py``). Chromium there also reads a
managed policy bound over ``/etc/chromium/policies`` (never the machine's real ``/etc``): every
URL is blocked except the task's ``http://<site>.test`` hosts, so ``file:``, ``data:``,
``javascript:``, ``chrome:``, ``view-source:``, IP literals and other hosts are refused, and the
developer tools are off. ``--host-resolver-rules`` still maps ``<site>.test`` to local ports.
Chromium keeps ``--no-sandbox``: its own sandbox needs user namespaces, which ours forbids.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from guigym.images.desktop.sandbox import Sandbox

from guigym.errors import ActionError, ServiceError, did_you_mean

__all__ = ["AppSpec", "APPS", "AppManager", "CHROMIUM_POLICY_DIR", "app_names", "chromium_policy"]

_CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--password-store=basic", "--force-renderer-accessibility", "--disable-features=Translate",
    "--window-size=1280,680", "--window-position=0,30", "--test-type",
]  # fmt: skip


@dataclass(frozen=True)
class AppSpec:
    """One launchable app: its command, how its window is recognised, how files are passed."""

    name: str
    title: str
    argv: tuple[str, ...]
    wm_class: str  # lowercase substring of WM_CLASS
    opens_files: bool = True
    timeout: float = 30.0
    alternatives: tuple[tuple[str, ...], ...] = ()


APPS: dict[str, AppSpec] = {
    a.name: a
    for a in (
        AppSpec("editor", "Text editor (Mousepad)", ("mousepad",), "mousepad", timeout=15),
        AppSpec("files", "File manager (PCManFM)", ("pcmanfm",), "pcmanfm", timeout=15),
        AppSpec(
            "terminal", "Terminal", ("xfce4-terminal", "--disable-server"), "xfce4-terminal",
            opens_files=False, timeout=15, alternatives=(("xterm",),),
        ),
        AppSpec("calc", "LibreOffice Calc", ("libreoffice", "--calc", "--norestore", "--nologo"),
                "libreoffice", timeout=45),
        AppSpec("writer", "LibreOffice Writer",
                ("libreoffice", "--writer", "--norestore", "--nologo"), "libreoffice", timeout=45),
        AppSpec("browser", "Chromium", ("/usr/lib/chromium/chromium", *_CHROMIUM_FLAGS),
                "chromium", opens_files=False, timeout=30),
    )
}  # fmt: skip


def app_names() -> list[str]:
    """The names a task's ``apps`` / ``start.apps`` may use."""
    return sorted(APPS)


_HOST_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def host_rules(hosts: Mapping[str, int]) -> str:
    """``--host-resolver-rules`` mapping ``<site>.test`` to local ports (validated)."""
    parts = []
    for name, port in sorted(hosts.items()):
        if not _HOST_RE.match(str(name)) or not isinstance(port, int) or not 0 < port < 65536:
            raise ActionError(f"bad site mapping {name!r} -> {port!r}")
        parts.append(f"MAP {name}.test 127.0.0.1:{port}")
    parts.append("MAP * ~NOTFOUND")  # nothing else resolves: the sites are the whole web
    return ",".join(parts)


class AppManager:
    """Launches whitelisted apps on the session's display and closes them again."""

    def __init__(
        self, env: Mapping[str, str], home: Path, logdir: Path, sandbox: Sandbox | None = None
    ) -> None:
        self.env = dict(env)
        self.home = home
        self.logdir = logdir
        self.sandbox = sandbox
        self.running: list[tuple[str, subprocess.Popen]] = []

    def wrapped(
        self, name: str, argv: list[str], hosts: Mapping[str, int] | None, env: dict[str, str]
    ) -> list[str]:
        """``argv`` as the sandbox starts it (the browser with its URL policy bound in)."""
        if self.sandbox is None:
            return argv
        binds = []
        if name == "browser":
            binds.append((chromium_policy(self.logdir / "chromium-policy", hosts or {}),
                          CHROMIUM_POLICY_DIR))  # fmt: skip
        return self.sandbox.wrap(argv, ro_binds=binds, env=env)

    def argv(self, name: str, args: Sequence[str], hosts: Mapping[str, int] | None) -> list[str]:
        if name not in APPS:
            raise ActionError(
                f"unknown app {name!r}{did_you_mean(name, APPS)}; apps: {', '.join(APPS)}"
            )
        spec = APPS[name]
        argv = list(spec.argv)
        if shutil.which(argv[0]) is None and not Path(argv[0]).is_file():
            for alt in spec.alternatives:
                if shutil.which(alt[0]):
                    argv = list(alt)
                    break
            else:
                raise ServiceError(f"app {name!r}: {argv[0]} is not installed")
        if name == "browser":
            profile = self.home / ".config/chromium"
            _chromium_prefs(profile, self.home / "Downloads")
            if self.sandbox is not None:  # "user" mode: Chromium (uid 1000) writes its profile
                self.sandbox.own(profile)
            argv.append(f"--user-data-dir={profile}")
            if hosts:
                argv.append(f"--host-resolver-rules={host_rules(hosts)}")
                # the sites are plain http: without this, Chromium blocks their downloads
                # ("insecure download blocked")
                secure = ",".join(f"http://{name}.test" for name in sorted(hosts))
                argv.append(f"--unsafely-treat-insecure-origin-as-secure={secure}")
            for url in args:
                if not re.match(r"^https?://[a-z0-9.-]+(:\d+)?(/[^\s]*)?$", url):
                    raise ActionError(f"browser: expected an http(s) URL, got {url!r}")
                argv.append(url)
        elif name == "terminal":
            argv += ["--working-directory", str(self.home)] if "xfce4" in argv[0] else []
        else:
            argv += [str(p) for p in args]  # already resolved inside home by the caller
        return argv

    def launch(
        self,
        name: str,
        args: Sequence[str],
        *,
        hosts: Mapping[str, int] | None,
        window_seen: Callable[[str, float, set[int]], object],
        known: set[int],
        timeout: float | None = None,
    ) -> object:
        """Start ``name`` and wait for a new window of it; returns what ``window_seen`` found."""
        spec = APPS.get(name)
        env = dict(self.env)
        argv = self.wrapped(name, self.argv(name, args, hosts), hosts, env)
        log_path = self.logdir / f"app-{name}.log"
        with open(log_path, "ab") as log:
            try:
                proc = subprocess.Popen(
                    argv, env=env, cwd=self.home, stdin=subprocess.DEVNULL, stdout=log,
                    stderr=log, start_new_session=True,
                )  # fmt: skip
            except OSError as exc:
                raise ServiceError(f"app {name!r} could not start: {exc}") from exc
        self.running.append((name, proc))
        limit = timeout if timeout is not None else spec.timeout
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            found = window_seen(spec.wm_class, min(0.25, deadline - time.monotonic()), known)
            if found is not None:
                return found
            code = proc.poll()
            if code is not None and code != 0:
                raise ServiceError(
                    f"app {name!r} exited with code {code} before showing a window: "
                    f"{_tail(log_path)}"
                )
        self._kill(proc)
        raise ServiceError(f"app {name!r} showed no window within {limit:g} s: {_tail(log_path)}")

    @staticmethod
    def _kill(proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def close(self, name: str | None = None) -> int:
        """Kill the apps called ``name`` (all when None); returns how many were running."""
        keep, n = [], 0
        for app, proc in self.running:
            if name is None or app == name:
                self._kill(proc)
                n += 1
            else:
                keep.append((app, proc))
        self.running = keep
        return n

    def pids(self) -> list[int]:
        return [p.pid for _, p in self.running if p.poll() is None]


#: Debian's Chromium reads mandatory policies from ``/etc/chromium/policies/managed``; the
#: sandbox shows our own folder as ``/etc/chromium`` (bwrap cannot create a mount point inside
#: the read-only ``/etc``, and the machine's ``/etc`` is never written)
CHROMIUM_POLICY_DIR = "/etc/chromium"


def chromium_policy(root: Path, hosts: Mapping[str, int]) -> Path:
    """Write a policy folder allowing only ``http://<site>.test`` for ``hosts``; returns the
    folder to bind over ``CHROMIUM_POLICY_DIR`` (one per host set, so launches never race),
    holding the machine's own files from there too (``master_preferences``)."""
    import hashlib
    import json

    names = sorted(hosts)
    for name in names:
        if not _HOST_RE.match(str(name)):
            raise ActionError(f"bad site name {name!r}")
    key = hashlib.sha256(",".join(names).encode()).hexdigest()[:12]
    folder = root / key
    policy = {
        # "*" alone leaves chrome:// pages open (chrome://version loads): schemes by name too
        "URLBlocklist": [
            "*",
            "file://*",
            "data:*",
            "javascript://*",
            "chrome://*",
            "chrome-untrusted://*",
            "chrome-extension://*",
            "view-source:*",
            "devtools://*",
        ],  # fmt: skip
        "URLAllowlist": [f"http://{name}.test" for name in names],
        "DeveloperToolsAvailability": 2,
        "ExtensionInstallBlocklist": ["*"],
        "BrowserAddPersonEnabled": False,
        "BrowserGuestModeEnabled": False,
        "BrowserSignin": 0,
        "PasswordManagerEnabled": False,
        "DefaultBrowserSettingEnabled": False,
        "MetricsReportingEnabled": False,
        "PromptForDownloadLocation": False,
    }
    managed = folder / "policies" / "managed"
    if not managed.is_dir():
        real = Path(CHROMIUM_POLICY_DIR)
        if real.is_dir():
            shutil.copytree(real, folder, symlinks=True, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("policies"))  # fmt: skip
        managed.mkdir(parents=True, exist_ok=True)
    target = managed / "guigym.json"
    data = json.dumps(policy, indent=1)
    if not target.exists() or target.read_text() != data:
        tmp = managed / ".guigym.json.tmp"
        tmp.write_text(data)
        os.replace(tmp, target)
    return folder


def _tail(path: Path, limit: int = 400) -> str:
    try:
        text = path.read_text(errors="replace").strip()
    except OSError:
        return "(no log)"
    text = " | ".join(text.splitlines()[-4:])
    return text[-limit:] or "(empty log)"


def _chromium_prefs(profile: Path, downloads: Path) -> None:
    """A fresh profile's preferences: no "Save password?" bubble over the page (it swallows
    keys), downloads go to ~/Downloads without asking. Kept when the profile already has them."""
    import json

    prefs = profile / "Default" / "Preferences"
    if prefs.exists():
        return
    prefs.parent.mkdir(parents=True, exist_ok=True)
    prefs.write_text(
        json.dumps(
            {
                "credentials_enable_service": False,
                "profile": {"password_manager_enabled": False},
                "download": {"default_directory": str(downloads), "prompt_for_download": False},
                "savefile": {"default_directory": str(downloads)},
            }
        )
    )
