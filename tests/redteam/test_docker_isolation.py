"""Red team, Docker desktop: what a hostile agent tries from inside the desktop container.

The cheats are typed into the container's real terminal and Chromium (the apps the agent
drives), never run by the harness with privileges the agent lacks: find every task's solution,
read the guigym package, read the control token from ``/proc/*/environ``, kill the control
server, and open ``file:``, ``data:``, ``chrome:``, ``javascript:`` and IP-literal URLs in the
desktop's Chromium. Each must fail, and the desktop must still answer afterwards. The positive
control (a cross task's oracle still scores 1.0 under Docker) is
``tests/envs/providers/test_docker_desktop.py::test_cross_task_oracle_in_docker``.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [
    pytest.mark.docker,
    pytest.mark.xvfb,
    pytest.mark.slow,
    pytest.mark.timeout(1800),
]

SERVER_MODULE = "guigym.images.desktop.serve"

#: The cheats, as one shell script run by the terminal's shell. Each section prints what it got.
PROBE = r"""
echo "== id"
echo "uid=$(id -u) gid=$(id -g) groups=$(id -G)"
echo "== task-files"
find / -xdev \( -name solution.py -o -name task.yaml -o -name checkspec.py \) 2>/dev/null
find / -xdev \( -name check.py -o -name setup.py \) 2>/dev/null | grep -v '^/usr/lib/python3'
echo "== guigym-readable"
find / -xdev \( -path '*/guigym' -o -path '*/guigym/*' -o -name 'guigym*.dist-info' \) \
  -readable 2>/dev/null
echo "== package"
ls /opt/guigym/lib 2>&1; echo "ls rc=$?"
/opt/guigym/bin/python -c 'import guigym.images.desktop' 2>&1; echo "python rc=$?"
echo "== token-file"
cat /run/guigym/desktop-token 2>&1; echo "cat rc=$?"
echo "== environ"
for f in /proc/[0-9]*/environ /proc/[0-9]*/task/[0-9]*/environ; do
  tr '\0' '\n' < "$f" 2>/dev/null
done
echo "== cmdline"
for f in /proc/[0-9]*/cmdline; do tr '\0' ' ' < "$f" 2>/dev/null; echo; done
echo "== kill"
for p in /proc/[0-9]*; do
  if grep -qa '__SERVER__' "$p/cmdline" 2>/dev/null; then
    kill -TERM "${p#/proc/}" 2>&1; echo "kill server ${p#/proc/} rc=$?"
  fi
done
kill -KILL 1 2>&1; echo "kill init rc=$?"
echo "== snapshots"
ls /srv/desktop/snapshots 2>&1; echo "ls rc=$?"
echo "== setuid"
find / -xdev -type f -perm /6000 2>/dev/null
echo "== end"
""".replace("__SERVER__", SERVER_MODULE)


def _sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("== "):
            current = line[3:].strip()
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def _docker_or_skip() -> None:
    from guigym.images.docker.testing import docker_ready

    reason = docker_ready(("sites", "desktop"))
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def desktop() -> Iterator[Any]:
    """A Docker desktop with the shop site on its private network."""
    _docker_or_skip()
    from guigym.envs.providers.docker_desktop import DockerDesktopProvider
    from guigym.images.docker import leftovers

    provider = DockerDesktopProvider()
    try:
        provider.ensure_desktop()
        provider.sites.ensure(["shop"])
        yield provider
    finally:
        provider.close()
    instance = provider.sites.instance_id
    assert [n for n in sum(leftovers().values(), []) if instance in n] == []


def _wait(cond, what: str, client: Any, timeout: float = 90.0) -> Any:  # noqa: ANN001
    """Poll ``cond`` (screen settles in between) until truthy; fail with ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        client.settle(100, 1000)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}")


def _type_in_terminal(provider: Any, script: str) -> str:
    """Run ``script`` in the desktop's terminal app (typed, as an agent would); its output."""
    client = provider.client
    client.reset()
    client.write_file("~/probe.sh", script)
    provider.start_apps(["terminal"], [], "", [])
    client.settle(300, 5000)
    client.input("type", text="bash ~/probe.sh > ~/probe.out 2>&1; mv ~/probe.out ~/probe.txt\n")
    _wait(lambda: client.exists("~/probe.txt"), "the probe's output file", client)
    return client.read_text("~/probe.txt")


def test_terminal_cheats_fail_in_docker(desktop: Any) -> None:
    token = desktop.instance.token
    out = _type_in_terminal(desktop, PROBE)
    got = _sections(out)
    assert "end" in got, out[-2000:]
    # The shell the agent types into is the unprivileged app user, not root.
    assert got["id"] == ["uid=1000 gid=1000 groups=1000"], got["id"]
    # No task's solution/check/yaml anywhere (Debian's own distutils check.py aside); no
    # readable guigym file or folder.
    assert got["task-files"] == [], got["task-files"]
    assert got["guigym-readable"] == [], got["guigym-readable"]
    package = "\n".join(got["package"])
    assert "Permission denied" in package and "ls rc=0" not in package, package
    assert "python rc=0" not in package, package
    # The control token: not in the root-only file, any environ, any command line, anywhere.
    assert token not in out
    assert "cat rc=0" not in "\n".join(got["token-file"]), got["token-file"]
    assert not [ln for ln in got["environ"] if ln.startswith("GUIGYM_DESKTOP_TOKEN")]
    assert any(SERVER_MODULE in ln for ln in got["cmdline"]), "the probe saw no server process"
    # Signals to the server and to the container's init fail.
    kills = [ln for ln in got["kill"] if " rc=" in ln]
    assert any(ln.startswith("kill server") for ln in kills), got["kill"]
    assert all(not ln.endswith("rc=0") for ln in kills), got["kill"]
    assert desktop.client.health().get("ok"), "the control server died"
    # The home snapshots (a prefix's snapshot holds the oracle's work) are root's.
    assert "ls rc=0" not in "\n".join(got["snapshots"]), got["snapshots"]
    assert got["setuid"] == [], got["setuid"]


def test_processes_the_agent_leaves_running_die_at_reset(desktop: Any) -> None:
    client = desktop.client
    client.reset()
    desktop.start_apps(["terminal"], [], "", [])
    client.settle(300, 5000)
    # Detached from the terminal: no pid namespace in the container to end it with the app.
    client.input("type", text="setsid nohup sleep 7777 >/dev/null 2>&1 & echo ok > ~/bg.txt\n")
    _wait(lambda: client.exists("~/bg.txt"), "the background process to start", client)
    assert "sleep 7777" in _ps_agent(desktop.instance.name)
    client.reset()
    left = _ps_agent(desktop.instance.name)
    assert "sleep 7777" not in left, left
    # The session's own processes (panel, buses) are left alone: the desktop still works.
    assert "xfce4-panel" in left and "dbus-daemon" in left, left
    desktop.start_apps(["terminal"], [], "", [])
    assert "[" in client.axtree().get("text", ""), "no accessibility tree after the reset"


def _ps_agent(container: str) -> str:
    done = _exec(container, "ps", "-u", "1000", "-o", "args=", user="0")
    assert done.returncode == 0, done
    return done.stdout


def _exec(container: str, *argv: str, user: str = "1000:1000") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["docker", "exec", "--user", user, container, *argv],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_image_holds_no_task_files_and_no_token(desktop: Any) -> None:
    name = desktop.instance.name
    token = desktop.instance.token
    # Not even root finds a task file: the image keeps only the desktop part of guigym.
    found = _exec(name, "find", "/", "-xdev", "-name", "solution.py", "-o", "-name", "task.yaml",
                  "-o", "-path", "*site-packages/guigym/*check.py", "-o", "-path",
                  "*site-packages/guigym/tasks",
                  user="0")  # fmt: skip
    assert found.returncode == 0 and found.stdout.strip() == "", found
    tasks = _exec(name, "python", "-c", "import guigym.tasks", user="0")
    assert tasks.returncode != 0 and "No module named 'guigym.tasks'" in tasks.stderr, tasks
    # The container's configuration (what every `docker exec` inherits) holds no token.
    inspect = json.loads(subprocess.run(["docker", "inspect", name], capture_output=True,
                                        text=True, check=True, timeout=60).stdout)[0]  # fmt: skip
    assert not [e for e in inspect["Config"]["Env"] if token in e or "TOKEN" in e]
    assert "no-new-privileges:true" in (inspect["HostConfig"]["SecurityOpt"] or [])
    # uid 1000 cannot read root's environ (pid 1 is docker-init, root).
    environ = _exec(name, "cat", "/proc/1/environ")
    assert environ.returncode != 0 and "Permission denied" in environ.stderr, environ
    listing = _exec(name, "ls", "/opt/guigym")
    assert listing.returncode != 0 and "Permission denied" in listing.stderr, listing


#: Chromium's error page for a URL its policy blocks (ERR_BLOCKED_BY_ADMINISTRATOR).
BLOCKED = 'heading "This page is blocked"'


def _refused_urls(shop_ip: str) -> dict[str, str]:
    """URL -> a marker that shows in the window title only if the URL really loaded (never in
    the URL itself, since the blocked page is titled with its URL)."""
    page = base64.b64encode(b"<title>guigym-data-marker</title>").decode()
    return {
        "file:///etc/": "Index of",
        "file:///srv/desktop/home/": "Index of",
        f"data:text/html;base64,{page}": "guigym-data-marker",
        "javascript:document.title='guigym-js-'+'marker'": "guigym-js-marker",
        f"http://{shop_ip}/": "__SHOP__",  # the shop itself, by IP literal
        "http://127.0.0.1:8000/health": '"detail"',  # the control API's 401 answer
        "view-source:http://shop.test/": "__SHOP__",
        "chrome://version": "About Version",
        "http://example.com/": "Example Domain",
    }


def _title(client: Any, app: str = "chromium") -> str:
    wins = [w for w in client.windows() if app in str(w.get("app", "")).lower()]
    return str(wins[0]["title"]) if wins else ""


def _goto(client: Any, url: str) -> None:
    wins = [w for w in client.windows() if "chromium" in str(w.get("app", "")).lower()]
    if wins:  # keyboard focus on Chromium, whatever the last page did with it
        client.focus_window(wins[0]["id"])
    client.settle(300, 5000)  # a page still loading can take the focus back from the bar
    client.input("combo", keys=["Control", "KeyL"])
    client.settle(150, 2000)
    client.input("type", text=url + "\n")


def test_desktop_chromium_refuses_everything_but_the_sites(desktop: Any) -> None:
    client = desktop.client
    shop = desktop.sites.ensure(["shop"])["shop"]
    client.reset()
    desktop.start_apps(["browser"], [], "http://shop.test/", ["shop"])
    _wait(lambda: shop.title in _title(client), f"the shop's title ({shop.title!r})", client)
    inspect = desktop.sites.client.api.inspect_container(shop.container_name)
    networks = inspect["NetworkSettings"]["Networks"]
    shop_ip = networks[desktop.sites.network]["IPAddress"]
    assert re.match(r"^\d+\.\d+\.\d+\.\d+$", shop_ip), networks
    for url, marker in _refused_urls(shop_ip).items():
        marker = shop.title if marker == "__SHOP__" else marker
        _goto(client, url)
        if url.startswith("javascript:"):  # runs in the current page (the shop) if allowed
            client.settle(500, 4000)
            assert marker not in _title(client), f"{url} ran: {_title(client)!r}"
            continue
        # Each refusal is Chromium's "blocked" page, titled with the URL, not the content.
        _wait(lambda: shop.title not in _title(client), f"Chromium to leave the shop for {url}",
              client, timeout=60)  # fmt: skip
        _wait(lambda: _blocked(client), f"{url} to be blocked (title {_title(client)!r})",
              client, timeout=60)  # fmt: skip
        title = _title(client)
        assert marker not in title, f"{url} loaded: {title!r}"
        # Back to the site itself, which must load: the typing really reaches the address bar.
        # (The accessibility tree may still show the blocked page for a while, which is why
        # the wait above also needs the title to have left the shop.)
        _goto(client, "http://shop.test/")
        _wait(lambda: shop.title in _title(client), f"the shop again after {url}", client,
              timeout=60)  # fmt: skip


def _blocked(client: Any) -> bool:
    return BLOCKED in client.axtree().get("text", "")
