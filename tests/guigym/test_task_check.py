"""`guigym task check` on deliberately broken tasks: a clear message and a non-zero exit code.

The broken tasks live in a temporary tasks root (GUIGYM_TASK_PATH) and run on the real shop in
real Chromium: one oracle that does not achieve its check, one check that passes before its
oracle, and a sound task next to them that must stay green.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

NEVER_DONE = """\
id: broken.never-done
title: The oracle does not achieve the check
env: web
sites: [shop]
instruction: Create the coupon NOPE.
start: {url: "http://shop.test/"}
subtasks:
  - id: open-home
    instruction: Open the home page's category list.
    check: {url: {contains: /category/mice}}
    oracle: ["goto('http://shop.test/category/mice')"]
  - id: create-coupon
    instruction: Create the coupon NOPE.
    check: {sql: {site: shop, query: "SELECT count(*) FROM coupons WHERE code = 'NOPE'", expect: 1}}
    oracle: ["goto('http://shop.test/cart')"]
"""

TOO_EARLY = """\
id: broken.too-early
title: The second check passes before its oracle
env: web
sites: [shop]
instruction: Open two pages.
start: {url: "http://shop.test/"}
subtasks:
  - id: open-mice
    instruction: Open the mice.
    check: {url: {contains: /category/mice}}
    oracle: ["goto('http://shop.test/category/mice')"]
  - id: has-coupons
    instruction: Make sure the shop has coupons.
    check: {sql: {site: shop, query: "SELECT count(*) FROM coupons", range: {min: 1}}}
    oracle: ["goto('http://shop.test/cart')"]
"""

SOUND = """\
id: broken.sound
title: A sound task next to the broken ones
env: web
sites: [shop]
instruction: Open the mice, then tell me "ok".
start: {url: "http://shop.test/"}
subtasks:
  - id: open-mice
    instruction: Open the mice.
    check: {url: {contains: /category/mice}}
    oracle: ["goto('http://shop.test/category/mice')"]
  - id: say-ok
    instruction: Answer ok.
    check: {answer: {equals: ok}}
    oracle: ["answer('ok')"]
"""


def _write(root: Path, name: str, text: str) -> None:
    folder = root / "broken" / name
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(textwrap.dedent(text))


def _run(args: list[str], root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GUIGYM_TASK_PATH=str(root), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "guigym.cli", "task", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.browser
@pytest.mark.slow
def test_broken_tasks_fail_with_clear_messages(tmp_path: Path) -> None:
    _write(tmp_path, "never-done", NEVER_DONE)
    _write(tmp_path, "too-early", TOO_EARLY)
    _write(tmp_path, "sound", SOUND)
    ids = ["broken.never-done", "broken.too-early", "broken.sound"]
    result = _run([*ids, "--seeds", "1"], tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert (
        "broken.never-done seed 0: oracle, step by step: after its oracle, subtask"
        " 'create-coupon' does not pass" in out
    ), out
    assert (
        "broken.too-early seed 0: oracle, step by step: subtask 'has-coupons' passes right after"
        " reset, before its oracle ran" in out
    ), out
    assert "broken.sound seed 0" not in out  # the sound task has no problem lines
    assert "1 task(s) ok, 2 with problems" in out


def test_unknown_task_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, "sound", SOUND)
    result = _run(["broken.sonud"], tmp_path)
    assert result.returncode == 2
    assert "unknown task 'broken.sonud'" in result.stderr
    assert "broken.sound" in result.stderr  # did you mean
