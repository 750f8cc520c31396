"""guigym.envs."""
