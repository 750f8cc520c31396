"""guigym.tasks: the task format (schema), loader, params, templating and the task suites.

Start reading at ``README.md`` (the author's guide), then ``schema.py``. This package imports
only ``guigym.errors`` (and pydantic, jinja2, yaml); evaluators, envs and the CLI build on it.
"""

from guigym.tasks.checkspec import CHECK_TYPES, validate_check
from guigym.tasks.helpers import elements, find_element
from guigym.tasks.loader import (
    TASKS_ROOT,
    clear_cache,
    lint_file,
    list_suites,
    list_tasks,
    load_all,
    load_callable,
    load_task,
    load_task_file,
    task_dir,
)
from guigym.tasks.params import choose_params, param_values
from guigym.tasks.rendered import (
    RenderedSubtask,
    RenderedTask,
    handoff,
    prefix_for,
    render_task,
    render_text,
)
from guigym.tasks.schema import CallOracle, ParamSpec, Subtask, TaskSpec
from guigym.tasks.setup_runner import SetupContext, apply_setup
from guigym.tasks.templating import TemplateError, render, render_value, template_variables
from guigym.tasks.validate import TaskIssue

__all__ = [
    "CHECK_TYPES",
    "TASKS_ROOT",
    "CallOracle",
    "ParamSpec",
    "RenderedSubtask",
    "RenderedTask",
    "SetupContext",
    "Subtask",
    "TaskIssue",
    "TaskSpec",
    "TemplateError",
    "apply_setup",
    "choose_params",
    "clear_cache",
    "elements",
    "find_element",
    "handoff",
    "lint_file",
    "list_suites",
    "list_tasks",
    "load_all",
    "load_callable",
    "load_task",
    "load_task_file",
    "param_values",
    "prefix_for",
    "render",
    "render_task",
    "render_text",
    "render_value",
    "task_dir",
    "template_variables",
    "validate_check",
]
