"""The ``human`` agent: a person plays a task in a local page (start at ``agent.py``)."""

from guigym.agents.human.agent import HumanAgent
from guigym.agents.human.session import PlaySession

__all__ = ["HumanAgent", "PlaySession"]
