"""`guigym task new`: write a commented task folder that passes `task lint` as it stands."""

from __future__ import annotations

from pathlib import Path

from guigym.tasks.loader import TASKS_ROOT
from guigym.tasks.schema import ID_RE

from guigym.errors import TaskError

__all__ = ["scaffold_task"]

_TASK_YAML = """\
# {task_id}: a task is a chain of subtasks, each verified by a check that reads real state.
# Field reference and a worked example: tasks/README.md. Validate with `guigym task lint`.
id: {task_id}                  # <suite>.<name>, must match the folder tasks/{suite}/{name}/
title: TODO a one-line title for lists and reports
env: web                        # web | desktop
sites: [shop]                   # services started and reset for this task
# The goal the agent reads. Jinja2 over params (and facts, but facts are usually answers).
instruction: >-
  Find the product with the lowest stock in {{{{ category }}}} and report its SKU,
  then set its stock to {{{{ qty }}}}.
params:                         # an episode's seed picks one value of each
  category: {{choice: [Laptops, Monitors, Keyboards]}}
  qty: {{choice: [10, 20, 50]}}
facts: [expected_sku]           # names setup functions return; templates may use them
start:
  url: http://shop.test/        # where the browser starts
  # login: {{site: shop, user: admin}}   # start logged in (no UI login needed)
setup:                          # runs after reset, before the first observation
  # - sql: {{site: shop, statement: "UPDATE products SET stock = 3 WHERE sku = :sku",
  #          params: {{sku: KB-104}}}}
  - call: setup.py:prepare      # returns facts, e.g. {{"expected_sku": "KB-104"}}
max_steps: 40
subtasks:
  - id: find-lowest
    instruction: Report the SKU of the lowest-stock product in {{{{ category }}}}.
    check: {{answer: {{equals: "{{{{ expected_sku }}}}", normalize: [case, space]}}}}
    oracle: ["answer('{{{{ expected_sku }}}}')"]   # actions in the action language
  - id: restock
    # depends_on: [find-lowest]   # default: the previous subtask
    # weight: 2                   # default 1
    # critical: true              # a critical subtask not passing at the end zeroes completion
    instruction: Set its stock to {{{{ qty }}}}.
    check:
      sql:                      # read the site's real database
        site: shop
        query: "SELECT stock FROM products WHERE sku = :sku"
        params: {{sku: "{{{{ expected_sku }}}}"}}
        expect: "{{{{ qty }}}}"         # or rows: [...], count: n, range: {{min, max}}
    oracle: {{call: solution.py:restock}}
  - id: confirm
    instruction: Tell us you are done.
    check: {{call: check.py:confirmed}}
    answer: true                   # this call check reads the agent's answer (one, final)
    oracle: ["answer('done')"]
tags: [scaffold]
"""

_SETUP_PY = '''\
"""Setup for {task_id}: read the seeded state and return facts for checks and oracles."""


def prepare(ctx):
    """Return the facts this task declares (ctx.site(name).sql/exec, ctx.params, ctx.rng)."""
    rows = ctx.site("shop").sql(
        "SELECT sku FROM products WHERE category = :category ORDER BY stock, sku LIMIT 1",
        {{"category": ctx.params["category"]}},
    )
    return {{"expected_sku": rows[0]["sku"]}}
'''

_CHECK_PY = '''\
"""Custom checks for {task_id}: fn(ctx) -> bool | float (0..1) | CheckResult."""

from guigym.evaluators import CheckResult


def confirmed(ctx):
    """Pass once the agent answered 'done' (prefer sql checks when the outcome is state)."""
    if any(a.strip().lower() == "done" for a in ctx.answers):  # only this subtask's answer
        return CheckResult.ok("the agent confirmed")
    return CheckResult.no("expected the agent to answer 'done'")
'''

_SOLUTION_PY = '''\
"""Oracles for {task_id}: fn(actor) performs the subtask through the real UI."""


def restock(actor):
    """actor.act(action) runs one action; actor.params / actor.facts hold the episode's values."""
    sku = actor.facts["expected_sku"]
    actor.act(f"goto('http://shop.test/admin/products?q={{sku}}')")
    # TODO: fill the stock field and save, e.g. actor.act("fill('e12', '20')")
'''


def scaffold_task(task_id: str, root: str | Path | None = None, *, force: bool = False) -> Path:
    """Create ``<root>/<suite>/<name>/`` with task.yaml, setup.py, check.py and solution.py."""
    if not ID_RE.match(task_id):
        raise TaskError(f"task ids look like '<suite>.<name>' in lowercase, got {task_id!r}")
    suite, name = task_id.split(".", 1)
    folder = Path(root or TASKS_ROOT) / suite / name
    if (folder / "task.yaml").exists() and not force:
        raise TaskError(f"{folder / 'task.yaml'} already exists (use --force to overwrite)")
    folder.mkdir(parents=True, exist_ok=True)
    values = {"task_id": task_id, "suite": suite, "name": name}
    for filename, template in (
        ("task.yaml", _TASK_YAML),
        ("setup.py", _SETUP_PY),
        ("check.py", _CHECK_PY),
        ("solution.py", _SOLUTION_PY),
    ):
        (folder / filename).write_text(template.format(**values), encoding="utf-8")
    return folder
