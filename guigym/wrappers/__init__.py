"""Adapters between guigym's envs and standard RL trainers (Stable-Baselines3, RLlib, ...).

guigym's own spaces are what GUI agents need (text observations of any length, an action
language of strings); trainers want fixed shapes. ``TrainerFacade`` gives them: a resized image
and a discrete (or multi-discrete) action set. See this folder's README.md.
"""

from guigym.wrappers.facade import ACTION_GROUPS, TrainerFacade, interactive_elements

__all__ = ["ACTION_GROUPS", "TrainerFacade", "interactive_elements"]
