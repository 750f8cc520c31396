"""Red team, stalling and crashing: fuzzed actions through real envs never raise and never stall.

An agent must not be able to end or wedge an episode with its input (DESIGN §1.5: no reward
"by stalling the env"; §4: bad input is a no-op step with ``last_action_error``). The fuzzer
sends, through ``env.step`` on the real shop in real Chromium (web) and on the real desktop:
the issue's hang (``type("\\nab\\t")`` in a search box), sampled valid actions, actions on the
page's real element ids, every action kind, random and invalid strings, dicts and non-strings,
OSWorld (``pyautogui``, computer_13) and BrowserGym dialect strings, huge strings, odd Unicode,
and navigation outside the sites. Each step must return (no exception escapes) within
``STEP_BOUND_S``.

How many: ``GUIGYM_FUZZ_ACTIONS`` (default 400, the CI sample: 360 web + 40 desktop; the issue's
full run is ``GUIGYM_FUZZ_ACTIONS=10000``: 9,700 web + 300 desktop). ``GUIGYM_FUZZ_SEED``
(default 0) picks the sequence, so a failure replays; ``GUIGYM_FUZZ_REPORT=path.json`` writes the
figures (actions, exceptions, max and median step time, duration). Explicit ``wait(s)`` actions
are drawn with ``s`` < 1 (longer valid waits would be slow steps by request, not stalls).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import statistics
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(0)]

#: DESIGN's bound on one step
STEP_BOUND_S = 10.0
#: a step still running after this is reported as a hang (the alarm breaks it off)
_HANG_S = 60.0
TOTAL = int(os.environ.get("GUIGYM_FUZZ_ACTIONS", "400"))
SEED = int(os.environ.get("GUIGYM_FUZZ_SEED", "0"))
DESKTOP_SHARE = min(300, max(40, TOTAL * 3 // 100))
WEB_SHARE = max(0, TOTAL - DESKTOP_SHARE)

_ID = re.compile(r"\[([a-z]?\d+)\]")

_UNICODE = [
    "\u202e\u202dreversed", "zero\u200bwidth\u200d", "emoji 🧪🛒👩‍👩‍👧",
    "combining e\u0301\u0301\u0301",
    "\x00nul\x00", "\x1b[31mansi", "CJK 中文 日本語 한국어", "RTL مرحبا שלום", "\ufeffbom",
    "\U0010fffd private", "tab\tand\nnewline\r\n", "\\x41 backslash", "'quote\"mix",
    "\ud800 lone surrogate", "𝕗𝕒𝕟𝕔𝕪", "ǅǈǋ titlecase", "\u0085 nel \u2028 ls \u2029 ps",
]  # fmt: skip
_OUTSIDE = [
    "http://example.com/", "https://shop.test/", "file:///etc/passwd", "javascript:alert(1)",
    "JavaScript:alert(1)", "data:text/html,<title>x</title>", "chrome://settings",
    "view-source:http://shop.test/", "about:blank", "http://127.0.0.1:1/", "http://[::1]/",
    "http://shop.test.evil.com/", "http://shop.test@evil.com/", "ftp://shop.test/",
    "http://mail.test/", "//shop.test/", "shop.test", "http://shop.test:9/", "blob:x",
    "http://0x7f000001/", "ws://shop.test/", "http://SHOP.TEST/cart", "http://shop.test/%00",
    "http://shop.test/" + "a" * 5000, "http://shop.test/no-such-page?x=/product/KB-111",
]  # fmt: skip
_DIALECT = [
    "pyautogui.click(100, 200)", "pyautogui.doubleClick(640, 360)", "pyautogui.rightClick()",
    "pyautogui.moveTo(5000, 5000)", "pyautogui.dragTo(300, 400)", "pyautogui.scroll(-5)",
    "pyautogui.typewrite('hello')", "pyautogui.typewrite(['a', 'enter'])", "pyautogui.write('x')",
    "pyautogui.hotkey('ctrl', 'a')", "pyautogui.press('enter', presses=3)",
    "pyautogui.keyDown('shift')",
    "pyautogui.keyUp('shift')", "pyautogui.mouseDown()", "pyautogui.mouseUp()", "WAIT", "DONE",
    "FAIL", "import os; os.system('touch /tmp/pwned')",
    "pyautogui.click(x=1, y=2); pyautogui.press('tab')", "```python\npyautogui.click(10, 10)\n```",
    "time.sleep(100)", "pyautogui.locateOnScreen('x.png')",
    "click('12')", "dblclick('12')", "fill('12', 'abc')", "select_option('12', 'x')", "hover('3')",
    "press('12', 'Enter')", "focus('12')", "clear('12')", "scroll(0, 200)", "noop()", "noop(500)",
    "mouse_move(10, 10)", "mouse_click(10, 10)", "mouse_dblclick(10, 10)", "mouse_down(1, 1)",
    "mouse_up(1, 1)", "keyboard_press('Enter')", "keyboard_type('abc')", "keyboard_down('Shift')",
    "keyboard_up('Shift')", "keyboard_insert_text('x')", "send_msg_to_user('hi')",
    "report_infeasible('no')", "go_back()", "go_forward()", "tab_focus(3)", "new_tab()",
    "tab_close()", "goto('http://example.com')", "upload_file('12', '/etc/passwd')",
    "drag_and_drop('1', '2')", "mouse_drag_and_drop(1, 2, 3, 4)", "mouse_upload_file(1, 1, 'x')",
]  # fmt: skip
_DICTS: list[Any] = [
    {"action_type": "CLICK", "x": 100, "y": 100}, {"action_type": "TYPING", "text": "\nab\t"},
    {"action_type": "PRESS", "key": "enter"}, {"action_type": "HOTKEY", "keys": ["ctrl", "l"]},
    {"action_type": "SCROLL", "dx": 0, "dy": -3}, {"action_type": "MOVE_TO", "x": -1, "y": 1e9},
    {"action_type": "DRAG_TO", "x": 1, "y": 1}, {"action_type": "WAIT"}, {"action_type": "DONE"},
    {"action_type": "FAIL"}, {"action_type": "NOPE"}, {"action": "click", "x": 10, "y": 20},
    {"action": "type", "text": "\nab\t"}, {"action": "goto", "url": "file:///etc/passwd"},
    {"action": "click"}, {"action": "click", "x": "ten"}, {"action": 5}, {}, {"x": 1},
    {"action": "fill", "element": None, "text": 3}, {"action": "press", "keys": "Control+" * 20},
    {"action": "scroll", "dx": float("nan"), "dy": float("inf")}, {"action": {"nested": [1]}},
    {"action": "answer", "text": "x" * 20_000}, {"action": "wait", "seconds": 1e9},
]  # fmt: skip
_NONSTRINGS: list[Any] = [
    None, 0, -1, 3.5, float("nan"), b"click(1, 1)", ["click(1, 1)"], ("type", "x"), {1, 2},
    object(), True, bytearray(b"\xff"), range(3),
]  # fmt: skip
_KINDS = (
    "click double_click right_click hover move drag mouse_down mouse_up scroll type fill clear "
    "press key_down key_up focus select check uncheck upload goto back forward new_tab "
    "switch_tab close_tab wait answer noop"
).split()  # done/fail end the episode: drawn rarely, in _ending
_ARGS = [
    "0", "-1", "10", "639", "99999", "1e308", "float('nan')", "None", "True", "'e1'", "'e99999'",
    "''", "'Enter'", "'Control+Shift+Alt+Meta+a'", "'~/x.txt'", "'../../etc/passwd'",
    "[1, 2]", "{'a': 1}", "'role=button'", "'text=Search'", "'label=Search'", "b'x'", "1j",
    "__import__('os')", "x", "(lambda: 1)()", "'a' * 10", "'\\n'", "'\\t'", "0.5",
]  # fmt: skip


def _ids(obs: dict) -> list[str]:
    return _ID.findall(obs.get("axtree") or "")[:400]


def _search_box(obs: dict) -> str | None:
    for line in (obs.get("axtree") or "").splitlines():
        if "searchbox" in line or "textbox" in line:
            found = _ID.search(line)
            if found:
                return found.group(1)
    return None


@dataclass
class Fuzzer:
    """Draws the next action from the last observation (seeded)."""

    rng: random.Random
    env: Any
    pending: list[Any] = field(default_factory=list)

    def next(self, obs: dict) -> Any:
        if self.pending:
            return self.pending.pop(0)
        draws: list[tuple[float, Callable[[dict], Any]]] = [
            (0.20, self._sampled), (0.18, self._on_element), (0.06, self._type_hang),
            (0.08, self._garbage), (0.10, self._random_call), (0.07, self._dict),
            (0.11, self._dialect), (0.08, self._navigate), (0.03, self._huge),
            (0.04, self._unicode), (0.03, self._nonstring), (0.01, self._ending),
            (0.01, self._wait),
        ]  # fmt: skip
        pick = self.rng.random() * sum(w for w, _ in draws)
        for weight, draw in draws:
            pick -= weight
            if pick <= 0:
                return draw(obs)
        return draws[-1][1](obs)

    def _sampled(self, obs: dict) -> Any:
        self.env.action_space.seed(self.rng.randrange(2**31))
        action = self.env.action_space.sample()
        if isinstance(action, str) and action.startswith(("wait(", "done(", "fail(")):
            return "noop()"
        return action

    def _on_element(self, obs: dict) -> str:
        ids = _ids(obs) or ["e1"]
        el = self.rng.choice(ids)
        text = self.rng.choice(["mouse", "KB-111", "\nab\t", "x" * 50, "", "a\nb\nc", "🛒"])
        return self.rng.choice([
            f"click({el!r})", f"double_click({el!r})", f"right_click({el!r})", f"hover({el!r})",
            f"fill({el!r}, {text!r})", f"clear({el!r})", f"focus({el!r})", f"check({el!r})",
            f"uncheck({el!r})", f"select({el!r}, 'x')", "press('Enter')", f"type({text!r})",
            f"scroll({el!r}, dy=300)", f"upload({el!r}, '~/nothing.txt')",
            f"click({el!r}, button='middle')",
        ])  # fmt: skip

    def _type_hang(self, obs: dict) -> str:
        box = _search_box(obs)
        if box is None:
            self.pending.append('type("\\nab\\t")')
            return "goto('http://shop.test/search?q=')"
        self.pending.append(self.rng.choice(['type("\\nab\\t")', 'type("a\\nb\\nc\\td\\n")']))
        return f"click({box!r})"

    def _garbage(self, obs: dict) -> str:
        alphabet = "click(type'\"\\)(,=[]{}:;#\n\t xyz0123456789.e+-_" + "".join(
            chr(self.rng.randrange(32, 0x2FFF)) for _ in range(8)
        )
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randrange(0, 80)))

    def _random_call(self, obs: dict) -> str:
        name = self.rng.choice([*_KINDS, "eval", "exec", "open", "__import__", "os.system"])
        args = [self.rng.choice(_ARGS) for _ in range(self.rng.randrange(0, 5))]
        if self.rng.random() < 0.3:
            args.append(f"{self.rng.choice(['x', 'y', 'text', 'button', 'foo'])}=1")
        return f"{name}({', '.join(args)})"

    def _dict(self, obs: dict) -> Any:
        return dict(self.rng.choice(_DICTS))

    def _dialect(self, obs: dict) -> str:
        return self.rng.choice(_DIALECT)

    def _navigate(self, obs: dict) -> str:
        url = self.rng.choice(_OUTSIDE + ["http://shop.test/", "http://shop.test/cart"])
        return self.rng.choice([f"goto({url!r})", f"new_tab({url!r})", "back()", "forward()"])

    def _huge(self, obs: dict) -> Any:
        n = self.rng.choice([1_000, 5_000, 10_000, 10_001, 120_000])
        return self.rng.choice([
            f"type({'x' * n!r})", f"fill('e1', {'y' * n!r})", "x" * n, f"answer({'z' * n!r})",
            f"click({'9' * min(n, 5000)}, 1)", "(" * n, "noop();" * (n // 7),
            {"action": "type", "text": "w" * n},
        ])  # fmt: skip

    def _unicode(self, obs: dict) -> Any:
        text = self.rng.choice(_UNICODE)
        return self.rng.choice([
            f"type({text!r})", f"fill({self.rng.choice(_ids(obs) or ['e1'])!r}, {text!r})",
            f"answer({text!r})", f"press({text[:1]!r})", f"goto('http://shop.test/{text}')", text,
            {"action": "type", "text": text},
        ])  # fmt: skip

    def _nonstring(self, obs: dict) -> Any:
        return self.rng.choice(_NONSTRINGS)

    def _ending(self, obs: dict) -> str:
        return self.rng.choice(["done()", "fail('cannot')", "DONE", "FAIL"])

    def _wait(self, obs: dict) -> str:
        return self.rng.choice(["wait(0.2)", "wait(0)", "wait(-5)", "wait(1e9)", "wait('x')"])


@contextlib.contextmanager
def _hang_guard(seconds: float) -> Iterator[None]:
    """Break off a step that never returns, so a hang is counted instead of blocking the run."""

    def alarm(*_: object) -> None:
        raise TimeoutError(f"step still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Figures:
    """What a fuzz run measured."""

    env: str
    actions: int = 0
    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    resets: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        times = sorted(self.times)
        return {
            "env": self.env,
            "seed": SEED,
            "actions": self.actions,
            "exceptions": len(self.failures),
            "steps_over_bound": sum(t > STEP_BOUND_S for t in times),
            "max_step_s": round(times[-1], 3) if times else None,
            "median_step_s": round(statistics.median(times), 3) if times else None,
            "p99_step_s": round(times[int(len(times) * 0.99) - 1], 3) if len(times) > 100 else None,
            "resets": self.resets,
            "duration_s": round(self.seconds, 1),
            "slowest": [f"{t:.2f}s {a}" for t, a in self.slowest],
            "first_failures": self.failures[:10],
        }


def fuzz(env: Any, count: int, name: str, seed: int, reset_options: dict | None = None) -> Figures:
    """Send ``count`` fuzzed actions through ``env.step``; every problem is recorded, not raised."""
    figures = Figures(name)
    rng = random.Random(f"{name}-{seed}")
    fuzzer = Fuzzer(rng, env)
    started = time.monotonic()
    obs, _ = env.reset(seed=seed, options=reset_options)
    figures.resets += 1
    for index in range(count):
        action = fuzzer.next(obs)
        step_started = time.monotonic()
        try:
            with _hang_guard(_HANG_S):
                obs, _, terminated, truncated, _ = env.step(action)
            ended = terminated or truncated
            assert isinstance(obs.get("last_action_error", ""), str)
        except BaseException as exc:  # noqa: BLE001 - every escape is what we count
            if isinstance(exc, KeyboardInterrupt):
                raise
            shown = repr(action)[:200]
            figures.failures.append(
                f"{name} seed={seed} #{index} {shown}: {type(exc).__name__}: {str(exc)[:300]}\n"
                + "".join(traceback.format_exception(exc, limit=-3))[-1200:]
            )
            ended = True
        took = time.monotonic() - step_started
        figures.times.append(took)
        figures.slowest = sorted([*figures.slowest, (took, repr(action)[:100])], reverse=True)[:5]
        figures.actions += 1
        if ended:
            fuzzer.pending.clear()
            obs = _reset(env, figures, seed + index, reset_options, f"{name} seed={seed} #{index}")
        if index % 100 == 99:  # a long run shows its figures as it goes
            figures.seconds = time.monotonic() - started
            _write(figures.summary() | {"partial": True})
    figures.seconds = time.monotonic() - started
    return figures


def _reset(env: Any, figures: Figures, seed: int, options: dict | None, where: str) -> dict:
    """Reset after an episode ended; a reset that fails is recorded (with the service's log
    tail, when there is one) and tried once more."""
    for attempt in range(2):
        try:
            with _hang_guard(_HANG_S * 2):
                obs, _ = env.reset(seed=seed, options=options)
            figures.resets += 1
            return obs
        except Exception as exc:  # noqa: BLE001 - recorded; the second attempt raises
            if attempt:
                raise
            figures.failures.append(
                f"reset after {where}: {type(exc).__name__}: {str(exc)[:300]}{_service_log(env)}"
            )
    raise AssertionError("unreachable")


def _service_log(env: Any) -> str:
    instance = getattr(getattr(env, "provider", None), "instance", None)
    log = Path(getattr(instance, "workdir", "/nonexistent")) / "serve.log"
    try:
        return "\n  serve.log: " + " | ".join(log.read_text(errors="replace").splitlines()[-8:])
    except OSError:
        return ""


def _write(summary: dict[str, Any]) -> None:
    path = os.environ.get("GUIGYM_FUZZ_REPORT")
    if path:
        out = Path(path)
        data = json.loads(out.read_text()) if out.exists() else {}
        data[summary["env"]] = summary
        out.write_text(json.dumps(data, indent=2))


def _report(figures: Figures) -> dict[str, Any]:
    summary = figures.summary()
    print(json.dumps(summary))  # noqa: T201 - the run's figures, shown with -s
    _write(summary)
    return summary


def _assert_clean(figures: Figures) -> None:
    summary = _report(figures)
    assert not figures.failures, "\n\n".join(figures.failures[:5])
    slow = [t for t in figures.times if t > STEP_BOUND_S]
    assert not slow, f"{len(slow)} steps over {STEP_BOUND_S} s (max {max(slow):.1f} s): {summary}"
    assert figures.actions == summary["actions"] > 0


@pytest.mark.browser
def test_fuzzed_actions_on_the_web_env_never_raise_or_stall() -> None:
    from guigym.envs.web import WebEnv

    env = WebEnv(task="demo.product-price", obs=("screenshot", "axtree", "url"), max_steps=60)
    try:
        _assert_clean(fuzz(env, WEB_SHARE, "web", SEED))
    finally:
        env.close()


@pytest.mark.xvfb
def test_fuzzed_actions_on_the_desktop_env_never_raise_or_stall() -> None:
    from guigym.envs.desktop import DesktopEnv

    env = DesktopEnv(task="desktop.edit-config", obs=("screenshot", "axtree"), max_steps=60)
    try:
        _assert_clean(fuzz(env, DESKTOP_SHARE, "desktop", SEED))
    finally:
        env.close()
