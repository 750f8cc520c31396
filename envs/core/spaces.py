"""Observation spaces: Gymnasium's own Box and a Text that accepts "" and any Unicode.

Why a Text subclass: Gymnasium's ``Text`` checks every character against a finite charset, but
page text is arbitrary Unicode; ``UnicodeText`` keeps Text's shape (so vector envs and wrappers
treat it as text) and only widens ``contains`` to every string up to ``max_length``.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

import numpy as np
from gymnasium import spaces
from gymnasium.vector.utils import create_shared_memory

from guigym.errors import ConfigError, did_you_mean

__all__ = ["UnicodeText", "OBS_KEYS", "ALWAYS_KEYS", "observation_space", "check_obs_keys"]

#: Every observation key an env may offer (web: all; desktop: no dom/url/title/tabs and no
#: set-of-marks keys ``screenshot_som``/``elements``).
OBS_KEYS = (
    "screenshot", "axtree", "dom", "url", "title", "tabs", "instruction", "subtasks",
    "last_action_error", "screenshot_som", "elements",
)  # fmt: skip
#: Keys whose value is an image (uint8 H x W x 3).
IMAGE_KEYS = ("screenshot", "screenshot_som")
#: Keys present in every observation: they cost nothing and agents need them.
ALWAYS_KEYS = ("instruction", "last_action_error")

_MAX_TEXT = 10_000_000
_SAMPLE_CHARSET = string.ascii_letters + string.digits + " .,:;-_()[]\"'\n" + "äéßø中文😀"


class UnicodeText(spaces.Text):
    """A Text space containing every ``str`` (including "") up to ``max_length`` characters."""

    def __init__(self, max_length: int = _MAX_TEXT, seed: int | None = None) -> None:
        super().__init__(max_length=max_length, min_length=0, charset=_SAMPLE_CHARSET, seed=seed)

    def contains(self, x: object) -> bool:
        """Any string not longer than ``max_length``; no charset restriction."""
        return isinstance(x, str) and len(x) <= self.max_length

    def sample(self, mask=None, probability=None) -> str:  # noqa: D102 - short samples
        length = int(self.np_random.integers(0, 65))
        chars = self.np_random.choice(list(_SAMPLE_CHARSET), size=length)
        return "".join(chars)

    def __repr__(self) -> str:
        return f"UnicodeText(max_length={self.max_length})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnicodeText) and other.max_length == self.max_length


def check_obs_keys(keys: Sequence[str], offered: Sequence[str]) -> tuple[str, ...]:
    """Validate requested keys against what the env offers; add the always-present ones."""
    if isinstance(keys, str):
        keys = (keys,)
    out: list[str] = []
    for key in keys:
        if key not in offered:
            raise ConfigError(
                f"unknown observation key {key!r}{did_you_mean(key, offered)}; "
                f"choose from {', '.join(offered)}"
            )
        if key not in out:
            out.append(key)
    for key in ALWAYS_KEYS:
        if key not in out:
            out.append(key)
    return tuple(out)


def observation_space(keys: Sequence[str], viewport: tuple[int, int]) -> spaces.Dict:
    """A Dict of exactly ``keys``: screenshot as uint8 Box(H, W, 3), all others as UnicodeText."""
    width, height = viewport
    parts: dict[str, spaces.Space] = {}
    for key in keys:
        if key in IMAGE_KEYS:
            parts[key] = spaces.Box(0, 255, (height, width, 3), dtype=np.uint8)
        else:
            parts[key] = UnicodeText()
    return spaces.Dict(parts)


def _no_shared_memory(space: spaces.Space, n: int = 1, ctx: object = None) -> None:
    raise ConfigError(
        "guigym's text observations (UnicodeText: axtree, url, instruction, ...) have no fixed"
        " size, so they cannot live in shared memory: pass shared_memory=False to"
        " gym.vector.AsyncVectorEnv (or observe through guigym.wrappers' fixed-shape facade)"
    )


# AsyncVectorEnv(shared_memory=True) asks this for every subspace; Gymnasium's Text handler
# failed with KeyError('?') on our charset.
create_shared_memory.register(UnicodeText)(_no_shared_memory)
