"""``ActionSpace``: the Gymnasium space of action strings.

``contains`` is "the parser accepts it"; ``sample`` draws a valid canonical action string from the
space's own ``np_random`` (so the same seed gives the same samples), built through the same table
as the parser. Hints (screen size, visible element ids, tab count) bias samples towards useful
actions, so a random agent clicks on real elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from gymnasium.spaces import Space

from guigym.errors import ActionError, ConfigError, did_you_mean

from .parse import parse_actions
from .table import SPECS, build, format_action

__all__ = ["ActionSpace", "DEFAULT_WEIGHTS"]

#: relative frequency of each kind in ``sample()`` when no ``kinds`` are given; terminal and
#: disruptive actions (done, fail, answer, goto, close_tab, held buttons/keys) are left out.
DEFAULT_WEIGHTS: dict[str, float] = {
    "click": 8, "double_click": 1, "right_click": 0.5, "hover": 1, "move": 0.5, "drag": 0.5,
    "scroll": 2, "type": 2, "fill": 2, "clear": 0.5, "press": 2, "focus": 0.5, "select": 0.5,
    "check": 0.5, "uncheck": 0.5, "back": 0.3, "forward": 0.1, "new_tab": 0.1,
    "switch_tab": 0.2, "wait": 0.2, "noop": 0.2,
}  # fmt: skip
_WORDS = ("hello", "test", "order", "42", "Alice", "shop", "search", "blue", "2026", "ok")
_KEYS = ("Enter", "Tab", "Escape", "Backspace", "ArrowDown", "ArrowUp", "PageDown", "Control+a",
         "Shift+Tab", "a", "Space")  # fmt: skip


class ActionSpace(Space[str]):
    """Action strings in the guigym language (and anything else ``parse_actions`` accepts).

    Args:
        screen_size: (width, height) in pixels, bounds for sampled coordinates.
        element_ids: ids currently visible (the env may update ``element_ids`` every step).
        kinds: restrict sampling to these action names (uniformly); default ``DEFAULT_WEIGHTS``.
        tab_count: number of open tabs, bounds ``switch_tab`` samples.
        seed: seeds ``np_random``.
    """

    def __init__(
        self,
        screen_size: tuple[int, int] = (1280, 720),
        element_ids: Sequence[str] = (),
        kinds: Iterable[str] | None = None,
        tab_count: int = 1,
        seed: int | np.random.Generator | None = None,
    ) -> None:
        self.screen_size = (int(screen_size[0]), int(screen_size[1]))
        self.element_ids = list(element_ids)
        self.tab_count = tab_count
        #: whether something has keyboard focus (None: unknown); ``type`` is sampled only then
        self.focused: bool | None = None
        #: the env's live hints (``{"element_ids", "focused", ...}``), read at each sample()
        self.hint_source: Callable[[], Mapping[str, Any]] | None = None
        if kinds is None:
            self.weights = dict(DEFAULT_WEIGHTS)
        else:
            self.weights = {}
            for kind in kinds:
                if kind not in SPECS:
                    raise ConfigError(f"unknown action kind {kind!r}{did_you_mean(kind, SPECS)}")
                self.weights[kind] = 1.0
        super().__init__(shape=None, dtype=None, seed=seed)

    @property
    def is_np_flattenable(self) -> bool:
        """Strings cannot be flattened into an array."""
        return False

    def contains(self, x: Any) -> bool:
        """True iff ``x`` parses (a string, a dict, or a typed action)."""
        try:
            parse_actions(x)
        except ActionError:
            return False
        return True

    def sample(self, mask: Mapping[str, Any] | None = None, probability: Any = None) -> str:
        """A random valid canonical action string.

        ``mask`` may be a dict of hints overriding the space's for this call:
        ``{"element_ids": [...], "screen_size": (w, h), "tab_count": n, "focused": bool}``.
        An env sets ``hint_source`` so samples use the current page's element ids, and
        ``type`` is drawn only while something has focus (``focused`` False leaves it out).
        """
        if probability is not None:
            raise ConfigError("ActionSpace.sample() does not take probability")
        live = self.hint_source() if self.hint_source is not None else {}
        hints = {**live, **dict(mask or {})}
        ids = list(hints.get("element_ids", self.element_ids))
        width, height = hints.get("screen_size", self.screen_size)
        tabs = int(hints.get("tab_count", self.tab_count))
        focused = hints.get("focused", self.focused)
        rng = self.np_random
        kinds = [
            k for k in self.weights
            if self._possible(k, ids) and (k != "type" or focused is not False)
        ]  # fmt: skip
        if not kinds:
            raise ConfigError("no action kind can be sampled without element ids")
        weights = np.array([self.weights[k] for k in kinds], dtype=float)
        kind = kinds[int(rng.choice(len(kinds), p=weights / weights.sum()))]
        values = self._values(kind, ids, int(width), int(height), max(tabs, 1))
        return format_action(build(kind, (), values))

    @staticmethod
    def _possible(kind: str, ids: Sequence[str]) -> bool:
        needs_element = any(p.vtype == "element" and p.required for p in SPECS[kind].params)
        return bool(ids) or not needs_element

    def _values(self, kind: str, ids: Sequence[str], width: int, height: int, tabs: int) -> dict:
        rng = self.np_random
        spec = SPECS[kind]
        values: dict[str, Any] = {}
        use_element = spec.cls.addressing == "either" and bool(ids) and rng.random() < 0.8
        for param in spec.params:
            name = param.name
            if param.vtype == "coord":
                if use_element or (not param.required and not (spec.cls.needs_target or param.pos)):
                    continue
                if name in ("y", "y1", "y2"):
                    values[name] = int(rng.integers(0, height))
                else:
                    values[name] = int(rng.integers(0, width))
            elif param.vtype == "element":
                if param.required or use_element:
                    values[name] = str(ids[int(rng.integers(len(ids)))])
            elif param.required or param.pos or rng.random() < 0.15:
                values[name] = self._value(param.vtype, name, tabs)
        if kind == "scroll" and values.get("dy") == 0 and values.get("dx") == 0:
            values["dy"] = 300
        return values

    def _value(self, vtype: str, name: str, tabs: int) -> Any:
        rng = self.np_random
        pick = lambda seq: seq[int(rng.integers(len(seq)))]  # noqa: E731
        if vtype == "delta":
            return int(rng.integers(-5, 6)) * 100 if name == "dy" else pick((0, 0, 0, -200, 200))
        if vtype == "button":
            return pick(("left", "left", "left", "right", "middle"))
        if vtype == "clicks":
            return pick((1, 1, 2))
        if vtype in ("text", "option"):
            return " ".join(pick(_WORDS) for _ in range(int(rng.integers(1, 4))))
        if vtype == "combo":
            return pick(_KEYS)
        if vtype == "key":
            return pick(("Shift", "Control", "a"))
        if vtype == "index":
            return int(rng.integers(tabs))
        if vtype == "seconds":
            return pick((0.5, 1.0))
        if vtype == "url":
            return "about:blank"
        if vtype == "path":
            return "~/upload.txt"
        if vtype == "subtask":
            return "answer-1"
        raise ConfigError(f"cannot sample a value of type {vtype!r}")

    def __getstate__(self) -> dict:
        """Pickles and deep copies leave the env's live hints behind (they hold the env)."""
        state = dict(self.__dict__)
        state["hint_source"] = None
        return state

    def __deepcopy__(self, memo: dict) -> ActionSpace:
        import copy

        out = ActionSpace.__new__(ActionSpace)
        out.__dict__.update(copy.deepcopy(self.__getstate__(), memo))
        return out

    def to_jsonable(self, sample_n: Sequence[str]) -> list[str]:
        """Strings are already JSON."""
        return list(sample_n)

    def from_jsonable(self, sample_n: Sequence[str]) -> list[str]:
        """Strings are already JSON."""
        return list(sample_n)

    def __repr__(self) -> str:
        """Readable summary."""
        return f"ActionSpace(screen_size={self.screen_size}, elements={len(self.element_ids)})"

    def __eq__(self, other: object) -> bool:
        """Same sampling configuration."""
        return (
            isinstance(other, ActionSpace)
            and other.screen_size == self.screen_size
            and other.weights == self.weights
        )

    __hash__ = None  # type: ignore[assignment]
