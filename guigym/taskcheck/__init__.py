"""`guigym task check`: prove in the real WebEnv that tasks are solvable and verified step by step.

For each task and seed: the oracle passes every subtask; a no-op episode passes none; before each
subtask's oracle its check fails and after it passes; the same seed twice gives the same outcome
(params, facts, instruction, answers, statuses and the sites' databases); and a mid-chain start at
each k reaches the database state that playing the oracle prefix reaches.

Why here (the front door) and not in ``guigym.tasks``: it drives envs, and tasks may not import
upward. One env per worker process is reused across tasks (warm resets); workers are spawned
processes (a Playwright driver is never inherited through fork).
"""

from guigym.taskcheck.checker import TaskChecker, check_task
from guigym.taskcheck.episode import CheckRow, StepActor, TaskReport, db_digest
from guigym.taskcheck.pool import check_tasks

__all__ = [
    "CheckRow",
    "StepActor",
    "TaskChecker",
    "TaskReport",
    "check_task",
    "check_tasks",
    "db_digest",
]
