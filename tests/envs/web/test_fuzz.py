"""Property: no action string, however odd, makes step() raise."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_NAMES = (
    "click fill type select scroll goto press check upload new_tab switch_tab close_tab drag"
    " hover key_down wait back"
).split()
_ARGS = st.one_of(
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["'e1'", "'e5'", "'e999'", "'http://gymtest.test/list'", "'~/report.txt'"]),
)


@st.composite
def action_strings(draw) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=60))
    name = draw(st.sampled_from(_NAMES))
    args = draw(st.lists(_ARGS, max_size=4))
    text = [a if isinstance(a, str) and a.startswith("'") else repr(a) for a in args]
    return f"{name}({', '.join(text)})"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(actions=st.lists(action_strings(), min_size=1, max_size=4))
def test_random_actions_never_raise_out_of_step(web_env, actions):
    web_env.reset(seed=0)
    for action in actions:
        obs, reward, terminated, truncated, info = web_env.step(action)
        assert isinstance(obs["last_action_error"], str)
        assert web_env.observation_space.contains(obs)
        if terminated or truncated:
            break


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**31 - 1))
def test_sampled_actions_are_valid_and_never_raise(web_env, seed):
    web_env.reset(seed=0)
    web_env.action_space.seed(seed)
    action = web_env.action_space.sample()
    obs, *_ = web_env.step(action)
    assert "not a valid action" not in obs["last_action_error"]
