"""``answer``: compare the agent's ``answer(...)`` texts with the expected value.

By default any of the agent's answers may match (``which: last`` looks at the latest only);
normalisation defaults to ``[case, space]``. Numbers are read the way people write them:
``"1,234.50"`` equals ``1234.5``; ``number: {value, tol}`` accepts an answer that is a number
or contains exactly one number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guigym.evaluators.checks._values import normalize, numbers_in, same_value, short, to_number
from guigym.evaluators.checks.base import register
from guigym.evaluators.context import CheckContext
from guigym.evaluators.results import CheckResult

DEFAULT_NORMALIZE = ("case", "space")


def _equals(expected: Any, answer: str, how: tuple[str, ...]) -> bool:
    if to_number(expected) is not None and to_number(answer) is not None:
        return same_value(expected, answer)
    return normalize(str(expected), how) == normalize(answer, how)


def _the_number(answer: str) -> float | None:
    whole = to_number(answer)
    if whole is not None:
        return whole
    found = numbers_in(answer)
    return found[0] if len(found) == 1 else None


def _match(body: Mapping[str, Any], answer: str, how: tuple[str, ...]) -> bool:
    if "equals" in body:
        return _equals(body["equals"], answer, how)
    if "one_of" in body:
        options = body["one_of"]
        if not isinstance(options, list | tuple) or not options:
            raise ValueError(f"one_of needs a non-empty list after rendering, got {options!r}")
        return any(_equals(option, answer, how) for option in options)
    if "contains" in body:
        return normalize(str(body["contains"]), how) in normalize(answer, how)
    if "regex" in body:
        flags = re.IGNORECASE if "case" in how else 0
        return (
            re.search(
                str(body["regex"]), normalize(answer, tuple(h for h in how if h != "case")), flags
            )
            is not None
        )
    spec = body["number"]
    value, tol = (spec.get("value"), spec.get("tol", 0)) if isinstance(spec, Mapping) else (spec, 0)
    target, tolerance = to_number(value), to_number(tol)
    if target is None or tolerance is None:
        raise ValueError(f"number check needs numeric value and tol, got {value!r} and {tol!r}")
    got = _the_number(answer)
    return got is not None and abs(got - target) <= tolerance + 1e-9


def _describe(body: Mapping[str, Any]) -> str:
    for key in ("equals", "contains", "regex", "one_of"):
        if key in body:
            return f"{key.replace('_', ' ')} {short(body[key])}"
    spec = body["number"]
    if isinstance(spec, Mapping):
        return f"the number {spec.get('value')} (± {spec.get('tol', 0)})"
    return f"the number {spec}"


@register("answer")
def check_answer(body: Mapping[str, Any], ctx: CheckContext) -> CheckResult:
    """Pass when an answer (or the last one, with ``which: last``) matches."""
    how = tuple(body.get("normalize", DEFAULT_NORMALIZE))
    answers = [str(a) for a in ctx.answers]
    if not answers:
        return CheckResult.no(f"no answer yet: expected an answer that {_describe(body)}")
    candidates = answers[-1:] if body.get("which", "any") == "last" else answers
    for answer in candidates:
        if _match(body, answer, how):
            return CheckResult.ok(f"answer {short(answer)} matches {_describe(body)}")
    got = ", ".join(short(a, 60) for a in candidates[-3:])
    return CheckResult.no(f"expected an answer that {_describe(body)}, got {got}")
