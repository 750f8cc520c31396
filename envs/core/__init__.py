"""The episode core shared by WebEnv and DesktopEnv (start reading at episode.py)."""

from guigym.envs.core.episode import EpisodeCore
from guigym.envs.core.spaces import ALWAYS_KEYS, OBS_KEYS, UnicodeText, observation_space
from guigym.envs.core.task import EpisodeTask, SubtaskInfo
from guigym.envs.core.timing import Timings

__all__ = [
    "ALWAYS_KEYS",
    "OBS_KEYS",
    "EpisodeCore",
    "EpisodeTask",
    "SubtaskInfo",
    "Timings",
    "UnicodeText",
    "observation_space",
]
