"""ActionSpace (contains, seeded samples, hints) and action_help (generated from the table)."""

from __future__ import annotations

from collections import Counter

import pytest
from guigym.envs.actions import (
    SPECS,
    ActionSpace,
    action_help,
    format_action,
    parse_action,
)
from gymnasium.spaces import Space

from guigym.errors import ConfigError

IDS = ["e1", "e2", "b-7", "nav_3"]


def _draw(space: ActionSpace, n: int) -> list[str]:
    return [space.sample() for _ in range(n)]


def test_is_a_gymnasium_space_of_strings():
    space = ActionSpace()
    assert isinstance(space, Space)
    assert not space.is_np_flattenable
    assert space.to_jsonable(["click(1, 2)"]) == ["click(1, 2)"]
    assert space.from_jsonable(["click(1, 2)"]) == ["click(1, 2)"]


@pytest.mark.parametrize(
    "value",
    ["click(1, 2)", 'click("e12")', {"action": "done"}, "pyautogui.click(1, 2)", "DONE",
     'fill("a1", "x")', {"action_type": "CLICK", "parameters": {"x": 1, "y": 2}},
     "import pyautogui\npyautogui.dragTo(1, 2)"],
)  # fmt: skip
def test_contains_what_parses(value):
    assert ActionSpace().contains(value)
    assert value in ActionSpace()


@pytest.mark.parametrize(
    "value", ["clik(1, 2)", "", "import os", None, 5, b"click(1, 2)", {"x": 1}, ["click(1, 2)"]]
)
def test_does_not_contain_what_does_not_parse(value):
    assert not ActionSpace().contains(value)


@pytest.mark.parametrize("ids", [[], IDS])
def test_samples_are_canonical_and_parse(ids):
    space = ActionSpace(element_ids=ids, seed=0)
    for text in _draw(space, 500):
        assert space.contains(text)
        assert format_action(parse_action(text)) == text


def test_same_seed_same_samples_different_seed_different_samples():
    first = _draw(ActionSpace(element_ids=IDS, seed=7), 100)
    again = _draw(ActionSpace(element_ids=IDS, seed=7), 100)
    other = _draw(ActionSpace(element_ids=IDS, seed=8), 100)
    assert first == again
    assert first != other
    space = ActionSpace(element_ids=IDS)
    space.seed(7)
    assert _draw(space, 100) == first


def test_hints_bias_samples_to_visible_elements_and_the_screen():
    space = ActionSpace(screen_size=(200, 100), element_ids=IDS, seed=1)
    actions = [parse_action(t) for t in _draw(space, 600)]
    with_element = [a for a in actions if getattr(a, "element", None) is not None]
    assert {a.element for a in with_element} <= set(IDS)
    clicks = [a for a in actions if a.kind == "click"]
    on_elements = [a for a in clicks if a.element is not None]
    assert len(on_elements) > len(clicks) / 2
    for a in actions:
        for name in ("x", "x1", "x2"):
            value = getattr(a, name, None)
            assert value is None or 0 <= value < 200
        for name in ("y", "y1", "y2"):
            value = getattr(a, name, None)
            assert value is None or 0 <= value < 100


def test_without_element_ids_no_element_actions():
    actions = [parse_action(t) for t in _draw(ActionSpace(seed=2), 400)]
    assert all(getattr(a, "element", None) is None for a in actions)
    assert {a.kind for a in actions} >= {"click", "scroll", "type", "press"}


def test_mask_hints_override_for_one_call():
    space = ActionSpace(kinds=["click"], seed=3)
    texts = [space.sample(mask={"element_ids": ["zz9"]}) for _ in range(50)]
    assert 'click("zz9")' in texts
    assert all(getattr(parse_action(space.sample()), "element", None) is None for _ in range(50))


def test_kinds_restrict_sampling_and_cover_every_kind():
    space = ActionSpace(element_ids=IDS, kinds=list(SPECS), seed=4)
    kinds = Counter(parse_action(t).kind for t in _draw(space, 3000))
    assert set(kinds) == set(SPECS)
    only = ActionSpace(kinds=["scroll", "wait"], seed=4)
    assert {parse_action(t).kind for t in _draw(only, 100)} == {"scroll", "wait"}


def test_default_sampling_avoids_ending_the_episode():
    kinds = {parse_action(t).kind for t in _draw(ActionSpace(element_ids=IDS, seed=5), 1000)}
    assert not kinds & {"done", "fail", "answer", "goto", "close_tab"}


def test_bad_configuration_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown action kind 'clik'"):
        ActionSpace(kinds=["clik"])
    with pytest.raises(ConfigError, match="without element ids"):
        ActionSpace(kinds=["fill"]).sample()


def test_help_lists_every_action_from_the_table():
    text = action_help()
    for spec in SPECS.values():
        assert f"  {spec.name}(" in text
        assert spec.doc in text
    assert 'click(x, y, button="left", clicks=1) | click(element, button="left", clicks=1)' in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_help_for_desktop_leaves_out_browser_actions():
    text = action_help(env="desktop")
    assert "goto(" not in text and "switch_tab(" not in text
    assert "click(" in text and "press(" in text


def test_help_can_be_restricted():
    text = action_help(kinds=["click", "done"])
    assert "\n  click(" in text and "\n  done()" in text and "type(" not in text
    assert "button:" in text and "combo:" not in text


def test_help_examples_parse():
    examples = action_help().splitlines()[1].strip().split("   ")
    assert len(examples) >= 4
    for example in examples:
        parse_action(example)
