"""The assortment now lives in the shared world (``kit.world.catalog_data``); re-exported here."""

from guigym.images.sites.kit.world.catalog_data import CATEGORIES, LINES, VARIANTS, Line

__all__ = ["CATEGORIES", "LINES", "Line", "VARIANTS"]
