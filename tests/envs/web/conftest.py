"""Fixtures for WebEnv tests: the test site (a real kit site process) and shared envs."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
# The site subprocess imports the test site package from here.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(HERE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

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


@pytest.fixture(scope="session")
def web_env():
    """One WebEnv shared by the fast browser tests (each test resets it)."""
    env = make_env()
    yield env
    env.close()
