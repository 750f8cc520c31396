"""guigym.agents: the Agent protocol, the registry by name and the baseline agents."""

from guigym.agents.base import Action, Agent, TaskInfo
from guigym.agents.registry import AGENTS, agent_class, list_agents, make_agent, register_agent

__all__ = [
    "Agent",
    "Action",
    "TaskInfo",
    "AGENTS",
    "agent_class",
    "list_agents",
    "make_agent",
    "register_agent",
]
