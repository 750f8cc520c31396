"""Checks that compare the agent's files with the log's ERROR lines (facts from setup.py)."""

import gzip

from guigym.evaluators import CheckResult


def _lines(ctx, path):
    try:
        return ctx.desktop.read_file(path).decode(errors="replace").splitlines()
    except Exception:  # noqa: BLE001 - a missing file is a fail, not an error
        return None


def _compare(ctx, path, expected):
    got = _lines(ctx, path)
    if got is None:
        return CheckResult.no(f"{path} does not exist")
    got = [line for line in got if line.strip()]
    if got == expected:
        return CheckResult.ok(f"{path} holds the {len(expected)} expected lines")
    return CheckResult.no(f"{path} has {len(got)} lines; expected the {len(expected)} ERROR lines")


def errors_file(ctx):
    """Documents/errors.txt holds exactly the ERROR lines, in order."""
    return _compare(ctx, "~/Documents/errors.txt", list(ctx.facts["errors"]))


def service_file(ctx):
    """Documents/<service>-errors.txt holds exactly that service's ERROR lines."""
    service = ctx.params["service"]
    expected = [line for line in ctx.facts["errors"] if f" ERROR {service} " in line]
    return _compare(ctx, f"~/Documents/{service}-errors.txt", expected)


def gzipped_log(ctx):
    """Documents/server.log.gz is the whole log, compressed."""
    try:
        data = gzip.decompress(ctx.desktop.read_file("~/Documents/server.log.gz")).decode()
    except Exception as exc:  # noqa: BLE001
        return CheckResult.no(f"no readable ~/Documents/server.log.gz ({type(exc).__name__})")
    errors = [line for line in data.splitlines() if " ERROR " in line]
    if errors == list(ctx.facts["errors"]):
        return CheckResult.ok("server.log.gz holds the log")
    return CheckResult.no("server.log.gz does not hold the original log")
