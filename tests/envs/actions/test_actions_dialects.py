"""OSWorld (pyautogui strings, special strings, computer_13) and BrowserGym inputs."""

from __future__ import annotations

import pytest
from guigym.envs.actions import (
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
    parse_action,
    parse_actions,
)

from guigym.errors import ActionError

DRAG_300_400 = [MouseDown(), Move(x=300, y=400), MouseUp()]

OSWORLD = [
    ("pyautogui.click(100, 200)", [Click(x=100, y=200)]),
    ("pyautogui.click(x=100, y=200)", [Click(x=100, y=200)]),
    ("pyautogui.click((100, 200))", [Click(x=100, y=200)]),
    ("pyautogui.click()", [Click()]),
    ("pyautogui.click(100, 200, clicks=2, button='right')", [Click(100, 200, "right", 2)]),
    ("pyautogui.click(100, 200, duration=0.5, interval=0.1)", [Click(x=100, y=200)]),
    ("pyautogui.doubleClick(5, 6)", [DoubleClick(x=5, y=6)]),
    ("pyautogui.tripleClick(5, 6)", [Click(x=5, y=6, clicks=3)]),
    ("pyautogui.rightClick(5, 6)", [RightClick(x=5, y=6)]),
    ("pyautogui.middleClick(5, 6)", [Click(x=5, y=6, button="middle")]),
    ("pyautogui.moveTo(300, 400)", [Move(x=300, y=400)]),
    ("pyautogui.moveTo(300, 400, duration=1)", [Move(x=300, y=400)]),
    ("pyautogui.dragTo(300, 400)", DRAG_300_400),
    ("pyautogui.dragTo(300, 400, 0.5, button='left')", DRAG_300_400),
    ("pyautogui.mouseDown()", [MouseDown()]),
    ("pyautogui.mouseDown(1, 2, button='right')", [MouseDown(x=1, y=2, button="right")]),
    ("pyautogui.mouseUp()", [MouseUp()]),
    ("pyautogui.scroll(-3)", [Scroll(dx=0, dy=300)]),
    ("pyautogui.scroll(5)", [Scroll(dx=0, dy=-500)]),
    ("pyautogui.scroll(-2, x=10, y=20)", [Scroll(dx=0, dy=200, x=10, y=20)]),
    ("pyautogui.vscroll(1)", [Scroll(dx=0, dy=-100)]),
    ("pyautogui.hscroll(2)", [Scroll(dx=200, dy=0)]),
    ("pyautogui.write('hello')", [Type(text="hello")]),
    ("pyautogui.write('hello', interval=0.1)", [Type(text="hello")]),
    ("pyautogui.typewrite('hello world\\n')", [Type(text="hello world\n")]),
    ("pyautogui.typewrite(['a', 'enter'])", [Press(keys="a"), Press(keys="Enter")]),
    ("pyautogui.press('enter')", [Press(keys="Enter")]),
    ("pyautogui.press('esc')", [Press(keys="Escape")]),
    ("pyautogui.press('down', presses=3)", [Press(keys="ArrowDown")] * 3),
    ("pyautogui.press(['tab', 'tab'])", [Press(keys="Tab")] * 2),
    ("pyautogui.hotkey('ctrl', 'c')", [Press(keys="Control+c")]),
    ("pyautogui.hotkey('ctrl', 'shift', 't')", [Press(keys="Control+Shift+t")]),
    ("pyautogui.hotkey('command', 'space')", [Press(keys="Meta+Space")]),
    ("pyautogui.hotkey(['alt', 'f4'])", [Press(keys="Alt+F4")]),
    ("pyautogui.keyDown('shift')", [KeyDown(key="Shift")]),
    ("pyautogui.keyUp('shift')", [KeyUp(key="Shift")]),
    ("time.sleep(0.5)", [Wait(seconds=0.5)]),
    ("pyautogui.sleep(2)", [Wait(seconds=2)]),
    ("WAIT", [Wait()]),
    ("DONE", [Done()]),
    (" FAIL ", [Fail()]),
    (
        "import pyautogui\nimport time\npyautogui.click(10, 20)\ntime.sleep(1)\n"
        "pyautogui.write('abc'); pyautogui.press('enter')",
        [Click(x=10, y=20), Wait(seconds=1), Type(text="abc"), Press(keys="Enter")],
    ),
    ("import pyautogui, time\npyautogui.click(1, 2)", [Click(x=1, y=2)]),
    ("```python\nimport pyautogui\npyautogui.click(1, 2)\n```", [Click(x=1, y=2)]),
    ("# click the OK button\npyautogui.click(1, 2)  # there", [Click(x=1, y=2)]),
]


@pytest.mark.parametrize(("text", "expected"), OSWORLD, ids=[t[:50] for t, _ in OSWORLD])
def test_osworld_strings(text, expected):
    assert parse_actions(text) == expected
    assert parse_actions(text, dialect="osworld") == expected


COMPUTER_13 = [
    ({"action_type": "CLICK", "parameters": {"x": 1, "y": 2}}, [Click(x=1, y=2)]),
    (
        {
            "action_type": "CLICK",
            "parameters": {"button": "right", "x": 1, "y": 2, "num_clicks": 2},
        },
        [Click(x=1, y=2, button="right", clicks=2)],
    ),
    ({"action_type": "CLICK", "parameters": {}}, [Click()]),
    ({"action_type": "CLICK", "x": 1, "y": 2}, [Click(x=1, y=2)]),
    ({"action_type": "RIGHT_CLICK", "parameters": {"x": 1, "y": 2}}, [RightClick(x=1, y=2)]),
    ({"action_type": "DOUBLE_CLICK", "parameters": {"x": 1, "y": 2}}, [DoubleClick(x=1, y=2)]),
    ({"action_type": "MOUSE_DOWN", "parameters": {"button": "left"}}, [MouseDown()]),
    ({"action_type": "MOUSE_UP"}, [MouseUp()]),
    ({"action_type": "MOVE_TO", "parameters": {"x": 300, "y": 400}}, [Move(x=300, y=400)]),
    ({"action_type": "DRAG_TO", "parameters": {"x": 300, "y": 400}}, DRAG_300_400),
    ({"action_type": "SCROLL", "parameters": {"dx": 0, "dy": -2}}, [Scroll(dx=0, dy=200)]),
    ({"action_type": "SCROLL", "parameters": {"clicks": 3}}, [Scroll(dx=0, dy=-300)]),
    ({"action_type": "TYPING", "parameters": {"text": "hi"}}, [Type(text="hi")]),
    ({"action_type": "PRESS", "parameters": {"key": "enter"}}, [Press(keys="Enter")]),
    ({"action_type": "KEY_DOWN", "parameters": {"key": "ctrl"}}, [KeyDown(key="Control")]),
    ({"action_type": "KEY_UP", "parameters": {"key": "ctrl"}}, [KeyUp(key="Control")]),
    ({"action_type": "HOTKEY", "parameters": {"keys": ["ctrl", "a"]}}, [Press("Control+a")]),
    ({"action_type": "WAIT"}, [Wait()]),
    ({"action_type": "DONE"}, [Done()]),
    ({"action_type": "FAIL"}, [Fail()]),
    ({"action_type": "click", "parameters": {"x": 1, "y": 2}}, [Click(x=1, y=2)]),
]


@pytest.mark.parametrize(
    ("data", "expected"), COMPUTER_13, ids=[str(d)[:60] for d, _ in COMPUTER_13]
)
def test_computer_13_dicts(data, expected):
    assert parse_actions(data) == expected
    assert parse_actions(data, dialect="computer_13") == expected


BROWSERGYM = [
    ('click("a51")', Click(element="a51")),
    ('click("12", button="right")', Click(element="12", button="right")),
    ('click("12", modifiers=[])', Click(element="12")),
    ('dblclick("12")', DoubleClick(element="12")),
    ('hover("b3")', Hover(element="b3")),
    ('fill("b12", "hello")', Fill(element="b12", text="hello")),
    ('fill(bid="b12", value="hello")', Fill(element="b12", text="hello")),
    ('clear("b12")', Clear(element="b12")),
    ('focus("b12")', Focus(element="b12")),
    ('check("c1")', Check(element="c1")),
    ('uncheck("c1")', Uncheck(element="c1")),
    ('select_option("s1", "Blue")', Select(element="s1", option="Blue")),
    ('select_option("s1", ["Blue", "Red"])', Select(element="s1", option=("Blue", "Red"))),
    ('press("b12", "Enter")', Press(keys="Enter", element="b12")),
    ('press("a", "Control+a")', Press(keys="Control+a", element="a")),
    ('press(bid="b12", key_comb="ControlOrMeta+a")', Press(keys="ControlOrMeta+a", element="b12")),
    ('upload_file("f1", "/tmp/a.pdf")', Upload(element="f1", path="/tmp/a.pdf")),
    ("scroll(0, 200)", Scroll(dx=0, dy=200)),
    ("scroll(-50.5, 0)", Scroll(dx=-50.5, dy=0)),
    ("mouse_move(10, 20)", Move(x=10, y=20)),
    ("mouse_click(10, 20)", Click(x=10, y=20)),
    ("mouse_click(10, 20, button='right')", Click(x=10, y=20, button="right")),
    ("mouse_dblclick(10, 20)", DoubleClick(x=10, y=20)),
    ("mouse_down(10, 20)", MouseDown(x=10, y=20)),
    ("mouse_up(10, 20)", MouseUp(x=10, y=20)),
    ("mouse_drag_and_drop(1, 2, 3, 4)", Drag(x1=1, y1=2, x2=3, y2=4)),
    ('keyboard_type("hi")', Type(text="hi")),
    ('keyboard_insert_text("hi")', Type(text="hi")),
    ('keyboard_press("Enter")', Press(keys="Enter")),
    ('keyboard_down("Shift")', KeyDown(key="Shift")),
    ('keyboard_up("Shift")', KeyUp(key="Shift")),
    ('goto("http://shop.test/")', Goto(url="http://shop.test/")),
    ("go_back()", Back()),
    ("go_forward()", Forward()),
    ("new_tab()", NewTab()),
    ("tab_close()", CloseTab()),
    ("tab_focus(2)", SwitchTab(index=2)),
    ('send_msg_to_user("It costs $12.")', Answer(text="It costs $12.")),
    ('report_infeasible("no such product")', Fail(reason="no such product")),
    ("noop()", Noop()),
    ("noop(500)", Wait(seconds=0.5)),
    ("noop(wait_ms=2000)", Wait(seconds=2.0)),
]


@pytest.mark.parametrize(("text", "expected"), BROWSERGYM, ids=[t[:50] for t, _ in BROWSERGYM])
def test_browsergym_strings(text, expected):
    assert parse_action(text) == expected
    assert parse_action(text, dialect="browsergym") == expected
    assert parse_action(format_action(expected)) == expected


def test_browsergym_multi_action_with_comments():
    text = '# fill the form\nfill("a1", "Bob")\nclick("a2")  # submit'
    assert parse_actions(text) == [Fill(element="a1", text="Bob"), Click(element="a2")]


DIALECT_ERRORS = [
    ("pyautogui.moveRel(10, 0)", "relative moves are not supported"),
    ("pyautogui.screenshot()", "unsupported pyautogui function 'screenshot'"),
    ("pyautogui.clik(1, 2)", "unsupported pyautogui function 'clik' (did you mean 'click'"),
    ("pyautogui.click(1, 2, foo=3)", "pyautogui.click() got an unexpected keyword 'foo'"),
    ("pyautogui.click(-1, 2)", "pyautogui.click(): x must be between 0 and"),
    ("pyautogui.click((1, 2, 3))", "a point must be (x, y)"),
    ("pyautogui.press('notakey')", "unknown key 'notakey'"),
    ("pyautogui.press('a', presses=0)", "presses must be an integer from 1 to 50"),
    ("pyautogui.hotkey()", "needs one or more key names"),
    ("pyautogui.scroll('up')", "clicks must be a number"),
    ("pyautogui.write(123)", "pyautogui.write(): text must be a string, got 123"),
    ("time.sleep(60)", "time.sleep(): seconds must be between 0 and 30"),
    ("pyautogui.locateOnScreen('x.png')", "unsupported pyautogui function 'locateOnScreen'"),
    ("pyautogui.position()", "unsupported pyautogui function 'position'"),
    ("pyautogui.click(*pyautogui.position())", "refused a starred argument"),
    ("import pyautogui as p\np.click(1, 2)", "refused import pyautogui as p"),
    ("import subprocess", "refused import of 'subprocess'"),
    ("x, y = 1, 2\npyautogui.click(x, y)", "refused an assignment"),
    ("pyautogui.a.b(1)", "refused call of 'pyautogui.a.b'"),
    ("subprocess.run(['ls'])", "refused call of 'subprocess.run'"),
    ('mouse_upload_file(1, 2, "a")', "BrowserGym action 'mouse_upload_file' is not supported"),
    ('click("a1", modifiers=["Hyper"])', "click(): modifiers must be among Alt, Control"),
    ('click("a1", modifiers="Shift")', "click(): modifiers must be a list of key names"),
    ('fill("a1")', "fill() missing required argument 'text'"),
    ('fill("a1", value=5)', "fill(): value must be a string, got 5"),
    ('select_option("s1")', "select_option() missing required argument 'options'"),
    ("tab_focus('x')", "tab_focus(): index must be an integer"),
    ("noop(60000)", "noop(): wait_ms must be between 0 and 30000, got 60000"),
    ('noop("long")', "noop(): wait_ms must be a number"),
    ('press("e1", "Entr")', "press(): key_comb: unknown key 'Entr' (did you mean 'Enter'"),
    ('keyboard_press("Control+")', "keyboard_press(): key: key combination 'Control+' ends"),
    ('select_option("s1", 5)', "select_option(): options must be a string or a list"),
    ('upload_file("f", [])', "upload_file(): file must be a string or a list of 1 to 100"),
    ("go_bak()", "unknown action 'go_bak' (did you mean 'go_back'"),
]


@pytest.mark.parametrize(
    ("text", "message"), DIALECT_ERRORS, ids=[t[:40] for t, _ in DIALECT_ERRORS]
)
def test_dialect_errors_are_clear(text, message):
    with pytest.raises(ActionError) as err:
        parse_actions(text)
    assert message in str(err.value)


C13_ERRORS = [
    ({"action_type": "CLIK"}, "unknown computer_13 action_type 'CLIK' (did you mean 'CLICK'"),
    ({"action_type": 3}, "unknown computer_13 action_type 3"),
    ({"action_type": "CLICK", "parameters": {"z": 1}}, "CLICK: unexpected parameter 'z'"),
    ({"action_type": "CLICK", "parameters": "x"}, "'parameters' must be a dict"),
    ({"action_type": "CLICK", "parameters": {"x": "a", "y": 1}}, "x must be a number, got 'a'"),
    ({"action_type": "MOVE_TO", "parameters": {"x": 1}}, "missing required argument 'y'"),
    ({"action_type": "HOTKEY", "parameters": {"keys": []}}, "keys must be a non-empty list"),
    ({"action_type": "SCROLL", "parameters": {"dy": "down"}}, "dy must be a number"),
    ({"action_type": "PRESS", "parameters": {"key": "nope"}}, "unknown key 'nope'"),
]


@pytest.mark.parametrize(("data", "message"), C13_ERRORS, ids=[str(d)[:50] for d, _ in C13_ERRORS])
def test_computer_13_errors(data, message):
    with pytest.raises(ActionError) as err:
        parse_actions(data)
    assert message in str(err.value)


def test_forced_dialects_do_not_mix():
    with pytest.raises(ActionError):
        parse_action("click(1, 2)", dialect="osworld")
    with pytest.raises(ActionError, match="unknown BrowserGym action 'double_click'"):
        parse_action("double_click(1, 2)", dialect="browsergym")
    with pytest.raises(ActionError, match="needs an 'action' key"):
        parse_action({"action_type": "CLICK"}, dialect="guigym")
    with pytest.raises(ActionError):
        parse_action("WAIT", dialect="browsergym")


def test_guigym_meaning_wins_when_both_languages_accept_a_call():
    # press("Enter") is ours; press(bid, key) only BrowserGym's; both agree on click("12")
    assert parse_action('press("Enter")') == Press(keys="Enter")
    assert parse_action('press("12", "Enter")') == Press(keys="Enter", element="12")
    assert parse_action('click("12")') == Click(element="12")


def test_single_dialect_call_expanding_to_several_needs_parse_actions():
    with pytest.raises(ActionError, match="expected one action, got 3"):
        parse_action("pyautogui.dragTo(1, 2)")
