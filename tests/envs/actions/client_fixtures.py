"""Real clients' action strings, copied from those projects' own prompt and action docs.

Each entry: (source, action, expected). ``expected`` is "run" (the step parses it and performs
every action it holds) or "refused: <words the refusal must contain>" (naming the unsupported
feature). Sources:

- BrowserGym: ``ServiceNow/BrowserGym``
  ``browsergym/core/src/browsergym/core/action/functions.py`` (each action's ``Examples:``
  docstring, which ``highlevel.py``'s ``HighLevelActionSet.describe()`` puts into the prompt),
  and ``highlevel.py``'s multi-action rule ("One or several actions, separated by new lines").
- OSWorld: ``xlang-ai/OSWorld`` ``mm_agents/prompts.py`` (read from the fork
  ``pkueecszc/OSWorld`` at be0b628): the pyautogui code prompts (``time.sleep(0.5);``
  between lines, the special codes ``WAIT``/``FAIL``/``DONE``, the set-of-marks example with
  ``tag_N`` names), and the computer_13 ``ACTION_SPACE`` (the same table as
  ``desktop_env/actions.py``) with the prompt's own example dicts.
"""

from __future__ import annotations

BG = "ServiceNow/BrowserGym browsergym/core/src/browsergym/core/action/functions.py"
BG_HL = "ServiceNow/BrowserGym browsergym/core/src/browsergym/core/action/highlevel.py"
OSW = "xlang-ai/OSWorld mm_agents/prompts.py"
OSW_SPACE = "xlang-ai/OSWorld mm_agents/prompts.py ACTION_SPACE (= desktop_env/actions.py)"

#: BrowserGym high-level action examples, verbatim.
BROWSERGYM: list[tuple[str, str, str]] = [
    (BG, 'send_msg_to_user("Based on the results of my search, the city was built in 1751.")',
     "run"),
    (BG, 'report_infeasible("I cannot follow these instructions because there is no email field'
         ' in this form.")', "run"),
    (BG, "noop()", "run"),
    (BG, "noop(500)", "run"),
    (BG, "fill('237', 'example value')", "run"),
    (BG, "fill('45', \"multi-line\\nexample\")", "run"),
    (BG, "fill('a12', \"example with \\\"quotes\\\"\")", "run"),
    (BG, "check('55')", "run"),
    (BG, "uncheck('a5289')", "run"),
    (BG, "select_option('a48', \"blue\")", "run"),
    (BG, "select_option('c48', [\"red\", \"green\", \"blue\"])", "run"),
    (BG, "click('a51')", "run"),
    (BG, "click('b22', button=\"right\")", "run"),
    (BG, "click('48', button=\"middle\", modifiers=[\"Shift\"])", "run"),
    (BG, "dblclick('12')", "run"),
    (BG, "dblclick('ca42', button=\"right\")", "run"),
    (BG, "dblclick('178', button=\"middle\", modifiers=[\"Shift\"])", "run"),
    (BG, "hover('b8')", "run"),
    (BG, "press('88', 'Backspace')", "run"),
    (BG, "press('a26', 'Control+a')", "run"),
    (BG, "press('a61', 'Meta+Shift+t')", "run"),
    (BG, "focus('b455')", "run"),
    (BG, "clear('996')", "run"),
    (BG, "drag_and_drop('56', '498')", "run"),
    (BG, "scroll(0, 200)", "run"),
    (BG, "scroll(-50.2, -100.5)", "run"),
    (BG, "mouse_move(65.2, 158.5)", "run"),
    (BG, "mouse_up(250, 120)", "run"),
    (BG, "mouse_up(47, 252, 'right')", "run"),
    (BG, "mouse_down(140.2, 580.1)", "run"),
    (BG, "mouse_down(458, 254.5, 'middle')", "run"),
    (BG, "mouse_click(887.2, 68)", "run"),
    (BG, "mouse_click(56, 712.56, 'right')", "run"),
    (BG, "mouse_dblclick(5, 236)", "run"),
    (BG, "mouse_dblclick(87.5, 354, 'right')", "run"),
    (BG, "mouse_drag_and_drop(10.7, 325, 235.6, 24.54)", "run"),
    (BG, "keyboard_press('Backspace')", "run"),
    (BG, "keyboard_press('Control+a')", "run"),
    (BG, "keyboard_press('Meta+Shift+t')", "run"),
    (BG, 'page.keyboard.press("PageDown")', "refused: page.keyboard.press"),
    (BG, "keyboard_up('Shift')", "run"),
    (BG, "keyboard_up('c')", "run"),
    (BG, "keyboard_type('Hello world!')", "run"),
    (BG, "keyboard_insert_text('Hello world!')", "run"),
    (BG, "goto('http://www.example.com')", "run"),
    (BG, "go_back()", "run"),
    (BG, "go_forward()", "run"),
    (BG, "new_tab()", "run"),
    (BG, "tab_close()", "run"),
    (BG, "tab_focus(2)", "run"),
    (BG, 'upload_file("572", "my_receipt.pdf")', "run"),
    (BG, 'upload_file("63", ["/home/bob/Documents/image.jpg", "/home/bob/Documents/file.zip"])',
     "run"),
    (BG, 'mouse_upload_file(132.1, 547, "my_receipt.pdf")', "refused: mouse_upload_file"),
    (BG, 'mouse_upload_file(328, 812, ["/home/bob/Documents/image.jpg", '
         '"/home/bob/Documents/file.zip"])', "refused: mouse_upload_file"),
    # HighLevelActionSet(multiaction=True): "One or several actions, separated by new lines."
    (BG_HL, "fill('237', 'example value')\nclick('a51')\nkeyboard_press('Enter')", "run"),
]  # fmt: skip

#: OSWorld pyautogui code (action_space="pyautogui") and its special codes, as the prompts ask.
OSWORLD_PYAUTOGUI: list[tuple[str, str, str]] = [
    (OSW, "WAIT", "run"),
    (OSW, "FAIL", "run"),
    (OSW, "DONE", "run"),
    # "When predicting multiple lines of code, make some small sleep like `time.sleep(0.5);`"
    (OSW, "pyautogui.click(640, 360); time.sleep(0.5); pyautogui.typewrite('hello')", "run"),
    (OSW, "import pyautogui\nimport time\npyautogui.moveTo(300, 200)\ntime.sleep(0.5)\n"
          "pyautogui.dragTo(600, 400, button='left')", "run"),
    (OSW, "pyautogui.hotkey('ctrl', 's'); time.sleep(0.5);", "run"),
    (OSW, "pyautogui.press('down', presses=3)", "run"),
    (OSW, "pyautogui.typewrite(['a', 'b', 'enter'])", "run"),
    (OSW, "pyautogui.scroll(-5)", "run"),
    # the set-of-marks prompt: "You can replace x, y in the code with the tag of the element"
    (OSW, "pyautogui.moveTo(tag_3)\npyautogui.click(tag_2)\npyautogui.dragTo(tag_1, "
          "button='left')", "refused: tag_3"),
]  # fmt: skip

#: OSWorld computer_13 dicts: one per ACTION_SPACE entry, plus the prompt's own example dicts.
OSWORLD_COMPUTER13: list[tuple[str, dict, str]] = [
    (OSW_SPACE, {"action_type": "MOVE_TO", "x": 300, "y": 200}, "run"),
    (OSW_SPACE, {"action_type": "CLICK", "button": "left", "x": 640, "y": 360, "num_clicks": 1},
     "run"),
    (OSW_SPACE, {"action_type": "CLICK", "x": 640, "y": 360, "num_clicks": 3}, "run"),
    (OSW_SPACE, {"action_type": "MOUSE_DOWN", "button": "left"}, "run"),
    (OSW_SPACE, {"action_type": "MOUSE_UP", "button": "left"}, "run"),
    (OSW_SPACE, {"action_type": "RIGHT_CLICK", "x": 640, "y": 360}, "run"),
    (OSW_SPACE, {"action_type": "DOUBLE_CLICK", "x": 640, "y": 360}, "run"),
    (OSW_SPACE, {"action_type": "DRAG_TO", "x": 600, "y": 400}, "run"),
    (OSW_SPACE, {"action_type": "SCROLL", "dx": 0, "dy": -3}, "run"),
    (OSW_SPACE, {"action_type": "TYPING", "text": "hello world"}, "run"),
    (OSW_SPACE, {"action_type": "PRESS", "key": "enter"}, "run"),
    (OSW_SPACE, {"action_type": "KEY_DOWN", "key": "shift"}, "run"),
    (OSW_SPACE, {"action_type": "KEY_UP", "key": "shift"}, "run"),
    (OSW_SPACE, {"action_type": "HOTKEY", "keys": ["ctrl", "a"]}, "run"),
    (OSW_SPACE, {"action_type": "WAIT"}, "run"),
    (OSW_SPACE, {"action_type": "FAIL"}, "run"),
    (OSW_SPACE, {"action_type": "DONE"}, "run"),
    # the prompt's format examples name types that are not in its own ACTION_SPACE
    (OSW, {"action_type": "MOUSE_MOVE", "x": 1319.11, "y": 65.06}, "refused: MOUSE_MOVE"),
    (OSW, {"action_type": "CLICK", "click_type": "LEFT"}, "refused: click_type"),
    (OSW, {"action_type": "KEY", "key": "ctrl+c"}, "refused: KEY"),
    (OSW, {"action_type": "TYPE", "text": "hello world"}, "refused: TYPE"),
]  # fmt: skip
