"""The ``human`` agent: a person plays the task in a local page; each input is one action.

``guigym play TASK`` is the usual way in (it also shows the outcome at the end); ``guigym run
--agent human -j 1`` works too and prints the page's URL on stderr. The page shows the live
screenshot, the instruction and the subtask checklist; clicks on the screenshot become
``click(x, y)``, keys become ``type``/``press``, and any action string can be written out.
The trajectory is recorded by the runner like any agent's.
"""

from __future__ import annotations

import sys
import webbrowser
from collections.abc import Mapping
from typing import Any

from guigym.agents.base import Action, TaskInfo
from guigym.agents.human.session import PlaySession

__all__ = ["HumanAgent"]


class HumanAgent:
    """Serves the play page on 127.0.0.1 and waits for the person's actions.

    Args:
        port: the page's port (0 = any free port).
        open_browser: open the page in the default web browser when it starts.
        idle_timeout: seconds to wait for one action before giving up (an agent error).
    """

    def __init__(self, port: int = 0, open_browser: bool = False, idle_timeout: float = 3600.0):
        self.port = int(port)
        self.open_browser = bool(open_browser)
        self.idle_timeout = float(idle_timeout)
        self.session = PlaySession()
        self._server: Any = None
        self._step = 0

    #: the page's element picker and hover highlight need the element boxes
    extra_obs = ("elements",)

    @property
    def url(self) -> str | None:
        """The page's address with its token (None before ``start``)."""
        return self._server.url if self._server is not None else None

    def start(self) -> str:
        """Start serving the page (once); returns its URL."""
        if self._server is None:
            from guigym.agents.human.server import PlayServer

            server = PlayServer(self.session, port=self.port)
            server.start()
            self._server = server
            if self.open_browser:
                webbrowser.open(server.url)
        return self._server.url

    def reset(self, task_info: TaskInfo) -> None:
        """Show the new episode's task (starting the page if nobody did)."""
        if self._server is None:
            url = self.start()
            print(f"guigym: play the episode at {url}", file=sys.stderr, flush=True)  # noqa: T201
        self._step = 0
        self.session.new_episode(task_info)

    def act(self, observation: Mapping[str, Any]) -> Action:
        """Show the observation; block until the person's next action."""
        self.session.publish(observation, self._step)
        action = self.session.next_action(self.idle_timeout)
        self._step += 1
        return action

    def episode_over(self, result: Mapping[str, Any], screenshot: bytes | None = None) -> None:
        """Show the episode's outcome on the page."""
        self.session.finish(result, screenshot)

    def close(self) -> None:
        """Stop serving the page."""
        if self._server is not None:
            self._server.stop()
            self._server = None
