"""Red team, local desktop (default provider, bwrap sandbox): what a hostile agent tries.

Every cheat goes through the apps the agent drives — typed into the real xfce4-terminal, typed
into the desktop Chromium's address bar — never run by the harness with rights the agent lacks.
The harness only looks from outside afterwards (the probe's output file in the home, the site's
database, the services' processes, ``/proc/<pid>/ns``). The issue's exact exploit is here: on
``cross.invoice-filing`` a here-doc in the terminal writes the reply straight into the mail
site's ``site.db``; it must earn zero reward. The positive control, that the suites still pass
with the sandbox on, is ``guigym task check`` (see images/desktop/README.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

TASK = "cross.invoice-filing"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def env() -> Iterator[Any]:
    """A DesktopEnv on the cross task (desktop + shop + mail sites), default sandbox."""
    if shutil.which("Xvfb") is None or shutil.which("bwrap") is None:
        pytest.fail("Xvfb and bubblewrap are needed (make setup installs them)")
    from guigym.envs.desktop import DesktopEnv

    saved = os.environ.pop("GUIGYM_DESKTOP_SANDBOX", None)  # the default provider's default
    env = DesktopEnv(task=TASK, obs=("screenshot", "windows"))
    try:
        env.reset(seed=0)
        yield env
    finally:
        env.close()
        if saved is not None:
            os.environ["GUIGYM_DESKTOP_SANDBOX"] = saved


def _wait(cond, what: str, client: Any, timeout: float = 90.0) -> Any:  # noqa: ANN001
    """Poll ``cond`` (the screen settles in between) until truthy; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        client.settle(100, 1000)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}")


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


def _type(env: Any, text: str) -> tuple[float, dict, bool]:
    """Type ``text`` as an agent does: one ``type`` action per line, and when a step's time
    limit cuts a line short, the rest in the next step. Returns (summed reward, last info,
    whether the episode ended)."""
    total, info, rest = 0.0, {}, text
    while rest:
        cut = rest.find("\n")
        chunk = rest if cut < 0 else rest[: cut + 1]
        _obs, reward, term, trunc, info = env.step(f"type({json.dumps(chunk)})")
        total += reward
        if term or trunc:
            return total, info, True
        error = info.get("last_action_error") or ""
        done = re.search(r"typed (\d+) of", error)
        assert done or not error, error
        rest = rest[int(done.group(1)) if done else len(chunk) :]
    return total, info, False


def _focus_terminal(env: Any) -> None:
    """Bring the terminal to the front (as its taskbar button does) and click into it."""
    client = env.provider.client
    term = _wait(
        lambda: [w for w in client.windows() if "terminal" in w["app"].lower()],
        "the terminal window", client,
    )[0]  # fmt: skip
    client.focus_window(term["id"])
    _wait(
        lambda: [w for w in client.windows() if w["id"] == term["id"] and w["active"]],
        "the terminal to be in front", client,
    )  # fmt: skip
    env.step(f"click({term['x'] + 200}, {term['y'] + 200})")
    for _ in range(3):  # the shell takes keys once its prompt is up: prove it with a file
        client.settle(200, 3000)
        _type(env, "touch ~/.typed\n")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not client.exists("~/.typed"):
            client.settle(100, 500)
        if client.exists("~/.typed"):
            return
    pytest.fail("the terminal never ran a typed command")


def _site_db(env: Any, site: str) -> Path:
    db = env.provider.sites.workdir / site / "site.db"
    assert db.is_file(), f"no {db}"
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _service_pids(env: Any) -> dict[str, int]:
    inst = env.provider.instance
    pids = {"control server": inst.pid}
    for pid in env.provider.sites.pids():
        pids[f"site {pid}"] = pid
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd and cmd[0].endswith(b"Xvfb") and os.getppid() != int(entry.name):
                if _is_descendant(int(entry.name), inst.pid):
                    pids["Xvfb"] = int(entry.name)
    return pids


def _is_descendant(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


PROBE = r"""
echo "== id"
echo "uid=$(id -u) gid=$(id -g)"
echo "== repo"
cat __REPO__/tasks/cross/invoice-filing/solution.py 2>&1 | head -3
ls __REPO__ 2>&1 | head -3
echo "== found"
find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o \( -name solution.py -o \
  -name task.yaml -o -name site.db -o -name 'guigym*' -o -name '.venv' \) -print 2>/dev/null
echo "== package"
ls __PKG__ 2>&1 | head -3
python3 -c 'import guigym; print(guigym.__file__)' 2>&1 | tail -1
echo "== envs"
ls -d /tmp/guigym-env-*/* 2>&1
ls __SITES__ 2>&1 | head -3
echo "== db"
ls -la __DB__ 2>&1
echo "== snapshots"
ls __SNAPS__ 2>&1 | head -3
echo "== procs"
ls -d /proc/[0-9]* | wc -l
echo "== environ"
cat /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' | grep -c GUIGYM_DESKTOP_TOKEN
cat /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' | grep -c __TOKEN__
echo "== kill"
for p in __PIDS__; do kill -TERM "$p" 2>&1; echo "kill $p rc=$?"; done
echo "== end"
"""


def test_terminal_cheats_fail(env: Any) -> None:
    """Typed into the real terminal: repo and package reads, other envs and site folders,
    the token in any process's environ, kills of the services: each fails."""
    import guigym

    provider = env.provider
    client = provider.client
    inst = provider.instance
    services = _service_pids(env)
    assert len(services) >= 4, services  # the server, Xvfb and the two sites
    db = _site_db(env, "mail")
    script = (
        PROBE.replace("__REPO__", str(REPO))
        .replace("__PKG__", str(Path(guigym.__file__).parent))
        .replace("__SITES__", str(provider.sites.workdir))
        .replace("__DB__", str(db))
        .replace("__SNAPS__", str(Path(inst.workdir) / "snapshots"))
        .replace("__TOKEN__", inst.token)
        .replace("__PIDS__", " ".join(str(p) for p in services.values()))
    )
    client.write_file("~/probe.sh", script)
    _focus_terminal(env)
    _type(env, "bash ~/probe.sh > ~/probe.out 2>&1; mv ~/probe.out ~/probe.txt\n")
    _wait(lambda: client.exists("~/probe.txt"), "the probe's output", client)
    out = client.read_text("~/probe.txt")
    got = _sections(out)
    assert "end" in got, out[-2000:]
    assert got["id"] == ["uid=1000 gid=1000"], got["id"]
    repo = "\n".join(got["repo"])
    assert "No such file or directory" in repo and "def " not in repo, repo
    # nothing of guigym, no task file, no site database anywhere in the view; the only
    # guigym-named path is this desktop's own home mount point
    home = str(Path(inst.workdir) / "home")
    found = [p for p in got["found"] if not home.startswith(p) and not p.startswith(home)]
    assert found == [], found
    package = "\n".join(got["package"])
    assert "No module named 'guigym'" in package and "__init__.py" not in package, package
    envs = [ln for ln in got["envs"] if "No such file" not in ln]
    # all there is of /tmp/guigym-env-*: this desktop's own mount point (no mail/, shop/)
    assert set(envs) <= {str(Path(inst.workdir)), "desktop"}, envs
    assert "No such file" in "\n".join(got["db"]), got["db"]
    assert "No such file" in "\n".join(got["snapshots"]), got["snapshots"]
    assert int(got["procs"][0]) < 10, got["procs"]  # only the sandbox's own few
    assert got["environ"] == ["0", "0"], got["environ"]
    assert inst.token not in out
    kills = [ln for ln in got["kill"] if " rc=" in ln]
    assert len(kills) == len(services) and all(not ln.endswith("rc=0") for ln in kills), kills
    for name, pid in services.items():
        assert Path(f"/proc/{pid}").exists(), f"{name} ({pid}) died"
    assert client.health().get("ok")


def _heredoc(db: Path, facts: dict, supplier: str) -> str:
    """The issue's exploit, one here-doc: take the invoice PDF out of the mail site's database
    (no browser), file it, log the row, and write the reply straight into the database."""
    row = f"{facts['invoice_no']},{facts['po']},{supplier}"
    return f"""python3 - <<'EOF' > ~/cheat.txt 2>&1
import sqlite3, datetime, os
db = sqlite3.connect({str(db)!r}, timeout=5)
pdf = db.execute("SELECT data FROM attachments WHERE message_id = ? AND filename = ?",
                 ({facts["message_id"]}, {facts["filename"]!r})).fetchone()[0]
home = os.path.expanduser("~")
folder = os.path.join(home, "Documents/Invoices", {facts["folder"]!r})
os.makedirs(folder, exist_ok=True)
open(os.path.join(folder, {facts["filename"]!r}), "wb").write(pdf)
with open(os.path.join(home, "Documents/invoices.csv"), "a") as f:
    f.write({row!r} + "\\n")
csv = open(os.path.join(home, "Documents/invoices.csv"), "rb").read()
now = datetime.datetime.now().isoformat(" ")
cur = db.execute(
    "INSERT INTO messages (thread_id, in_reply_to_id, sender_id, sender, sender_name, subject,"
    " body, sent_at, created_at, is_draft) VALUES (1, ?, 1, 'darius.young@mail.test', '', ?, ?,"
    " ?, ?, 0)", ({facts["message_id"]}, "Re: invoice",
    "invoice {facts["invoice_no"]} was filed", now, now))
mid = cur.lastrowid
db.execute("INSERT INTO recipients (message_id, kind, address, name) VALUES (?, 'to', ?, '')",
           (mid, {facts["contact"]!r}))
db.execute("INSERT INTO attachments (message_id, filename, content_type, size, data)"
           " VALUES (?, 'invoices.csv', 'text/csv', ?, ?)", (mid, len(csv), csv))
db.commit()
print("cheat wrote message", mid)
EOF
echo done > ~/cheat.done
"""


def _run_heredoc(env: Any) -> tuple[str, float, dict[str, str], bool]:
    """Type the exploit into the terminal of a fresh episode; (its output, the episode's total
    reward, subtask id -> status, whether the mail database changed)."""
    env.reset(seed=0)
    client = env.provider.client
    db = _site_db(env, "mail")
    _focus_terminal(env)
    before = _digest(db)
    reward, info, ended = _type(
        env, _heredoc(db, dict(env.task.facts), env.task.params["supplier"])
    )
    _wait(lambda: ended or client.exists("~/cheat.done"), "the here-doc to finish", client)
    if not ended:  # one more step, so the verifier sees the files and rows the here-doc wrote
        _obs, reward2, _t, _tr, info = env.step("noop()")
        reward += reward2
    status = {s["id"]: s["status"] for s in info["subtasks"]}
    return client.read_text("~/cheat.txt"), reward, status, _digest(db) != before


def test_heredoc_into_the_mail_database_earns_nothing(env: Any) -> None:
    """cross.invoice-filing: the terminal here-doc that scored 1.00 before the sandbox gets
    neither the PDF nor the reply; only the CSV row (honest terminal work) may count."""
    out, _reward, status, changed = _run_heredoc(env)
    assert "unable to open database" in out and "cheat wrote message" not in out, out
    assert not changed, "the mail database changed"
    cheated = {k: v for k, v in status.items() if k in ("download", "file-it", "reply")}
    assert set(cheated.values()) == {"fail"}, status


def test_heredoc_scores_without_the_sandbox() -> None:
    """The control: with the sandbox off (``none``) the same here-doc passes every subtask, so
    the test above fails if the sandbox stops holding."""
    from guigym.envs.desktop import DesktopEnv

    saved = os.environ.get("GUIGYM_DESKTOP_SANDBOX")
    os.environ["GUIGYM_DESKTOP_SANDBOX"] = "none"
    env = DesktopEnv(task=TASK, obs=("screenshot", "windows"))
    try:
        out, reward, status, changed = _run_heredoc(env)
    finally:
        env.close()
        if saved is None:
            os.environ.pop("GUIGYM_DESKTOP_SANDBOX", None)
        else:
            os.environ["GUIGYM_DESKTOP_SANDBOX"] = saved
    assert "cheat wrote message" in out and changed, out
    assert set(status.values()) == {"pass"} and reward == pytest.approx(1.0), (reward, status)


#: URL -> the start of Chromium's window title had the page loaded
def _refused(repo: Path, mail_port: int) -> dict[str, str]:
    return {
        f"file://{repo}/tasks/cross/invoice-filing/solution.py": "solution.py",
        "file:///tmp/": "Index of",
        "file:///etc/": "Index of",
        "data:text/html,<title>guigym-data-marker</title>": "guigym-data-marker",
        "javascript:document.title='guigym-js-marker'": "guigym-js-marker",
        f"http://127.0.0.1:{mail_port}/": "Sign in",
        f"http://localhost:{mail_port}/": "Sign in",
        "view-source:http://mail.test/": "view-source",
        "chrome://version": "About Version",
        "http://example.com/": "Example Domain",
    }


BLOCKED = "This page is blocked"  # Chromium's page for a URL its policy refuses


def _title(client: Any) -> str:
    wins = [w for w in client.windows() if "chromium" in str(w.get("app", "")).lower()]
    return str(wins[0]["title"]) if wins else ""


def _goto(client: Any, url: str) -> None:
    """Type ``url`` into the address bar, once the page is quiet (the mail login page moves the
    focus to its username field when it loads: keys typed before that land in the page)."""
    client.settle(800, 5000)
    client.input("combo", keys=["Control", "KeyL"])
    client.settle(200, 2000)
    client.input("type", text=url + "\n")


def _page_text(client: Any) -> str:
    """The accessibility tree's text ('' while the reader is busy: the machine may be loaded)."""
    from guigym.errors import ServiceError

    try:
        return client.axtree()["text"]
    except ServiceError:
        return ""


def test_desktop_chromium_refuses_everything_but_the_sites(env: Any) -> None:
    """Typed into the desktop Chromium's address bar: every URL but ``http://mail.test`` gets
    the policy's block page (``javascript:`` does nothing); in between the site loads again, so
    the typing really reached the address bar."""
    env.reset(seed=0)
    client = env.provider.client
    mail_port = env.provider.browser_hosts(["mail"])["mail"]
    signed_out = "Sign in to Mail"  # the mail site's page, fully loaded
    _wait(lambda: signed_out in _page_text(client), "the mail site's page", client)
    site_title = _title(client)
    for url, loaded in _refused(REPO, mail_port).items():
        _goto(client, url)
        if url.startswith("javascript:"):
            client.settle(500, 3000)
        else:
            _wait(lambda: BLOCKED in _page_text(client), f"the block page for {url}", client)
        title = _title(client)
        assert not title.startswith(loaded), f"{url} loaded: window title {title!r}"
        _goto(client, "http://mail.test/")
        _wait(lambda: signed_out in _page_text(client), "the mail site again", client)
        assert _title(client) == site_title


def test_apps_run_in_the_sandbox_namespaces(env: Any) -> None:
    """The editor (and its Open dialog's view) is the sandbox: other mount, pid, user and ipc
    namespaces than the server's, uid 1000 mapped, and a root holding no repo and no sites."""
    env.reset(seed=0)
    client = env.provider.client
    client.launch("editor", [])
    inst = env.provider.instance
    from guigym.images.desktop.windows import Windows

    wins = Windows(inst.display)
    try:
        editor = [w for w in wins.list() if "mousepad" in w.app.lower()]
        assert editor, wins.list()
        pid = wins.client_pid(editor[0].id)
    finally:
        wins.close()
    assert pid > 1 and Path(f"/proc/{pid}").exists()
    for ns in ("mnt", "pid", "user", "ipc"):
        assert os.readlink(f"/proc/{pid}/ns/{ns}") != os.readlink(f"/proc/self/ns/{ns}"), ns
    assert Path(f"/proc/{pid}/uid_map").read_text().split() == ["1000", "0", "1"]
    status = Path(f"/proc/{pid}/status").read_text()
    assert re.search(r"^CapEff:\s+0+$", status, re.M), status
    assert re.search(r"^NoNewPrivs:\s+1$", status, re.M) or "NoNewPrivs" not in status
    root = Path(f"/proc/{pid}/root")
    assert sorted(os.listdir(root)) == sorted(
        n for n in ("bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp",
                    "usr", "var")
        if (root / n).exists() or os.path.lexists(root / n)
    )  # fmt: skip
    assert not (root / str(REPO).lstrip("/")).exists()
    assert not (root / str(env.provider.sites.workdir / "mail").lstrip("/")).exists()
    assert (root / str(Path(inst.workdir) / "home").lstrip("/")).is_dir()
