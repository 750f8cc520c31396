"""The parser never executes anything, and bad input only ever raises ActionError."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import guigym.envs.actions as actions_pkg
import pytest
from guigym.envs.actions import (
    SPECS,
    ActionSpace,
    Fill,
    Type,
    format_action,
    parse_action,
    parse_actions,
)
from guigym.envs.actions.dialects import BROWSERGYM_NAMES, PYAUTOGUI_NAMES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guigym.errors import ActionError

MALICIOUS = [
    "__import__('os').system('touch {p}')",
    "open('{p}', 'w').write('x')",
    "exec(\"open('{p}', 'w')\")",
    "eval(\"__import__('os').system('touch {p}')\")",
    "compile(\"open('{p}', 'w')\", 'x', 'exec')",
    "import os; os.system('touch {p}')",
    "import os\nos.system('touch {p}')",
    "pyautogui.click(1, 2); import os; os.system('touch {p}')",
    "import pyautogui\nimport os\npyautogui.click(1, 2)\nos.system('touch {p}')",
    "import pyautogui\npyautogui.click(1, 2)\nos.system('touch {p}')",
    "pyautogui.write(open('{p}', 'w').name)",
    "pyautogui.click(__import__('os').system('touch {p}'), 1)",
    "pyautogui.typewrite(__import__('subprocess').getoutput('touch {p}'))",
    "pyautogui.__class__.__init__.__globals__['os'].system('touch {p}')",
    "pyautogui.os.system('touch {p}')",
    "time.sleep(0); open('{p}', 'w')",
    "click((lambda: open('{p}', 'w'))(), 1)",
    "[open('{p}', 'w') for _ in [1]]",
    "(open('{p}', 'w'),)",
    "click(1, 2) if open('{p}', 'w') else None",
    "getattr(__builtins__, 'open')('{p}', 'w')",
    "subprocess.run(['touch', '{p}'])",
    "send_msg_to_user(open('{p}', 'w').name)",
    "fill('a1', __import__('os').popen('touch {p}').read())",
    "with open('{p}', 'w') as f: pass",
    "def f():\n    open('{p}', 'w')\nf()",
    "click(1, 2)\n__import__('pathlib').Path('{p}').touch()",
    "type(f\"{{open('{p}', 'w')}}\")",
    "x = open('{p}', 'w')",
    "click(*[open('{p}', 'w')])",
    "click(**{{'x': open('{p}', 'w')}})",
    "from os import system; system('touch {p}')",
    "import importlib; importlib.import_module('os').system('touch {p}')",
    "click(1, 2); breakpoint()",
    "type(open('{p}', 'w').name)",
    "pyautogui.hotkey(*open('{p}', 'w').name)",
]


@pytest.fixture
def no_execution(monkeypatch):
    """Fail loudly if anything execs/evals, or compiles to anything but an AST."""

    def refuse(*args, **kwargs):
        raise AssertionError("exec/eval called by the parser")

    real_compile = builtins.compile

    def ast_only(source, filename, mode, flags=0, *args, **kwargs):
        assert flags & ast.PyCF_ONLY_AST, "compile() to code called by the parser"
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "compile", ast_only)


@pytest.mark.parametrize("template", MALICIOUS, ids=[m[:45] for m in MALICIOUS])
def test_malicious_strings_are_refused_and_leave_no_file(template, tmp_path, no_execution):
    target = tmp_path / "pwned"
    text = template.format(p=target)
    for dialect in ("auto", "guigym", "osworld", "browsergym"):
        with pytest.raises(ActionError):
            parse_actions(text, dialect=dialect)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_refusal_names_what_was_refused(tmp_path):
    p = tmp_path / "x"
    cases = {
        f"__import__('os').system('touch {p}')": "nested call __import__(...)",
        f"open('{p}', 'w')": "unknown action 'open'",
        "import os": "import of 'os'",
        f"pyautogui.write(open('{p}', 'w').name)": "attribute access",
        "pyautogui.os.system('x')": "refused call of 'pyautogui.os.system'",
        "click((lambda: 1)(), 2)": "nested call <expression>(...)",
        "(lambda: 1)()": "refused a lambda",
    }
    for text, message in cases.items():
        with pytest.raises(ActionError) as err:
            parse_actions(text)
        assert message in str(err.value), text


def test_code_inside_a_string_literal_stays_text(tmp_path, no_execution):
    p = tmp_path / "pwned"
    code = f"__import__('os').system('touch {p}')"
    assert parse_action({"action": "type", "text": code}) == Type(text=code)
    assert parse_action(f"type({code!r})") == Type(text=code)
    assert parse_action(f"pyautogui.write({code!r})") == Type(text=code)
    assert parse_action({"action_type": "TYPING", "parameters": {"text": code}}) == Type(code)
    assert parse_action(f"fill('a1', {code!r})") == Fill(element="a1", text=code)
    assert not p.exists()


def test_the_package_source_never_calls_exec_eval_or_compile():
    bare = {"exec", "eval", "compile", "__import__", "open", "breakpoint"}
    attrs = {"import_module", "system", "popen", "run", "literal_eval"}
    root = Path(actions_pkg.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                bad = (isinstance(func, ast.Name) and func.id in bare) or (
                    isinstance(func, ast.Attribute) and func.attr in attrs
                )
                assert not bad, f"{path.name}:{node.lineno} calls {ast.unparse(func)}"


# -- fuzzing -----------------------------------------------------------------------------------

_FUZZ = settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@_FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_action_error(text):
    try:
        result = parse_actions(text)
    except ActionError:
        return
    assert result and all(a.kind in SPECS for a in result)


_names = st.sampled_from(
    sorted(SPECS)
    + sorted(BROWSERGYM_NAMES)
    + [f"pyautogui.{n}" for n in sorted(PYAUTOGUI_NAMES)]
    + ["time.sleep", "open", "os.system", "__import__", "exec", "WAIT", "x.y.z"]
)
_atoms = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=20).map(repr),
    st.sampled_from(["None", "True", "x", "e12", "'e12'", "'Enter'", "'ctrl+c'", "[1, 2]",
                     "['a']", "()", "-5", "1e999", "f'x'", "lambda: 1", "a.b", "*a", "{}"]),
)  # fmt: skip
_args = st.lists(
    st.one_of(_atoms, st.tuples(st.sampled_from(["x", "y", "button", "element", "text", "bid",
                                                 "keys", "clicks", "dy", "value", "zz"]), _atoms)
              .map(lambda kv: f"{kv[0]}={kv[1]}")),
    max_size=5,
)  # fmt: skip


@_FUZZ
@given(st.lists(st.tuples(_names, _args), min_size=1, max_size=3), st.sampled_from(["\n", "; "]))
def test_call_shaped_fuzz_raises_only_action_error(calls, sep):
    text = sep.join(f"{name}({', '.join(args)})" for name, args in calls)
    try:
        result = parse_actions(text)
    except ActionError:
        return
    for action in result:
        assert parse_action(format_action(action)) == action


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)  # fmt: skip


@_FUZZ
@given(
    st.sampled_from(["action", "action_type"]),
    st.sampled_from([*SPECS, "CLICK", "SCROLL", "HOTKEY", "DRAG_TO", "TYPING", "nope", 1]),
    st.dictionaries(st.sampled_from(["x", "y", "text", "element", "keys", "parameters",
                                     "button", "dx", "dy", "key", "num_clicks"]), _json,
                    max_size=4),
)  # fmt: skip
def test_arbitrary_dicts_raise_only_action_error(key, name, params):
    try:
        result = parse_actions({key: name, **params})
    except ActionError:
        return
    assert all(a.kind in SPECS for a in result)


_valid_text = st.text(max_size=200).filter(
    lambda t: "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
)


@_FUZZ
@given(_valid_text)
def test_any_valid_text_round_trips_through_format(text):
    for action in (Type(text=text), Fill(element="e1", text=text)):
        assert parse_action(format_action(action)) == action


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(0, 2**32 - 1))
def test_sampled_actions_round_trip(seed):
    space = ActionSpace(element_ids=["e1", "a-2", "x_3"], kinds=list(SPECS), seed=seed)
    for _ in range(5):
        text = space.sample()
        action = parse_action(text)
        assert format_action(action) == text


EDGE_CASES = [
    ("click(" + "9" * 400 + ", 1)", "x is out of range"),
    ("wait(" + "9" * 400 + ")", "seconds is out of range"),
    ("scroll(" + "9" * 400 + ", 0)", "dx is out of range"),
    ("click(" + "9" * 5000 + ", 1)", "not a valid action"),
    ("[" * 300 + "]" * 300, "not a valid action"),
    ("click(" + "[" * 50 + "]" * 50 + ")", "refused deeply nested lists"),
    ("a" + ".b" * 20000 + "()", "not a valid action"),
    ("click(" + "-" * 5000 + "1, 2)", "not a valid action"),
    ("click(1, 2)\x00", "not a valid action"),
    (r"type('\ud800')", "invalid Unicode"),
    ("type('" + chr(0xD800) + "')", "not a valid action"),
    ("click(1, 2)" + "\n" * 200_000, "action text too long"),
    ("; ".join(["click(1, 2)"] * 101), "too many statements"),
    ("pyautogui.scroll(" + "9" * 400 + ")", "clicks must be between -1000 and 1000"),
    ("pyautogui.scroll(1e308)", "clicks must be between -1000 and 1000"),
    ("noop(" + "9" * 400 + ")", "wait_ms must be between 0 and 30000"),
    ("click(" + ", ".join(["1"] * 2000) + ")", "takes at most 4 positional arguments"),
]


@pytest.mark.parametrize(("text", "message"), EDGE_CASES, ids=[t[:30] for t, _ in EDGE_CASES])
def test_edge_inputs_are_action_errors(text, message):
    with pytest.raises(ActionError) as err:
        parse_actions(text)
    assert message in str(err.value)


def test_huge_numbers_in_dicts_are_action_errors():
    with pytest.raises(ActionError, match="dy must be between -1000 and 1000"):
        parse_actions({"action_type": "SCROLL", "parameters": {"dx": 0, "dy": 10**400}})
    with pytest.raises(ActionError, match="x is out of range"):
        parse_actions({"action": "click", "x": 10**400, "y": 1})
