"""Docker fixtures: an engine (started if needed) and current images (built if needed).

Tests here skip, with the reason shown, only when no Docker engine can be started at all. At the
end of the session nothing labelled ``guigym=1`` may be left in the engine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _ready(kinds: tuple[str, ...]) -> None:
    from guigym.images.docker.testing import docker_ready

    reason = docker_ready(kinds)
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def docker_sites() -> Iterator[None]:
    """The engine and the sites image; afterwards, no labelled leftovers."""
    _ready(("sites",))
    yield
    from guigym.images.docker.testing import labelled_leftovers

    assert labelled_leftovers() == {}, "guigym containers/networks/volumes left behind"


@pytest.fixture(scope="session")
def docker_desktop(docker_sites: None) -> None:
    """The desktop image too."""
    _ready(("sites", "desktop"))
