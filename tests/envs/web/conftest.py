"""Fixtures for WebEnv tests: the test site (a real kit site process) and shared envs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The site subprocess imports the test site package from here.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(HERE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from webenv_testing import make_env  # noqa: E402


@pytest.fixture(scope="session")
def web_env():
    """One WebEnv shared by the fast browser tests (each test resets it)."""
    env = make_env()
    yield env
    env.close()
