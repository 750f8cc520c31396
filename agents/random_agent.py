"""The ``random`` agent: valid actions at random, biased to clicking elements that are on screen.

A floor for every metric and a smoke test of the whole loop (parsing, executing, verifying).
Sampling goes through ``guigym.envs.actions.ActionSpace`` so every action is one the parser
accepts. It is reseeded per episode from (seed, task, episode seed, start subtask), so an
episode's actions do not depend on which worker ran it or in what order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
from guigym.agents.base import TaskInfo
from guigym.envs.actions import ActionSpace

__all__ = ["RandomAgent"]

_ELEMENT = re.compile(r"^\s*\[(e\d+)\]", re.MULTILINE)


class RandomAgent:
    """Samples actions; ``click_bias`` is the share of steps that click a visible element."""

    def __init__(
        self,
        seed: int = 0,
        click_bias: float = 0.5,
        screen_width: int = 1280,
        screen_height: int = 720,
    ) -> None:
        if not 0.0 <= click_bias <= 1.0:
            from guigym.errors import ConfigError

            raise ConfigError(f"click_bias must be within 0..1, got {click_bias}")
        self.seed = int(seed)
        self.click_bias = float(click_bias)
        self.space = ActionSpace(screen_size=(int(screen_width), int(screen_height)), seed=seed)
        self.rng = np.random.default_rng(seed)

    def reset(self, task_info: TaskInfo) -> None:
        """Reseed from the episode's identity."""
        ident = f"{self.seed}|{task_info.get('task_id')}|{task_info.get('seed')}|"
        ident += str(task_info.get("start_subtask"))
        episode_seed = int.from_bytes(hashlib.sha256(ident.encode()).digest()[:8], "little")
        self.rng = np.random.default_rng(episode_seed)
        self.space.seed(episode_seed)

    def act(self, observation: Mapping[str, Any]) -> str:
        """A click on a listed element (``click_bias`` of the time) or any sampled action."""
        axtree = observation.get("axtree") if isinstance(observation, Mapping) else None
        ids = _ELEMENT.findall(axtree) if isinstance(axtree, str) else []
        if ids and self.rng.random() < self.click_bias:
            return f'click("{ids[int(self.rng.integers(len(ids)))]}")'
        screenshot = observation.get("screenshot") if isinstance(observation, Mapping) else None
        hints: dict[str, Any] = {"element_ids": ids}
        shape = getattr(screenshot, "shape", None)
        if shape is not None and len(shape) == 3:
            hints["screen_size"] = (int(shape[1]), int(shape[0]))
        return self.space.sample(mask=hints)
