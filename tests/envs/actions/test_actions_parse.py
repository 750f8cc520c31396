"""The guigym language: valid inputs -> typed actions, invalid inputs -> precise messages."""

from __future__ import annotations

import pytest
from guigym.envs.actions import (
    ACTION_CLASSES,
    SPECS,
    Answer,
    Back,
    Check,
    Clear,
    Click,
    CloseTab,
    Done,
    DoubleClick,
    Drag,
    Fail,
    Fill,
    Focus,
    Forward,
    Goto,
    Hover,
    KeyDown,
    KeyUp,
    MouseDown,
    MouseUp,
    Move,
    NewTab,
    Noop,
    Press,
    RightClick,
    Scroll,
    Select,
    SwitchTab,
    Type,
    Uncheck,
    Upload,
    Wait,
    format_action,
    normalize_combo,
    parse_action,
    parse_actions,
)

from guigym.errors import ActionError, ConfigError

VALID = [
    ("click(10, 20)", Click(x=10, y=20)),
    ("click(10.5, 20)", Click(x=10.5, y=20)),
    ('click(10, 20, button="right", clicks=2)', Click(x=10, y=20, button="right", clicks=2)),
    ("click(10, 20, 'middle', 3)", Click(x=10, y=20, button="middle", clicks=3)),
    ('click("e12")', Click(element="e12")),
    ("click('e12', button='RIGHT')", Click(element="e12", button="right")),
    ('click(element="e12")', Click(element="e12")),
    ("click()", Click()),
    ("click(x=1, y=2)", Click(x=1, y=2)),
    ('double_click("a-1_b")', DoubleClick(element="a-1_b")),
    ("double_click(5, 6)", DoubleClick(x=5, y=6)),
    ("right_click(5, 6)", RightClick(x=5, y=6)),
    ('right_click("e1")', RightClick(element="e1")),
    ('hover("e3")', Hover(element="e3")),
    ("hover(0, 0)", Hover(x=0, y=0)),
    ("move(100, 200)", Move(x=100, y=200)),
    ("drag(1, 2, 3, 4)", Drag(x1=1, y1=2, x2=3, y2=4)),
    ("mouse_down()", MouseDown()),
    ("mouse_down(3, 4, button='right')", MouseDown(x=3, y=4, button="right")),
    ("mouse_up(3, 4)", MouseUp(x=3, y=4)),
    ("scroll(0, 300)", Scroll(dx=0, dy=300)),
    ("scroll(0, -300, x=10, y=20)", Scroll(dx=0, dy=-300, x=10, y=20)),
    ('scroll("e12", dy=500)', Scroll(dy=500, element="e12")),
    ('scroll("e12", 0, 500)', Scroll(dy=500, element="e12")),
    ('type("hello world")', Type(text="hello world")),
    ('type("")', Type(text="")),
    ('type("line1\\nline2")', Type(text="line1\nline2")),
    ("type('héllo ☃ 日本')", Type(text="héllo ☃ 日本")),
    ('fill("e4", "Alice")', Fill(element="e4", text="Alice")),
    ('fill(element="e4", text="")', Fill(element="e4", text="")),
    ('clear("e4")', Clear(element="e4")),
    ('press("Enter")', Press(keys="Enter")),
    ('press("enter")', Press(keys="Enter")),
    ('press("ctrl+s")', Press(keys="Control+s")),
    ('press("Control+Shift+T")', Press(keys="Control+Shift+T")),
    ('press("cmd+a")', Press(keys="Meta+a")),
    ('press("esc")', Press(keys="Escape")),
    ('press("return")', Press(keys="Enter")),
    ('press("del")', Press(keys="Delete")),
    ('press("PageDown")', Press(keys="PageDown")),
    ('press("f5")', Press(keys="F5")),
    ('press("Control++")', Press(keys="Control++")),
    ('press("+")', Press(keys="+")),
    ('press("Enter", element="e9")', Press(keys="Enter", element="e9")),
    ('key_down("shift")', KeyDown(key="Shift")),
    ('key_up("Shift")', KeyUp(key="Shift")),
    ('focus("e2")', Focus(element="e2")),
    ('select("e5", "Blue")', Select(element="e5", option="Blue")),
    ('select("e5", ["Blue", "Red"])', Select(element="e5", option=("Blue", "Red"))),
    ('check("e6")', Check(element="e6")),
    ('uncheck("e6")', Uncheck(element="e6")),
    ('upload("e7", "~/f.pdf")', Upload(element="e7", path="~/f.pdf")),
    ('upload("e7", ["a.txt", "b.txt"])', Upload(element="e7", path=("a.txt", "b.txt"))),
    ('goto("http://shop.test/cart")', Goto(url="http://shop.test/cart")),
    ("back()", Back()),
    ("forward()", Forward()),
    ("new_tab()", NewTab()),
    ('new_tab("http://mail.test/")', NewTab(url="http://mail.test/")),
    ("switch_tab(1)", SwitchTab(index=1)),
    ("close_tab()", CloseTab()),
    ("wait()", Wait(seconds=1.0)),
    ("wait(2.5)", Wait(seconds=2.5)),
    ("wait(0)", Wait(seconds=0)),
    ('answer("42 orders")', Answer(text="42 orders")),
    ("done()", Done()),
    ('fail("the product does not exist")', Fail(reason="the product does not exist")),
    ("fail()", Fail()),
    ("noop()", Noop()),
    # layout and comments
    ("  click(1, 2)  ", Click(x=1, y=2)),
    ("click(1, 2)  # the OK button", Click(x=1, y=2)),
    ("```\nclick(1, 2)\n```", Click(x=1, y=2)),
    ("click(+1, 2)", Click(x=1, y=2)),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_valid_strings_parse_to_typed_actions(text, expected):
    action = parse_action(text)
    assert action == expected
    assert type(action) is type(expected)
    assert action.kind == type(expected).kind


DICTS = [
    ({"action": "click", "x": 10, "y": 20}, Click(x=10, y=20)),
    ({"action": "click", "element": "e12"}, Click(element="e12")),
    ({"action": "fill", "element": "e1", "text": "x"}, Fill(element="e1", text="x")),
    ({"action": "press", "keys": "ctrl+a"}, Press(keys="Control+a")),
    ({"action": "select", "element": "e1", "option": ["a", "b"]}, Select("e1", ("a", "b"))),
    ({"action": "done"}, Done()),
    ({"action": "scroll", "dy": 200}, Scroll(dy=200)),
]


@pytest.mark.parametrize(("data", "expected"), DICTS, ids=[str(d) for d, _ in DICTS])
def test_dict_input(data, expected):
    assert parse_action(data) == expected


INVALID = [
    ("clik(1, 2)", "unknown action 'clik' (did you mean 'click'"),
    ("click(1, 2, btn='left')", "click() got an unexpected keyword 'btn' (expected: x, y, button"),
    ("click(x='abc', y=1)", "click(): x must be a number, got 'abc'"),
    ("click(True, 1)", "click(): x must be a number, got True"),
    ("click(-5, 1)", "click(): x must be between 0 and"),
    ("click(1e999, 1)", "non-finite"),
    ("click(1)", "click(): x was given without y"),
    ("click('e1', x=1, y=2)", "give either x, y or an element, not both"),
    ("click(1, 2, button='side')", "button must be one of 'left', 'right', 'middle', got 'side'"),
    ("click(1, 2, clicks=0)", "click(): clicks must be between 1 and 10, got 0"),
    ("click(1, 2, clicks=1.5)", "click(): clicks must be an integer, got 1.5"),
    ("click(1, 2, 'left', 1, 5)", "click() takes at most 4 positional arguments"),
    ("click(1, 2, x=3)", "click() got multiple values for 'x'"),
    ("click('')", "element must be an element id"),
    ("click('not an id!')", "element must be an element id"),
    ("click('" + "e" * 33 + "')", "element must be an element id"),
    ("hover()", "hover() needs x, y or an element"),
    ("move(1)", "move() missing required argument 'y'"),
    ("drag(1, 2)", "drag() missing required arguments 'x2', 'y2'"),
    ("fill('e1')", "fill() missing required argument 'text'"),
    ("fill('e1', 5)", "fill(): text must be a string, got 5"),
    ("type('" + "a" * 10_001 + "')", "type(): text is too long (10001 characters, at most 10000)"),
    ("type('\\ud800')", "invalid Unicode"),
    ("type('a\\x00b')", "NUL"),
    ("press('Entr')", "unknown key 'Entr' (did you mean 'Enter'"),
    ("press('Control+')", "ends with '+'"),
    ("press('é')", "unknown key 'é'; to enter text like this use type('é')"),
    ("press('F13')", "unknown key 'F13'"),
    ("press('a+b+c+d+e+f+g')", "has more than 6 keys"),
    ("press('')", "empty key"),
    ("press(13)", "a key must be a string, got 13"),
    ("key_down('Control+a')", "key_down(): key must be a single key"),
    ("wait(31)", "wait(): seconds must be between 0 and 30 seconds, got 31"),
    ("wait(-1)", "wait(): seconds must be between 0 and 30"),
    ("switch_tab(-1)", "switch_tab(): index must be between 0 and 1000"),
    ("switch_tab('1')", "switch_tab(): index must be an integer"),
    ("goto('')", "goto(): url must be a non-empty URL"),
    ("goto('http://a b')", "goto(): url must be a non-empty URL without spaces"),
    ("select('e1', [])", "select(): option must be a string or a list of 1 to"),
    ("select('e1', [1])", "select(): option must be a string or a list of strings, got [1]"),
    ("done(1)", "done() takes no positional arguments, got 1"),
    ("done(now=True)", "done() got an unexpected keyword 'now' (it takes no arguments)"),
    ("", "empty action"),
    ("   \n  ", "empty action"),
    ("click(1, 2", "not a valid action"),
    ("click", "refused the name 'click'"),
    ("42", "refused a bare value"),
    ("click(x, y)", "refused the name 'x'"),
    ("click(1 + 2, 3)", "refused an operator expression"),
    ("click(*[1, 2])", "refused a starred argument"),
    ("click(**{'x': 1})", "refused a **kwargs argument"),
    ("click({'x': 1})", "refused a dict"),
    ("type(f'{1}')", "refused an f-string"),
    ("type(b'x')", "refused a bytes literal"),
    ("click(1j, 2)", "refused a complex literal"),
    ("click(lambda: 1, 2)", "refused a lambda"),
    ("click([i for i in range(3)])", "refused a list comprehension"),
    ("type(x.y)", "refused attribute access"),
    ("type('a'[0])", "refused a subscript"),
    ("click(1, 2) if True else done()", "refused a conditional expression"),
    ("x = click(1, 2)", "refused an assignment"),
    ("for i in range(3): click(1, 2)", "refused a for loop"),
    ("while True: pass", "refused a while loop"),
    ("def f(): pass", "refused a function definition"),
    ("import os", "refused import of 'os'"),
    ("from os import system", "refused a from-import"),
    ("type(type('x'))", "refused a nested call type(...)"),
    ("os.system('ls')", "refused call of 'os.system'"),
    ("click(1, 2)\nclick(3, 4)", "expected one action, got 2"),
]


@pytest.mark.parametrize(("text", "message"), INVALID, ids=[t[:40] for t, _ in INVALID])
def test_invalid_strings_raise_precise_errors(text, message):
    with pytest.raises(ActionError) as err:
        parse_action(text)
    assert message in str(err.value)


INVALID_DICTS = [
    ({"x": 1}, "needs an 'action' key"),
    ({"action": "clik"}, "unknown action 'clik' (did you mean 'click'"),
    ({"action": 5}, "'action' must be an action name"),
    ({"action": "click", "btn": 1}, "click() got an unexpected keyword 'btn'"),
    ({"action": "click", "x": "a", "y": 1}, "click(): x must be a number, got 'a'"),
    ({"action": "fill", "element": "e1"}, "fill() missing required argument 'text'"),
    ({"action": "click", 1: 2}, "argument names must be strings"),
]


@pytest.mark.parametrize(("data", "message"), INVALID_DICTS, ids=[str(d) for d, _ in INVALID_DICTS])
def test_invalid_dicts(data, message):
    with pytest.raises(ActionError) as err:
        parse_action(data)
    assert message in str(err.value)


@pytest.mark.parametrize("bad", [None, 42, 3.5, b"click(1, 2)", ["click(1, 2)"], object()])
def test_non_string_non_dict_is_an_action_error(bad):
    with pytest.raises(ActionError, match="must be a string or a dict"):
        parse_action(bad)


def test_multiple_statements_give_several_actions_in_order():
    assert parse_actions('click(1, 2); type("a")\npress("Enter")') == [
        Click(x=1, y=2),
        Type(text="a"),
        Press(keys="Enter"),
    ]


def test_typed_actions_pass_through():
    assert parse_action(Click(x=1, y=2)) == Click(x=1, y=2)


def test_unknown_dialect_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown action dialect 'browsergim'"):
        parse_action("click(1, 2)", dialect="browsergim")


def test_forced_guigym_dialect_refuses_the_others():
    with pytest.raises(ActionError, match="refused call of 'pyautogui.click'"):
        parse_action("pyautogui.click(1, 2)", dialect="guigym")
    with pytest.raises(ActionError, match="unknown action 'dblclick'"):
        parse_action('dblclick("a1")', dialect="guigym")
    with pytest.raises(ActionError, match="refused import of 'pyautogui'"):
        parse_action("import pyautogui\nclick(1, 2)", dialect="guigym")


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_format_round_trips(text, expected):
    canonical = format_action(expected)
    assert parse_action(canonical) == expected
    assert format_action(parse_action(canonical)) == canonical


def test_canonical_forms():
    assert format_action(Click(x=10, y=20)) == "click(10, 20)"
    assert format_action(Click(element="e12")) == 'click("e12")'
    assert format_action(Click(element="e1", button="right")) == 'click("e1", button="right")'
    assert format_action(Scroll(dy=300, element="e2")) == 'scroll("e2", 0, 300)'
    assert format_action(Type(text='say "hi"\n')) == 'type("say \\"hi\\"\\n")'
    assert format_action(Press(keys="Enter", element="e1")) == 'press("Enter", element="e1")'
    assert format_action(Select("e1", ("a", "b"))) == 'select("e1", ["a", "b"])'
    assert format_action(Done()) == "done()"


def test_every_kind_is_whitelisted_once_with_kind_and_docs():
    kinds = [cls.kind for cls in ACTION_CLASSES]
    assert len(kinds) == len(set(kinds)) == len(SPECS)
    assert list(SPECS) == kinds
    for spec in SPECS.values():
        assert spec.doc, spec.name
        assert all(p.doc for p in spec.params), spec.name


def test_actions_are_frozen_and_hashable():
    action = Click(x=1, y=2)
    with pytest.raises(AttributeError):
        action.x = 5  # type: ignore[misc]
    assert len({Click(x=1, y=2), Click(x=1, y=2), Select("e1", ("a",))}) == 2


KEYS = [
    ("Enter", "Enter"), ("ENTER", "Enter"), ("return", "Enter"), ("\n", "Enter"),
    ("ctrl", "Control"), ("Ctrl", "Control"), ("control", "Control"), ("cmd", "Meta"),
    ("command", "Meta"), ("win", "Meta"), ("option", "Alt"), ("shiftleft", "Shift"),
    ("esc", "Escape"), ("escape", "Escape"), ("del", "Delete"), ("backspace", "Backspace"),
    ("pgdn", "PageDown"), ("pageup", "PageUp"), ("up", "ArrowUp"), ("left", "ArrowLeft"),
    ("arrowdown", "ArrowDown"), ("space", "Space"), (" ", "Space"), ("tab", "Tab"),
    ("f1", "F1"), ("F12", "F12"), ("num5", "Numpad5"), ("a", "a"), ("A", "A"), ("7", "7"),
    ("$", "$"), ("+", "+"), ("KeyA", "KeyA"), ("Digit1", "Digit1"),
    ("ctrl+shift+esc", "Control+Shift+Escape"), ("Control+Shift+T", "Control+Shift+T"),
    ("alt+f4", "Alt+F4"), ("cmd+space", "Meta+Space"), ("ctrl++", "Control++"),
    ("ControlOrMeta+a", "ControlOrMeta+a"),
]  # fmt: skip


@pytest.mark.parametrize(("given", "canonical"), KEYS, ids=[repr(k) for k, _ in KEYS])
def test_key_names_normalise_to_playwright_names(given, canonical):
    assert normalize_combo(given) == canonical
    assert normalize_combo(canonical) == canonical


def test_answer_takes_a_subtask_keyword() -> None:
    from guigym.envs.actions import format_action, parse_action

    action = parse_action('answer("42", subtask="count-left")')
    assert (action.text, action.subtask) == ("42", "count-left")
    assert format_action(action) == 'answer("42", subtask="count-left")'
    assert parse_action({"action": "answer", "text": "x", "subtask": "a"}).subtask == "a"
    assert parse_action("send_msg_to_user('hi')").subtask is None  # BrowserGym: unnamed
    for bad in ('answer("x", "count")', 'answer("x", subtask="Count Left")'):
        with pytest.raises(ActionError):
            parse_action(bad)
