"""A table of broken task.yaml files: each error names the file, the field and the expectation."""

from __future__ import annotations

import pytest
from guigym.tasks import lint_file


def _good() -> None:
    """The good task unchanged (the fixture's GOOD_YAML)."""
    return None


def _swap(old: str, new: str) -> tuple[str, str]:
    """Replace ``old`` by ``new`` once in the good task."""
    return (old, new)


CASES = [
    # (name, yaml text, extra files, expected field, expected words in the message)
    ("yaml syntax", _swap("title: Restock", "title: [Restock"), None, "line ", "YAML syntax error"),
    (
        "tab indentation",
        _swap("max_steps: 40", "max_steps:\n\t40"),
        None,
        "line 18, column 1",
        "YAML",
    ),
    ("not a mapping", "- just\n- a list\n", None, "", "expected a mapping of task fields"),
    (
        "unknown check type",
        _swap("check: {url: {contains", "check: {sqll: {contains"),
        None,
        "subtasks[2].check",
        "unknown check type 'sqll' (did you mean 'sql'?) (expected one of answer, sql, url, dom,"
        " file, window, call, all, any, not)",
    ),
    (
        "two check types",
        _swap(
            "check: {url: {contains: /admin/orders}}",
            "check: {url: {contains: x}, dom: {selector: a}}",
        ),
        None,
        "subtasks[2].check",
        "exactly one type key",
    ),
    (
        "sql missing query",
        _swap('query: "SELECT qty FROM purchase_orders WHERE sku = :sku",', ""),
        None,
        "subtasks[1].check.sql",
        "missing required field 'query'",
    ),
    (
        "sql two expectations",
        _swap('expect: "{{ qty }}"', "expect: 1, count: 2"),
        None,
        "subtasks[1].check.sql",
        "one of expect, rows, count, range",
    ),
    (
        "answer unknown field",
        _swap("normalize: [case, space]", "normalise: [case]"),
        None,
        "subtasks[0].check.answer.normalise",
        "unknown field 'normalise'",
    ),
    (
        "answer bad normalizer",
        _swap("normalize: [case, space]", "normalize: [case, spaces]"),
        None,
        "subtasks[0].check.answer.normalize",
        "case, space, punct",
    ),
    (
        "nested check",
        _swap(
            "check: {url: {contains: /admin/orders}}",
            "check: {all: [{url: {contains: x}}, {not: {dom: {exists: true}}}]}",
        ),
        None,
        "subtasks[2].check.all[1].not.dom",
        "missing required field 'selector'",
    ),
    (
        "bad regex",
        _swap("check: {url: {contains: /admin/orders}}", "check: {answer: {regex: '(['}}"),
        None,
        "subtasks[2].check.answer.regex",
        "invalid regular expression",
    ),
    (
        "unknown top field",
        _swap("max_steps: 40", "max_step: 40"),
        None,
        "max_step",
        "unknown field 'max_step' (did you mean 'max_steps'?)",
    ),
    (
        "missing title",
        _swap("title: Restock the lowest-stock item\n", ""),
        None,
        "title",
        "required field is missing",
    ),
    ("bad env", _swap("env: web", "env: phone"), None, "env", "'web' or 'desktop'"),
    ("bad max_steps", _swap("max_steps: 40", "max_steps: 0"), None, "max_steps", "greater than 0"),
    (
        "bad param",
        _swap("qty: {choice: [10, 20, 50]}", "qty: {choices: [10]}"),
        None,
        "params.qty",
        "expected {choice: [a, b, ...]}",
    ),
    (
        "bad int range",
        _swap("n: {int: [1, 9]}", "n: {int: [9, 1]}"),
        None,
        "params.n.int",
        "lo <= hi",
    ),
    (
        "bad oracle",
        _swap("oracle: {call: solution.py:notify}", "oracle: {call: solution.py}"),
        None,
        "subtasks[3].oracle.call",
        "'file.py:function'",
    ),
    (
        "bad setup",
        _swap("- call: setup.py:prepare", "- run: setup.py:prepare"),
        None,
        "setup[1]",
        "{call: 'setup.py:fn'}",
    ),
    (
        "unknown subtask field",
        _swap("    weight: 2", "    wieght: 2"),
        None,
        "subtasks[1].wieght",
        "did you mean 'weight'",
    ),
    (
        "id mismatch",
        _swap("id: shop.x", "id: shop.y"),
        None,
        "id",
        "expected 'shop.x', got 'shop.y'",
    ),
    ("bad id", _swap("id: shop.x", "id: Shop X"), None, "id", "'<suite>.<name>'"),
    (
        "duplicate ids",
        _swap("- id: visit", "- id: reorder"),
        None,
        "subtasks[2].id",
        "duplicate subtask id 'reorder'",
    ),
    (
        "unknown depends_on",
        _swap("depends_on: [reorder]", "depends_on: [reordr]"),
        None,
        "subtasks[3].depends_on",
        "unknown subtask id 'reordr' (did you mean 'reorder'?)",
    ),
    (
        "cycle",
        _swap("  - id: reorder\n", "  - id: reorder\n    depends_on: [notify]\n"),
        None,
        "subtasks[1].depends_on",
        "depends_on forms a cycle: reorder -> notify -> reorder",
    ),
    (
        "forward dependency",
        _swap("  - id: visit\n", "  - id: visit\n    depends_on: [notify]\n"),
        None,
        "subtasks[2].depends_on",
        "comes later in the chain",
    ),
    (
        "unknown template var",
        _swap("order {{ qty }} more", "order {{ qtty }} more"),
        None,
        "instruction",
        "unknown template variable 'qtty' (did you mean 'qty'?)",
    ),
    (
        "undeclared fact",
        _swap("facts: [expected_sku]", "facts: []"),
        None,
        "subtasks[0].check",
        "unknown template variable 'expected_sku'",
    ),
    (
        "template syntax",
        _swap("Report the SKU", "Report {{ the SKU"),
        None,
        "subtasks[0].instruction",
        "template syntax error",
    ),
    (
        "template var in oracle",
        _swap("answer('{{ expected_sku }}')", "answer('{{ sku }}')"),
        None,
        "subtasks[0].oracle",
        "unknown template variable 'sku'",
    ),
    (
        "missing check file",
        _good(),
        {"check.py": None},
        "subtasks[3].check.call",
        "no file 'check.py'",
    ),
    (
        "missing check function",
        _swap("check.py:notified", "check.py:notifed"),
        None,
        "subtasks[3].check.call",
        "defines no function 'notifed' (did you mean 'notified'?)",
    ),
    (
        "missing setup function",
        _swap("setup.py:prepare", "setup.py:prep"),
        None,
        "setup[1].call",
        "defines no function 'prep'",
    ),
    (
        "missing oracle function",
        _swap("solution.py:notify", "solution.py:notify2"),
        None,
        "subtasks[3].oracle.call",
        "defines no function 'notify2'",
    ),
    (
        "check.py syntax error",
        _good(),
        {"check.py": "def notified(ctx)\n    return 1\n"},
        "subtasks[3].check.call",
        "syntax error",
    ),
    (
        "site not in sites",
        _swap("sites: [shop]", "sites: [mail]"),
        None,
        "start.login.site",
        "site 'shop' is not in this task's sites",
    ),
    (
        "facts without setup call",
        _swap("  - call: setup.py:prepare\n", ""),
        None,
        "facts",
        "setup function",
    ),
    (
        "no subtasks",
        "id: shop.x\ntitle: t\ninstruction: i\nstart: {url: 'http://shop.test/'}\n",
        None,
        "subtasks",
        "at least one subtask",
    ),
    (
        "web without start url",
        _swap("  url: http://shop.test/admin\n", ""),
        None,
        "start.url",
        "needs a start url",
    ),
    (
        "desktop check on web",
        _swap("check: {url: {contains: /admin/orders}}", "check: {file: {path: a.txt}}"),
        None,
        "subtasks[2].check.file",
        "needs `env: desktop`",
    ),
    (
        "contains answer that cannot reject alternatives",
        _swap(
            '{answer: {equals: "{{ expected_sku }}", normalize: [case, space]}}',
            '{answer: {contains: "{{ expected_sku }}"}}',
        ),  # fmt: skip
        None,
        "subtasks[0].check.answer",
        "must reject answers that list alternatives",
    ),
    (
        "alternatives without contains",
        _swap("normalize: [case, space]}}", "alternatives: [KB-1, KB-2]}}"),
        None,
        "subtasks[0].check.answer.alternatives",
        "alternatives goes with contains, not equals",
    ),
    (
        "call check reads the answer without answer: true",
        _good(),
        {"check.py": "def notified(ctx):\n    return ctx.answer == 'sent'\n"},
        "subtasks[3].answer",
        "reads the agent's answer: set `answer: true`",
    ),
]


@pytest.mark.parametrize(
    ("text", "files", "field", "words"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_broken_task_reports_file_field_and_expectation(
    write_task, good_yaml, text, files, field, words
) -> None:
    if isinstance(text, tuple):
        assert text[0] in good_yaml, text[0]
        text = good_yaml.replace(text[0], text[1], 1)
    folder = write_task("shop.x", text)
    for name, content in (files or {}).items():
        if content is None:
            (folder / name).unlink()
        else:
            (folder / name).write_text(content)
    spec, issues = lint_file(folder / "task.yaml")
    assert spec is None
    lines = [str(i) for i in issues]
    assert any(
        i.file.endswith("shop/x/task.yaml") and i.field.startswith(field) and words in i.message
        for i in issues
    ), "\n".join(lines)
    assert all(line.startswith(issues[0].file) for line in lines)


def test_the_good_task_is_clean(write_task) -> None:
    spec, issues = lint_file(write_task("shop.x") / "task.yaml")
    assert issues == [] and spec is not None and spec.id == "shop.x"


def test_message_format_matches_the_contract(write_task, good_yaml) -> None:
    text = good_yaml.replace("check: {url: {contains", "check: {sqll: {contains")
    folder = write_task("shop.x", text)
    (issue,) = lint_file(folder / "task.yaml")[1]
    assert str(issue).endswith(
        "shop/x/task.yaml: subtasks[2].check: unknown check type 'sqll' (did you mean 'sql'?)"
        " (expected one of answer, sql, url, dom, file, window, call, all, any, not)"
    )
