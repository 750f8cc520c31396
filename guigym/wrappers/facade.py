"""``TrainerFacade``: a fixed-shape view of a guigym env for standard RL libraries.

Why: SB3's ``check_env`` and policies, RLlib's encoders and most trainers need Box/Discrete
spaces; guigym's observation holds unbounded text and its actions are strings. The facade
keeps the real env underneath (rewards, termination, ``info`` pass through unchanged) and maps:

- observation: the screenshot resized to ``image_shape`` (H, W), uint8 H x W x 3;
- action: an index into a table of action groups, in this order (``ACTION_GROUPS``):
  ``noop``; ``click_cell`` (the centre of each cell of a ``grid`` over the viewport);
  ``click_element`` (the k-th interactive element of the current axtree); ``press`` (each key
  of ``keys``); ``answer_element`` (answer with the k-th interactive element's name; only with
  ``answer=True``); ``done``.

With ``action_type="multi_discrete"`` the action is ``[group, index]`` instead (the index is
taken modulo the group's size, so every pair is valid). An element index beyond the page's
elements is a no-op step; ``info["facade_error"]`` says so (``action_masks()`` tells which
indices address something, for maskable algorithms).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from guigym.errors import ConfigError

__all__ = ["ACTION_GROUPS", "TrainerFacade", "interactive_elements"]

ACTION_GROUPS = ("noop", "click_cell", "click_element", "press", "answer_element", "done")
#: roles a policy can usefully act on (web roles and the desktop's AT-SPI role names)
INTERACTIVE_ROLES = frozenset(
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "listbox",
        "option", "menuitem", "tab", "switch", "slider", "spinbutton",
        "push button", "toggle button", "check box", "radio button", "text", "entry",
        "menu item", "combo box", "page tab", "list item", "table cell",
    }
)  # fmt: skip
_LINE = re.compile(r'^\s*\[(e\d+)\]\s+([a-z][a-z ]*?)(?:\s+"((?:[^"\\]|\\.)*)")?(?:\s|$)', re.M)
_DEFAULT_KEYS = ("Enter", "Tab", "Escape", "Backspace", "PageDown", "PageUp")


def interactive_elements(axtree: str) -> list[tuple[str, str, str]]:
    """(id, role, name) of the axtree's interactive elements, in document order."""
    out = []
    for eid, role, name in _LINE.findall(axtree or ""):
        if role.strip() in INTERACTIVE_ROLES:
            out.append((eid, role.strip(), name.replace('\\"', '"')))
    return out


class TrainerFacade(gym.Wrapper):
    """A guigym env with a Box image observation and a (multi-)discrete action space.

    Args:
        env: a guigym env (``gym.make("guigym/...")``) observing at least ``screenshot`` and
            ``axtree`` (``obs=("screenshot", "axtree")``, the default).
        image_shape: (height, width) of the observed image.
        grid: (columns, rows) of click cells over the viewport.
        max_elements: how many interactive elements ``click_element`` can address.
        keys: keys the ``press`` group can press (Playwright names).
        answer: include the ``answer_element`` group.
        action_type: "discrete" (one index) or "multi_discrete" (``[group, index]``).
    """

    def __init__(
        self,
        env: gym.Env,
        image_shape: tuple[int, int] = (84, 84),
        grid: tuple[int, int] = (8, 6),
        max_elements: int = 32,
        keys: Sequence[str] = _DEFAULT_KEYS,
        answer: bool = True,
        action_type: str = "discrete",
    ) -> None:
        super().__init__(env)
        keys_there = getattr(env.unwrapped, "obs_keys", ())
        missing = [k for k in ("screenshot", "axtree") if k not in keys_there]
        if missing:
            raise ConfigError(
                f"TrainerFacade needs the env to observe screenshot and axtree; missing "
                f"{', '.join(missing)} (make it with obs=('screenshot', 'axtree'))"
            )
        if action_type not in ("discrete", "multi_discrete"):
            raise ConfigError(
                f"action_type must be 'discrete' or 'multi_discrete', got {action_type!r}"
            )
        h, w = (int(image_shape[0]), int(image_shape[1]))
        if h < 1 or w < 1:
            raise ConfigError(f"image_shape must be positive (height, width), got {image_shape}")
        self.image_shape = (h, w)
        self.grid = (int(grid[0]), int(grid[1]))
        self.max_elements = int(max_elements)
        self.keys = tuple(keys)
        self.sizes = {
            "noop": 1,
            "click_cell": self.grid[0] * self.grid[1],
            "click_element": self.max_elements,
            "press": len(self.keys),
            "answer_element": self.max_elements if answer else 0,
            "done": 1,
        }
        self.groups = [g for g in ACTION_GROUPS if self.sizes[g] > 0]
        self.action_type = action_type
        if action_type == "discrete":
            self.action_space = spaces.Discrete(sum(self.sizes[g] for g in self.groups))
        else:
            self.action_space = spaces.MultiDiscrete(
                [len(self.groups), max(self.sizes[g] for g in self.groups)]
            )
        self.observation_space = spaces.Box(0, 255, (h, w, 3), dtype=np.uint8)
        self._elements: list[tuple[str, str, str]] = []
        self.viewport = tuple(getattr(env.unwrapped, "viewport", (1280, 720)))

    # -- mapping ---------------------------------------------------------------------------------
    def decode(self, action: Any) -> tuple[str, int]:
        """(group, index within the group) of a facade action."""
        if self.action_type == "multi_discrete":
            arr = np.asarray(action).reshape(-1)
            group = self.groups[int(arr[0]) % len(self.groups)]
            return group, int(arr[1]) % self.sizes[group]
        k = int(np.asarray(action).reshape(()))
        if not 0 <= k < self.action_space.n:
            raise ConfigError(f"action must be in 0..{self.action_space.n - 1}, got {k}")
        for group in self.groups:
            if k < self.sizes[group]:
                return group, k
            k -= self.sizes[group]
        raise AssertionError("unreachable")

    def to_action_string(self, action: Any) -> str:
        """The guigym action string a facade action stands for on the current page."""
        group, i = self.decode(action)
        if group == "noop":
            return "noop()"
        if group == "done":
            return "done()"
        if group == "click_cell":
            cols, rows = self.grid
            width, height = self.viewport
            x = int((i % cols + 0.5) * width / cols)
            y = int((i // cols + 0.5) * height / rows)
            return f"click({x}, {y})"
        if group == "press":
            return f"press({self.keys[i]!r})"
        if i >= len(self._elements):
            return "noop()"  # nothing there on this page; step() says so in info
        eid, _role, name = self._elements[i]
        if group == "click_element":
            return f"click({eid!r})"
        return f"answer({name!r})"

    def _observe(self, obs: dict) -> np.ndarray:
        from PIL import Image

        self._elements = interactive_elements(obs.get("axtree", ""))[: self.max_elements]
        shot = obs["screenshot"]
        h, w = self.image_shape
        if shot.shape[:2] == (h, w):
            return np.ascontiguousarray(shot, dtype=np.uint8)
        img = Image.fromarray(shot).resize((w, h), Image.BILINEAR)
        return np.asarray(img, dtype=np.uint8)

    # -- Gymnasium API ---------------------------------------------------------------------------
    def reset(self, *, seed: int | None = None, options: dict | None = None):
        obs, info = self.env.reset(seed=seed, options=options)
        return self._observe(obs), info

    def step(self, action: Any):
        text = self.to_action_string(action)
        obs, reward, terminated, truncated, info = self.env.step(text)
        info = dict(info)
        info["action_string"] = text
        group, i = self.decode(action)
        if group in ("click_element", "answer_element") and i >= len(self._elements):
            info["facade_error"] = (
                f"{group} {i}: the page has {len(self._elements)} interactive elements"
            )
        return self._observe(obs), reward, terminated, truncated, info

    def action_masks(self) -> np.ndarray:
        """Which discrete actions address something on this page (for maskable PPO)."""
        if self.action_type != "discrete":
            raise ConfigError("action_masks() is for action_type='discrete'")
        out = []
        for group in self.groups:
            n = self.sizes[group]
            if group in ("click_element", "answer_element"):
                out.extend(j < len(self._elements) for j in range(n))
            else:
                out.extend([True] * n)
        return np.array(out, dtype=bool)
