#!/usr/bin/env bash
# Make a Docker engine answer on /var/run/docker.sock, idempotently: install Debian's docker.io
# and debootstrap when missing, start dockerd when it is not running, wait until `docker info`
# works (a condition, not a fixed sleep). Exit 0 = engine ready; non-zero = no engine here
# (the message says why). Used by `make test` / CI before the Docker tests.
set -u
LOG=${GUIGYM_DOCKERD_LOG:-/var/log/guigym-dockerd.log}
SOCK=/var/run/docker.sock
WAIT=${GUIGYM_DOCKERD_WAIT:-60}

say() { echo "ensure_dockerd: $*" >&2; }

engine_ok() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_ok; then
    say "Docker engine already running ($(docker version --format '{{.Server.Version}}'))"
    exit 0
fi

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        say "need root to install ${need[*]}"
        exit 1
    fi
    say "installing ${need[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "${need[@]}" >/tmp/guigym-apt.log 2>&1; then
        apt-get update -q >>/tmp/guigym-apt.log 2>&1
        apt-get install -y -q --no-install-recommends "${need[@]}" >>/tmp/guigym-apt.log 2>&1 || {
            say "apt-get install ${need[*]} failed (see /tmp/guigym-apt.log)"
            exit 1
        }
    fi
fi
command -v docker >/dev/null 2>&1 || { say "no docker client after install"; exit 1; }

if ! pgrep -x dockerd >/dev/null 2>&1; then
    [ -S "$SOCK" ] && rm -f "$SOCK"  # a stale socket of a dead daemon
    say "starting dockerd (log: $LOG)"
    # setsid: the daemon outlives this script and the shell that called it.
    setsid dockerd --host="unix://$SOCK" >>"$LOG" 2>&1 </dev/null &
fi

deadline=$((SECONDS + WAIT))
until engine_ok; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        say "dockerd did not answer within ${WAIT}s; last log lines:"
        tail -n 5 "$LOG" >&2 2>/dev/null
        exit 1
    fi
    if ! pgrep -x dockerd >/dev/null 2>&1; then
        say "dockerd exited; last log lines:"
        tail -n 5 "$LOG" >&2 2>/dev/null
        exit 1
    fi
    # Poll the engine until it answers (bounded by WAIT).
    sleep 0.2
done
say "Docker engine ready ($(docker version --format '{{.Server.Version}}'))"
