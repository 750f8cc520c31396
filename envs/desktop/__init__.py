"""DesktopEnv: a Gymnasium env on a virtual desktop with real apps (start at env.py)."""

from guigym.envs.desktop.env import DESKTOP_OBS_KEYS, DesktopEnv

__all__ = ["DesktopEnv", "DESKTOP_OBS_KEYS"]
