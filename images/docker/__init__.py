"""guigym's Docker images and containers: build (with a bootstrapped base), run, prune.

Imports the Docker SDK only when a function needs it. See README.md.
"""

from guigym.images.docker.engine import (
    BASE_IMAGE,
    DESKTOP_IMAGE,
    ENSURE_DOCKERD,
    SITES_IMAGE,
    docker_client,
    engine_available,
    image_exists,
    require_image,
)
from guigym.images.docker.labels import new_instance_id, owner_alive, owner_labels
from guigym.images.docker.prune import PruneReport, leftovers, prune
from guigym.images.docker.sites import SiteContainer, start_site_container

__all__ = [
    "BASE_IMAGE",
    "DESKTOP_IMAGE",
    "ENSURE_DOCKERD",
    "SITES_IMAGE",
    "PruneReport",
    "SiteContainer",
    "docker_client",
    "engine_available",
    "image_exists",
    "leftovers",
    "new_instance_id",
    "owner_alive",
    "owner_labels",
    "prune",
    "require_image",
    "start_site_container",
]
