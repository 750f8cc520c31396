"""The sites: real web applications that agents use, and the kit they share.

``SITES`` maps a site name to the ``"module:attr"`` entry point of its :class:`SiteSpec`;
nothing is imported until :func:`load_site_spec` is called (no work at import time).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from guigym.errors import ConfigError, ServiceError, did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from guigym.images.sites.kit.site import SiteSpec

__all__ = ["SITES", "load_site_spec", "load_entry", "site_names", "check_site_name"]

#: site name -> "module:attr" of its SiteSpec.
SITES: dict[str, str] = {
    "shop": "guigym.images.sites.shop.site:SITE",
    "mail": "guigym.images.sites.mail.site:SITE",
    "code": "guigym.images.sites.code.site:SITE",
    "forum": "guigym.images.sites.forum.site:SITE",
    "wiki": "guigym.images.sites.wiki.site:SITE",
}


def site_names() -> list[str]:
    """Names of the registered sites, sorted."""
    return sorted(SITES)


def check_site_name(name: str) -> str:
    """Return ``name`` if it is a registered site, else raise ConfigError with a hint."""
    if name not in SITES:
        raise ConfigError(
            f"unknown site {name!r}{did_you_mean(name, SITES)}; "
            f"known sites: {', '.join(site_names())}"
        )
    return name


def load_site_spec(name: str) -> SiteSpec:
    """Import and return the SiteSpec registered under ``name``.

    Raises ConfigError for an unknown name and ServiceError when the entry point cannot be
    imported or is not a SiteSpec (a site that is not built yet, or broken).
    """
    return load_entry(SITES[check_site_name(name)], name)


def load_entry(entry: str, name: str | None = None) -> SiteSpec:
    """Import the SiteSpec at ``entry`` ("module:attr"); ServiceError if that fails."""
    from guigym.images.sites.kit.site import SiteSpec

    name = name or entry
    module_name, _, attr = entry.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ServiceError(
            f"site {name!r}: cannot import {module_name!r} ({exc}); is the site built?"
        ) from exc
    except Exception as exc:  # a broken site must not look like a missing one
        raise ServiceError(f"site {name!r}: importing {module_name!r} failed: {exc!r}") from exc
    spec = getattr(module, attr, None)
    if not isinstance(spec, SiteSpec):
        raise ServiceError(
            f"site {name!r}: expected a SiteSpec at {entry!r}, got {type(spec).__name__}"
        )
    return spec
