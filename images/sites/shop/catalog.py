"""The product generator now lives in the shared world (``kit.world.catalog``); re-exported."""

from guigym.images.sites.kit.world.catalog import ProductDraft, describe, expand_catalog

__all__ = ["ProductDraft", "expand_catalog", "describe"]
