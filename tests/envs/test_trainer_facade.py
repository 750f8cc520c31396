"""guigym.wrappers.TrainerFacade on a real demo task: fixed shapes a standard trainer accepts."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import guigym  # noqa: F401 - registers the ids
from guigym.errors import ConfigError
from guigym.wrappers import TrainerFacade, interactive_elements

REPO = Path(__file__).resolve().parents[2]
TREE = """[e1] link "Home" href="/"
  [e2] textbox "Search" value="" focused
  text "Prices"
  [e3] button "Add to cart"
  [e4] heading "Mice" level=2
"""


def test_interactive_elements_keep_actionable_roles_in_order():
    assert interactive_elements(TREE) == [
        ("e1", "link", "Home"),
        ("e2", "textbox", "Search"),
        ("e3", "button", "Add to cart"),
    ]


def _facade(**kw):
    import gymnasium as gym

    env = gym.make("guigym/demo.product-price-v0", max_steps=kw.pop("max_steps", 20))
    return TrainerFacade(env, **kw)


def test_the_facade_refuses_an_env_without_screenshots():
    import gymnasium as gym

    env = gym.make("guigym/demo.product-price-v0", obs=("url",))
    with pytest.raises(ConfigError, match="missing screenshot, axtree"):
        TrainerFacade(env)
    env.close()


@pytest.mark.browser
def test_sb3_check_env_passes_and_actions_map_to_the_page():
    from stable_baselines3.common.env_checker import check_env

    env = _facade(image_shape=(64, 96), grid=(4, 3), max_elements=8)
    try:
        check_env(env, warn=True, skip_render_check=True)
        obs, _ = env.reset(seed=0)
        assert obs.shape == (64, 96, 3) and obs.dtype == np.uint8
        assert env.action_space.n == 1 + 12 + 8 + 6 + 8 + 1
        assert env.to_action_string(1) == "click(160, 120)"  # centre of the first 320x240 cell
        eid = env._elements[0][0]
        _, _, _, _, info = env.step(1 + 12)  # click the first interactive element
        assert info["action_string"] == f"click({eid!r})"
        assert env.to_action_string(env.action_space.n - 1) == "done()"
        masks = env.action_masks()
        assert masks.shape == (env.action_space.n,)
        assert masks.sum() == env.action_space.n - 2 * (8 - len(env._elements))
    finally:
        env.close()


@pytest.mark.browser
def test_multi_discrete_pairs_are_always_valid():
    env = _facade(action_type="multi_discrete", max_elements=4)
    try:
        env.reset(seed=1)
        assert list(env.action_space.nvec) == [6, 48]
        assert env.to_action_string([5, 40]) == "done()"
        assert env.to_action_string([3, 7]) == "press('Tab')"  # 7 % 6 keys
    finally:
        env.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_readme_sb3_example_runs_ppo_for_a_few_hundred_steps():
    """The README shows examples/sb3_ppo.py verbatim; it runs as written (256 PPO steps)."""
    import subprocess
    import sys

    import guigym.wrappers.examples as examples

    example = Path(examples.__file__).with_name("sb3_ppo.py")
    code = example.read_text(encoding="utf-8")
    body = code[code.index("import sys") :]
    assert body in (REPO / "README.md").read_text(encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "guigym.wrappers.examples.sb3_ppo", "256"],
        capture_output=True, text=True, timeout=540,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"total_timesteps\s*\|\s*256\b", run.stdout), run.stdout[-2000:]
