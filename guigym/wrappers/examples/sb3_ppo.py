"""PPO (Stable-Baselines3) on a guigym task through the fixed-shape facade.

Run: ``python -m guigym.wrappers.examples.sb3_ppo [total_timesteps]``.
"""

import sys

import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.env_checker import check_env

import guigym  # noqa: F401 - registers the env ids
from guigym.wrappers import TrainerFacade

env = TrainerFacade(
    gym.make("guigym/Web-v0", suite="demo", obs=("screenshot", "axtree"), max_steps=32),
    image_shape=(48, 64),  # (height, width) of the observed image
    grid=(4, 3),  # click cells over the viewport
    max_elements=8,  # click / answer the first 8 interactive elements of the page
)
check_env(env)
model = PPO("CnnPolicy", env, n_steps=64, batch_size=32, n_epochs=1, seed=0, verbose=1)
model.learn(total_timesteps=int(sys.argv[1]) if len(sys.argv) > 1 else 256)
env.close()
