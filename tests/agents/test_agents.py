"""Agents without an env: the registry, the random agent's actions, the oracle's thread bridge."""

from __future__ import annotations

import threading

import pytest
from guigym.agents import Agent, list_agents, make_agent
from guigym.agents.oracle import BridgeActor, _Bridge
from guigym.envs.actions import parse_action

from guigym.errors import AgentError, ConfigError

AXTREE = '[e1] button "Add to cart"\n  [e7] link "Home"\n  [e12] textbox "Search"'


def test_registry_names_and_did_you_mean() -> None:
    assert {"random", "oracle"} <= set(list_agents())
    with pytest.raises(ConfigError, match="did you mean 'oracle'"):
        make_agent("oracel")
    with pytest.raises(ConfigError, match="has no option 'sed'.*did you mean 'seed'"):
        make_agent("random", sed=1)
    with pytest.raises(ConfigError, match="cannot import"):
        make_agent("no.such.module:Agent")
    agent = make_agent("guigym.agents.random_agent:RandomAgent", seed=2)
    assert isinstance(agent, Agent)


def test_random_agent_actions_parse_and_are_seeded() -> None:
    info = {"task_id": "demo.x", "seed": 0, "start_subtask": 0}
    agent = make_agent("random", seed=5)
    agent.reset(info)
    first = [agent.act({"axtree": AXTREE}) for _ in range(60)]
    for action in first:
        parse_action(action)  # raises if the agent produced something invalid
    clicks = [a for a in first if a.startswith("click(") and '"e' in a]
    assert len(clicks) >= 20  # biased to clicks on listed elements
    assert all(any(f'"{e}"' in a for e in ("e1", "e7", "e12")) for a in clicks)
    agent.reset(info)
    assert [agent.act({"axtree": AXTREE}) for _ in range(60)] == first  # same episode, same run
    agent.reset({**info, "seed": 1})
    assert [agent.act({"axtree": AXTREE}) for _ in range(60)] != first
    agent.reset(info)
    for _ in range(20):
        parse_action(agent.act({}))  # no axtree: coordinates and keys only


def _actor(bridge: _Bridge) -> BridgeActor:
    return BridgeActor(bridge, params={"qty": 2}, facts={"sku": "KB-1"}, sites={}, observation={})


def test_oracle_bridge_turns_a_solution_function_into_steps() -> None:
    seen: list[object] = []
    threads: list[str] = []

    def solution(actor: BridgeActor) -> None:
        threads.append(threading.current_thread().name)
        seen.append(actor.click("e5")["url"])
        seen.append(actor.fill("e9", str(actor.params["qty"]))["url"])
        actor.answer(actor.facts["sku"])

    bridge = _Bridge(solution, _actor, timeout=10)
    actions = []
    for step in range(10):
        action = bridge.next_action({"url": f"http://shop.test/{step}"})
        if action is None:
            break
        actions.append(action)
    assert actions == [
        "click('e5')",
        "fill('e9', '2')",
        "answer('KB-1')",
    ]
    for action in actions:
        parse_action(action)
    assert seen == ["http://shop.test/1", "http://shop.test/2"]  # each do() got the next obs
    assert threads == ["oracle-solution"]


def test_oracle_bridge_reports_a_broken_solution_as_agent_error() -> None:
    def solution(actor: BridgeActor) -> None:
        actor.goto("http://shop.test/")
        raise KeyError("missing fact")

    bridge = _Bridge(solution, _actor, timeout=10)
    assert bridge.next_action({}) == "goto('http://shop.test/')"
    with pytest.raises(AgentError, match="KeyError"):
        bridge.next_action({})


def test_oracle_bridge_unwinds_a_solution_left_waiting() -> None:
    done = threading.Event()

    def solution(actor: BridgeActor) -> None:
        try:
            actor.press("Enter")
            actor.press("Enter")
        finally:
            done.set()

    bridge = _Bridge(solution, _actor, timeout=10)
    assert bridge.next_action({}) == "press('Enter')"
    bridge.stop()  # the episode ended while the solution waits for its observation
    assert done.wait(5)


def test_oracle_needs_the_env() -> None:
    agent = make_agent("oracle")
    with pytest.raises(AgentError, match="privileged"):
        agent.reset({"task_id": "demo.x", "seed": 0, "start_subtask": 0})
