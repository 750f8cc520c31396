"""Agents by name: string ``"module:Class"`` entry points (never lambdas), so specs serialise.

``make_agent("random", seed=3)`` imports the class on demand. A name containing ``:`` is taken as
an entry point itself, so a user's own agent runs with ``guigym run --agent mypkg.mod:MyAgent``.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from guigym.agents.base import Agent

from guigym.errors import ConfigError, did_you_mean

__all__ = ["AGENTS", "register_agent", "agent_class", "make_agent", "list_agents"]

AGENTS: dict[str, str] = {
    "random": "guigym.agents.random_agent:RandomAgent",
    "oracle": "guigym.agents.oracle:OracleAgent",
    "llm": "guigym.agents.llm:LLMAgent",
    "human": "guigym.agents.human:HumanAgent",
}


def register_agent(name: str, entry_point: str) -> None:
    """Add (or replace) a named agent; ``entry_point`` is ``"package.module:Class"``."""
    if ":" not in entry_point:
        raise ConfigError(f"agent entry point must be 'module:Class', got {entry_point!r}")
    AGENTS[name] = entry_point


def list_agents() -> list[str]:
    """The registered agent names, sorted."""
    return sorted(AGENTS)


def agent_class(name: str) -> type:
    """Resolve a registered name or a ``module:Class`` entry point to the class."""
    entry = AGENTS.get(name)
    if entry is None:
        if ":" not in name:
            raise ConfigError(f"unknown agent {name!r}{did_you_mean(name, AGENTS)}")
        entry = name
    module_name, _, attr = entry.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"agent {name!r}: cannot import {module_name} ({exc})") from None
    cls = getattr(module, attr, None)
    if cls is None:
        raise ConfigError(f"agent {name!r}: {module_name} has no {attr!r}")
    return cls


def make_agent(name: str, **kwargs: Any) -> Agent:
    """Build the agent ``name`` with ``kwargs`` (from ``--agent-arg k=v``); ConfigError if bad."""
    cls = agent_class(name)
    try:
        inspect.signature(cls).bind(**kwargs)
    except TypeError as exc:
        params = [p for p in inspect.signature(cls).parameters if p not in ("self", "kwargs")]
        unknown = [k for k in kwargs if k not in params]
        hint = did_you_mean(unknown[0], params) if unknown else ""
        what = f"has no option {unknown[0]!r}{hint}" if unknown else f"cannot be built: {exc}"
        raise ConfigError(
            f"agent {name!r} {what}; it takes: {', '.join(params) or 'no options'}"
        ) from None
    agent = cls(**kwargs)
    if not isinstance(agent, Agent):
        raise ConfigError(f"agent {name!r} has no reset(task_info)/act(observation) methods")
    return agent
