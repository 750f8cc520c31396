"""One site instance in its own process: ``python -m guigym.images.sites.serve_one ...``.

Started by ``instance.start_site``: forked by ``launcher`` or as a fresh interpreter. Binds
127.0.0.1:PORT first (so a taken port fails fast), builds the seeded template DB if the cache
lacks it (under a file lock), copies it to the instance's DB if that does not exist yet, then
writes one line ``GUIGYM_READY {json}`` on the ready fd (stdout by default) and serves. Token
and session secret come from the environment (GUIGYM_SITE_TOKEN, GUIGYM_SITE_SECRET), never
from argv. The process exits when its parent dies (GUIGYM_PARENT_PID), so a crashed harness
leaves no servers behind.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import shutil
import signal
import socket
import sys
import threading
from pathlib import Path

__all__ = ["main", "READY_PREFIX", "ensure_template"]

READY_PREFIX = "GUIGYM_READY "


def _bind(port: int, host: str = "127.0.0.1") -> socket.socket:
    # proto=IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP
    # (without it, keep-alive requests wait ~40 ms on delayed ACKs).
    from guigym.images.sites.process import port_free

    if not port_free(port):  # SO_REUSEPORT below would let us share a live server's port
        raise OSError(errno.EADDRINUSE, "another server is listening on this port")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # SO_REUSEPORT: the env's provider holds this port bound (not listening) from the moment it
    # reserves it, so no ephemeral connection or other server takes it before the site starts.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def ensure_template(entry: str, name: str, template: Path, seed: int) -> None:
    """Build the seeded template DB at ``template`` once (other processes wait on the lock)."""
    if template.exists():
        return
    template.parent.mkdir(parents=True, exist_ok=True)
    with open(template.with_name(template.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if template.exists():
            return
        from guigym.images.sites import load_entry
        from guigym.images.sites.kit.seeding import build_database

        tmp = template.with_name(f"{template.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            build_database(load_entry(entry, name), tmp, seed=seed)
            os.replace(tmp, template)
        finally:
            tmp.unlink(missing_ok=True)
        _prune(template)


def _prune(template: Path) -> None:
    """Delete templates of older code versions of the same (site, seed); instances copy their
    template, so running ones are unaffected."""
    prefix = template.name.rsplit("-", 1)[0] + "-"
    for old in template.parent.glob(prefix + "*.db"):
        if old != template and len(old.name) == len(template.name):
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".lock").unlink(missing_ok=True)


def _copy(src: Path, dst: Path) -> None:
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.unlink(missing_ok=True)
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            threading.Event().wait(0.5)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    """Serve one site instance until SIGTERM/SIGINT."""
    parser = argparse.ArgumentParser(prog="serve_one", description=__doc__)
    parser.add_argument("--site", required=True)
    parser.add_argument("--entry", required=True, help="module:attr of the SiteSpec")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (0.0.0.0 only inside a container)"
    )
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--template", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--now", default=None)
    parser.add_argument(
        "--fresh", action="store_true", help="start from the seeded data even if a DB exists"
    )
    parser.add_argument(
        "--ready-fd", type=int, default=1, help="fd for the READY line, kept open while we live"
    )
    args = parser.parse_args(argv)

    def report(line: str) -> None:
        os.write(args.ready_fd, (line + "\n").encode("utf-8"))

    parent = os.environ.get("GUIGYM_PARENT_PID")
    if parent and parent.isdigit():
        _watch_parent(int(parent))
    try:
        sock = _bind(args.port, args.host)
    except OSError as exc:
        report(f"GUIGYM_ERROR cannot bind {args.host}:{args.port}: {exc}")
        return 3

    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    db_path, seed_path = workdir / "site.db", workdir / "seed.db"
    for attempt in range(3):
        ensure_template(args.entry, args.site, args.template, args.seed)
        try:
            if args.fresh or not seed_path.exists():
                _copy(args.template, seed_path)
            break
        except FileNotFoundError:  # pruned by a process building a newer version: rebuild
            if attempt == 2:
                raise
    if args.fresh or not db_path.exists():
        _copy(seed_path, db_path)

    import uvicorn
    from guigym.images.sites import load_entry
    from guigym.images.sites.kit.passwords import default_password
    from guigym.images.sites.kit.site import SiteSettings, create_app

    spec = load_entry(args.entry, args.site)
    settings = SiteSettings(
        db_path=db_path,
        seed_db_path=seed_path,
        snapshot_dir=workdir / "snapshots",
        token=os.environ["GUIGYM_SITE_TOKEN"],
        secret=os.environ["GUIGYM_SITE_SECRET"],
        seed=args.seed,
        now=args.now,
    )
    app = create_app(spec, settings)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    info = {
        "port": args.port,
        "title": spec.title,
        "logins": dict(spec.logins),
        "passwords": {
            user: spec.passwords.get(user, default_password(user)) for user in spec.logins.values()
        },
        "db_path": str(db_path),
    }
    report(READY_PREFIX + json.dumps(info))
    if args.ready_fd == 1:  # nobody reads our stdout pipe any more: log instead
        log = os.open(workdir / "server.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.close(log)
    # Otherwise the ready fd stays open until we exit: its EOF tells the parent we are gone.
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
