"""guigym: Gymnasium environments for GUI agents.

Importing ``guigym`` registers the environments with Gymnasium (``guigym/Web-v0`` and one id per
task). Everything else is imported on demand so ``import guigym`` stays cheap.
"""

from guigym._version import __version__
from guigym.errors import GuigymError

__all__ = ["__version__", "GuigymError"]


def _register_envs() -> None:
    """Register guigym's env ids with Gymnasium, if the envs layer is present."""
    try:
        from guigym.envs.registration import register_all
    except ImportError:  # the envs layer is not built yet
        return
    register_all()


_register_envs()
