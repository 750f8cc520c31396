"""Providers start, reset and stop the services one env instance uses (see README.md)."""

from guigym.envs.providers.local import LocalProvider, free_port, known_sites

__all__ = ["LocalProvider", "free_port", "known_sites", "make_provider"]


def make_provider(name: str = "local", **kwargs) -> LocalProvider:
    """The provider called ``name``: "local" (processes here) or "docker" (containers)."""
    from guigym.errors import ConfigError, did_you_mean

    if name == "local":
        return LocalProvider(**kwargs)
    if name == "docker":
        from guigym.envs.providers.docker import DockerProvider

        return DockerProvider(**kwargs)
    raise ConfigError(f"unknown provider {name!r}{did_you_mean(name, ['local', 'docker'])}")
