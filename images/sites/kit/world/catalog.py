"""Expands the price list (catalog_data) into concrete products, deterministically.

No randomness here except through the ``rng`` passed in, so a seed gives the same catalog.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from guigym.images.sites.kit.world.catalog_data import CATEGORIES, LINES, VARIANTS

__all__ = ["ProductDraft", "expand_catalog", "describe"]


@dataclass
class ProductDraft:
    """A product before it becomes a row (the seed adds stock, dates and supplier)."""

    sku: str
    name: str
    category: str
    brand: str
    price_cents: int
    specs: dict[str, str] = field(default_factory=dict)


def _price(dollars: int) -> int:
    return max(1, dollars) * 100 - 1  # 1299 -> $1,298.99 ... close to a real price tag


def expand_catalog() -> list[ProductDraft]:
    """All products in a fixed order: category by category, line by line, variant by variant.

    SKUs are the category prefix and a running number from 101: "KB-101", "KB-102", ...
    """
    out: list[ProductDraft] = []
    for slug, (_name, prefix, _desc) in CATEGORIES.items():
        number = 100
        for brand, model, dollars, specs, axis in LINES[slug]:
            variants = VARIANTS[axis] if axis else [("", 0, {})]
            for suffix, extra, spec_update in variants:
                number += 1
                name = f"{brand} {model}" + (f" - {suffix}" if suffix else "")
                out.append(
                    ProductDraft(
                        sku=f"{prefix}-{number}",
                        name=name,
                        category=slug,
                        brand=brand,
                        price_cents=_price(dollars + extra),
                        specs={"Brand": brand, **specs, **spec_update},
                    )
                )
    return out


_OPENERS = {
    "laptops": "A dependable laptop for work, study and travel.",
    "monitors": "A sharp, comfortable display for long days at the desk.",
    "keyboards": "A keyboard built for comfortable, accurate typing.",
    "mice": "A precise mouse that fits your hand and your workflow.",
    "headphones": "Rich, detailed sound wherever you listen.",
    "phones": "A fast, capable smartphone with an excellent camera.",
    "tablets": "A versatile tablet for reading, drawing, streaming and notes.",
    "cameras": "Capture stills and video with confidence.",
    "printers": "Reliable printing for home and small offices.",
    "storage": "Fast, dependable storage for your files, games and backups.",
    "networking": "Stable, fast connections across your home or office.",
    "accessories": "The finishing touch for a tidy, productive setup.",
    "smartwatches": "Track workouts, sleep and notifications from your wrist.",
    "speakers": "Room-filling sound with clear vocals and solid bass.",
}


def describe(draft: ProductDraft, rng: random.Random) -> str:
    """A short marketing description built from the product's own specs."""
    highlights = [f"{k}: {v}" for k, v in draft.specs.items() if k != "Brand"]
    rng.shuffle(highlights)
    lines = ", ".join(highlights[:3])
    warranty = rng.choice(["1-year", "2-year", "1-year limited", "3-year"])
    return (
        f"{_OPENERS[draft.category]} The {draft.name} from {draft.brand} brings {lines}. "
        f"Ships with a {warranty} manufacturer warranty."
    )
