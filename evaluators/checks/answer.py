"""``answer``: compare the agent's answer with the expected value.

The verifier hands each answer subtask only the one answer bound to it (``evaluators/answers.py``),
so a check judges one text; ``which`` is kept for old task files and changes nothing then.
Normalisation defaults to ``[case, space]``. Numbers are read the way people write them:
``"1,234.50"`` equals ``1234.5``; ``number: {value, tol}`` accepts an answer that is a number
or contains exactly one number.

``contains`` must not be won by listing every candidate: the expected text must appear, and
the answer fails when it also names any of the check's
``alternatives`` (a list, or derived from the param's ``choice`` list when ``contains`` is
``"{{ param }}"``), any match of ``alternatives_regex`` outside the expected text, or when it is
longer than ``max_words`` (default 20) words. ``guigym task lint`` requires one of the two.
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
#: an answer to a ``contains`` check longer than this many words fails (a list, not a reply)
MAX_WORDS = 20

__all__ = ["check_answer", "names_only", "MAX_WORDS"]


def _bounded(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


def names_only(
    answer: str,
    expected: Any,
    alternatives: Any = (),
    pattern: str | None = None,
    *,
    max_words: int = MAX_WORDS,
    how: tuple[str, ...] = DEFAULT_NORMALIZE,
) -> str | None:
    """None when ``answer`` names ``expected`` and nothing else it could be; else the reason.

    ``expected`` must appear (a substring, after normalising); no other entry of
    ``alternatives`` may appear (word-bounded), no match of ``pattern`` (case-insensitive) may
    appear outside the expected text, and the answer has at most ``max_words`` words. Also for
    ``check.py`` functions that read ``ctx.answer``.
    """
    text, want = normalize(answer, how), normalize(str(expected), how)
    if not want or want not in text:
        return f"it does not name {str(expected)!r}"
    words = len(answer.split())
    if words > max_words:
        return f"it has {words} words (at most {max_words}: one answer, not a list)"
    rest = text.replace(want, " ")
    if isinstance(alternatives, str | int | float):
        alternatives = [alternatives]
    for alt in alternatives or ():
        other = normalize(str(alt), how)
        if other and other != want and _bounded(other).search(rest):
            return f"it also names {str(alt)!r} (an answer must pick one)"
    if pattern:
        found = re.search(pattern, rest, re.IGNORECASE)
        if found:
            return f"it also names {found.group(0)!r} (an answer must pick one)"
    return None


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
        return (
            names_only(
                answer,
                body["contains"],
                body.get("alternatives", ()),
                body.get("alternatives_regex"),
                max_words=int(body.get("max_words", MAX_WORDS)),
                how=how,
            )
            is None
        )
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
    """Pass when the subtask's answer matches (see the module docstring for ``contains``)."""
    how = tuple(body.get("normalize", DEFAULT_NORMALIZE))
    answers = [str(a) for a in ctx.answers]
    if not answers:
        return CheckResult.no(f"no answer yet: expected an answer that {_describe(body)}")
    candidates = answers[-1:] if body.get("which", "any") == "last" else answers
    for answer in candidates:
        if _match(body, answer, how):
            return CheckResult.ok(f"answer {short(answer)} matches {_describe(body)}")
    got = ", ".join(short(a, 60) for a in candidates[-3:])
    why = ""
    if "contains" in body:
        reason = names_only(
            candidates[-1],
            body["contains"],
            body.get("alternatives", ()),
            body.get("alternatives_regex"),
            max_words=int(body.get("max_words", MAX_WORDS)),
            how=how,
        )
        why = f" ({reason})" if reason else ""
    return CheckResult.no(f"expected an answer that {_describe(body)}, got {got}{why}")
