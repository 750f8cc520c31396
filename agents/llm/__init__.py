"""The ``llm`` agent: an OpenAI-compatible chat model plays the task (start at ``agent.py``)."""

from guigym.agents.llm.agent import LLMAgent
from guigym.agents.llm.client import ChatClient, ChatReply
from guigym.agents.llm.reply import ReplyError, extract_action

__all__ = ["LLMAgent", "ChatClient", "ChatReply", "ReplyError", "extract_action"]
