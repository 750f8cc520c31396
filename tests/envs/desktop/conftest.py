"""One real DesktopEnv (Xvfb desktop, real apps) shared by the tests of this folder."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def desktop_env():
    """A DesktopEnv on the desktop.meeting-notes task; closed at the end of the session."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    from guigym.envs.desktop import DesktopEnv

    env = DesktopEnv(
        task="desktop.meeting-notes",
        obs=("screenshot", "axtree", "windows", "subtasks"),
        render_mode="rgb_array",
    )
    try:
        yield env
    finally:
        env.close()
