"""WebEnv test helpers with a module name of their own.

Why not in conftest.py: several test folders have a conftest.py, so ``from conftest import ...``
picks whichever was imported first in a full run; this name is unique (and importable by the
AsyncVectorEnv worker processes through PYTHONPATH, which conftest.py sets).
"""

from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"

from stub import kiwi_task  # noqa: E402

ALL_OBS = ("screenshot", "axtree", "dom", "url", "title", "tabs", "subtasks")


def starter():
    """Starts the test site (kit's ``start_site`` with an entry outside ``SITES``)."""
    from guigym.images.sites.instance import start_site

    return functools.partial(start_site, entry="gg_testsite.site:SITE")


def make_env(**kwargs):
    """A WebEnv on the test site with its own provider (site processes)."""
    from guigym.envs.providers import LocalProvider
    from guigym.envs.web import WebEnv

    kwargs.setdefault("task", kiwi_task(files_root=FILES))
    kwargs.setdefault("obs", ALL_OBS)
    return WebEnv(provider=LocalProvider(starter=starter()), **kwargs)
