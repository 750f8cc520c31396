"""One real desktop (Xvfb, xfwm4, panel, AT-SPI, control server) shared by this folder's tests."""

from __future__ import annotations

import shutil

import pytest

needs_x = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


@pytest.fixture(scope="session")
def desktop():
    """A running desktop instance; every test leaves it reset to the clean home."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    from guigym.images.desktop.client import start_desktop

    inst = start_desktop()
    try:
        yield inst
    finally:
        inst.stop()


@pytest.fixture
def clean(desktop):
    """The desktop's client, with apps closed and the home restored before and after."""
    desktop.client.reset()
    yield desktop.client
    desktop.client.reset()
