"""answer checks: every matcher, both outcomes, normalisation and people's numbers."""

from __future__ import annotations

import pytest
from guigym.evaluators import CheckContext, run_check


def _run(check: dict, *answers: str):
    return run_check({"answer": check}, CheckContext(answers=list(answers)))


@pytest.mark.parametrize(
    ("check", "answer", "status"),
    [
        ({"equals": "KB-104"}, "kb-104", "pass"),
        ({"equals": "KB-104"}, "  KB-104 \n", "pass"),
        ({"equals": "KB-104", "normalize": []}, "kb-104", "fail"),
        ({"equals": "KB-104"}, "KB-105", "fail"),
        ({"equals": "KB 104", "normalize": ["case", "space", "punct"]}, "kb-104!", "fail"),
        ({"equals": "KB104", "normalize": ["case", "punct"]}, "kb-104.", "pass"),
        ({"equals": 1234.5}, "1,234.50", "pass"),
        ({"equals": "1234.5"}, "$1,234.50", "pass"),
        ({"equals": 1234.5}, "1,234.51", "fail"),
        ({"contains": "order 17"}, "It is Order   17 today", "pass"),
        ({"contains": "order 17"}, "order 18", "fail"),
        ({"regex": r"^PO-\d{4}$"}, "po-2031", "pass"),
        ({"regex": r"^PO-\d{4}$"}, "PO-203", "fail"),
        ({"number": {"value": 12.5, "tol": 0.1}}, "12.45", "pass"),
        ({"number": {"value": 12.5, "tol": 0.01}}, "12.45", "fail"),
        ({"number": {"value": 1234.5, "tol": 0}}, "The total is $1,234.50.", "pass"),
        ({"number": {"value": 3}}, "3 items in 2 orders", "fail"),  # two numbers: ambiguous
        ({"number": "42"}, "42", "pass"),
        ({"one_of": ["Monitors", "Laptops"]}, "laptops", "pass"),
        ({"one_of": ["Monitors", "Laptops"]}, "Keyboards", "fail"),
    ],
)
def test_answer_matchers(check: dict, answer: str, status: str) -> None:
    result = _run(check, answer)
    assert result.status == status, result.message
    assert result.score == (1.0 if status == "pass" else 0.0)


def test_no_answer_yet_is_a_fail_that_says_so() -> None:
    result = _run({"equals": "x"})
    assert result.status == "fail"
    assert "no answer yet" in result.message


def test_any_answer_counts_by_default_and_which_last_looks_at_the_latest() -> None:
    assert _run({"equals": "a"}, "a", "b").status == "pass"
    assert _run({"equals": "a", "which": "last"}, "a", "b").status == "fail"
    assert _run({"equals": "b", "which": "last"}, "a", "b").status == "pass"


def test_fail_message_names_expected_and_got() -> None:
    result = _run({"equals": "KB-104"}, "MO-200")
    assert "KB-104" in result.message and "MO-200" in result.message


def test_bad_number_spec_is_an_error_not_a_fail() -> None:
    result = _run({"number": {"value": "lots"}}, "3")
    assert result.status == "error"
    assert "number" in result.message
