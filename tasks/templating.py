"""Jinja2 templating of task text, checks and oracles: strict, sandboxed, type-preserving.

Templates see the task's params and facts. An unknown variable is an error (StrictUndefined),
never an empty string. A string that is exactly one ``{{ name }}`` keeps the value's type (so
``expect: "{{ qty }}"`` stays the integer 20); any other template renders to a string. Non-string
values (numbers, booleans, None) pass through untouched; lists and dicts are rendered inside.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from guigym.errors import TaskError

__all__ = ["render", "render_value", "template_variables", "TemplateError"]

_SINGLE = re.compile(r"^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")


class TemplateError(TaskError):
    """A template could not be parsed or rendered (unknown variable, syntax error)."""


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


@functools.lru_cache(maxsize=4096)
def _compile(source: str) -> jinja2.Template:
    return _env().from_string(source)


def _is_template(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


def render(template_str: str, variables: Mapping[str, Any]) -> str:
    """Render one template string; raise :class:`TemplateError` on unknown variables or syntax."""
    if not _is_template(template_str):
        return template_str
    try:
        return _compile(template_str).render(**variables)
    except jinja2.UndefinedError as exc:
        known = ", ".join(sorted(variables)) or "none"
        raise TemplateError(
            f"{exc.message} in template {template_str!r} (known: {known})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message} in {template_str!r}") from None


def render_value(value: Any, variables: Mapping[str, Any]) -> Any:
    """Render strings recursively inside lists and dicts; leave other values intact."""
    if isinstance(value, str):
        match = _SINGLE.match(value)
        if match and match.group(1) in variables:
            return variables[match.group(1)]
        return render(value, variables)
    if isinstance(value, Mapping):
        return {k: render_value(v, variables) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(render_value(v, variables) for v in value)
    return value


def template_variables(value: Any) -> set[str]:
    """Names every template inside ``value`` reads (statically, with ``jinja2.meta``).

    Raises :class:`TemplateError` on a syntax error.
    """
    found: set[str] = set()
    if isinstance(value, str):
        if _is_template(value):
            try:
                found |= meta.find_undeclared_variables(_env().parse(value))
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"template syntax error: {exc.message} in {value!r}") from None
    elif isinstance(value, Mapping):
        for item in value.values():
            found |= template_variables(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= template_variables(item)
    return found
