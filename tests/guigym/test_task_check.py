"""`guigym task check` on deliberately broken tasks: a clear message and a non-zero exit code.

The broken tasks live in a temporary tasks root (GUIGYM_TASK_PATH) and run on the real shop in
real Chromium: one oracle that does not achieve its check, one check that passes before its
oracle, one oracle that writes something different every run (caught by "same seed twice"), and
a sound task next to them that must stay green.
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

RANDOM = """\
id: broken.random-oracle
title: The oracle asks a different question every time
env: web
sites: [shop]
instruction: Ask a question about the KB-101.
start:
  url: http://shop.test/
  login: {site: shop, user: becky.gill}
subtasks:
  - id: open-product
    instruction: Open the KB-101.
    check: {url: {contains: /product/KB-101}}
    oracle: ["goto('http://shop.test/product/KB-101')"]
  - id: ask
    instruction: Ask a question.
    check:
      sql: {site: shop, query: "SELECT count(*) FROM questions WHERE body LIKE 'random %'",
            range: {min: 1}}
    oracle: {call: solution.py:ask}
"""

RANDOM_SOLUTION = """\
import secrets

from guigym.tasks import find_element


def ask(actor):
    tree = actor.observation["axtree"]
    actor.fill(find_element(tree, "Ask a question", "textbox"), f"random {secrets.token_hex(4)}?")
    actor.click(find_element(actor.observation["axtree"], "Ask question", "button"))
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


def _write(root: Path, name: str, text: str, files: dict[str, str] | None = None) -> None:
    folder = root / "broken" / name
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(textwrap.dedent(text))
    for filename, content in (files or {}).items():
        (folder / filename).write_text(content)


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
    _write(tmp_path, "random-oracle", RANDOM, {"solution.py": RANDOM_SOLUTION})
    _write(tmp_path, "sound", SOUND)
    ids = ["broken.never-done", "broken.too-early", "broken.random-oracle", "broken.sound"]
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
    assert (
        "broken.random-oracle seed 0: no-op, same seed twice: the same seed twice: the sites'"
        " state differs in shop.questions" in out
    ), out
    assert "broken.sound seed 0" not in out  # the sound task has no problem lines
    assert "1 task(s) ok, 3 with problems" in out


def test_unknown_task_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, "sound", SOUND)
    result = _run(["broken.sonud"], tmp_path)
    assert result.returncode == 2
    assert "unknown task 'broken.sonud'" in result.stderr
    assert "broken.sound" in result.stderr  # did you mean
