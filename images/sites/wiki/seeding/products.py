# ruff: noqa: E501  (Markdown page text reads better unwrapped)
"""Product Docs: a page per product line (variants with SKUs and prices), per category.

Built from ``catalog_facts`` (the shop's catalogue, copied); support notes come from small
per-category templates with the seed's RNG, so the same seed gives the same pages.
"""

from __future__ import annotations

import random

from .catalog_facts import CATEGORIES, PRODUCTS
from .pagedef import PageDef

__all__ = ["product_pages", "product_lines"]

_NOTES: dict[str, tuple[str, ...]] = {
    "laptops": (
        "Update the BIOS before reinstalling the operating system.",
        "Battery calibration: charge to 100%, run down to 5%, charge again.",
        "Keep the original charger; third-party chargers under 65 W charge slowly.",
    ),
    "monitors": (
        "Use the DisplayPort cable in the box for the highest refresh rate.",
        "Dead-pixel policy: 3 or more bright pixels count as defective.",
        "Turn on the overdrive setting only for games.",
    ),
    "keyboards": (
        "Hold Fn + J + Z for 5 seconds to reset the keyboard.",
        "Switch between Mac and Windows layouts with the switch on the back.",
        "Hot-swappable switches: pull them straight up with the included tool.",
    ),
    "mice": (
        "Pair a second computer with the Easy-Switch button.",
        "Clean the sensor with a dry cotton swab.",
        "The receiver is stored inside the battery compartment.",
    ),
    "headphones": (
        "Opened headphones can be returned only if defective (hygiene rule).",
        "Reset: hold the power and noise-cancelling buttons for 7 seconds.",
        "Update the firmware from the manufacturer's app before a repair.",
    ),
    "phones": (
        "Phones are sold unlocked and work with all US carriers.",
        "Transfer data with the manufacturer's migration app.",
        "Check IMEI on the box matches the phone before shipping.",
    ),
    "tablets": (
        "Cellular models need a nano-SIM or eSIM.",
        "Pencils and keyboards are sold separately.",
        "Restart: hold the top button and volume up.",
    ),
    "cameras": (
        "Body-only and kit-lens variants have different SKUs.",
        "Format new memory cards in the camera.",
        "Firmware updates are installed from a memory card.",
    ),
    "printers": (
        "Toner and ink are not stocked by us; point customers to the manufacturer.",
        "Wi-Fi setup: hold the wireless button for 3 seconds.",
        "Paper jams: open the rear door before pulling paper.",
    ),
    "storage": (
        "Drives are formatted exFAT out of the box.",
        "Data recovery is never covered by the warranty.",
        "Use the short USB-C cable in the box for full speed.",
    ),
    "networking": (
        "Reset: hold the reset button for 10 seconds.",
        "Admin page: 192.168.0.1, password on the sticker.",
        "Mesh units must run the same firmware version.",
    ),
    "accessories": (
        "Check the wattage the customer's laptop needs before recommending a charger.",
        "Cables over 2 m do not carry 100 W.",
        "Hubs need the laptop's USB-C port to support video for HDMI output.",
    ),
    "smartwatches": (
        "Pairing needs the phone's companion app.",
        "Bands are interchangeable within the same case size.",
        "Water resistance does not cover hot water or saunas.",
    ),
    "speakers": (
        "Stereo pairs need two speakers of the same model.",
        "Reset: hold the play button while plugging in power.",
        "Multi-room needs the manufacturer's app.",
    ),
}


def product_lines() -> list[tuple[str, str, str, list[tuple]]]:
    """(category slug, brand, line title, products) per product line, in catalogue order.

    A line is the products sharing a name before their variant suffix (" - Red Switches").
    """
    lines: dict[tuple[str, str], list[tuple]] = {}
    for product in PRODUCTS:
        sku, name, category, brand, _price, _specs = product
        base = name.split(" - ")[0]
        lines.setdefault((category, base), []).append(product)
    return [(cat, items[0][3], base, items) for (cat, base), items in lines.items()]


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def product_pages(rng: random.Random, authors: list[str]) -> list[PageDef]:
    """The Product Docs space: home, one page per category, one per product line."""
    lines = product_lines()
    pages = [
        PageDef(
            "PROD",
            "Product Docs Home",
            "# Product Docs\n\nOne page per product line, with "
            "every SKU we sell. Prices are the shop's regular prices.\n\n| category | SKU "
            "prefix | lines |\n|---|---|---|\n"
            + "".join(
                f"| [[{name}]] | `{prefix}-` | {sum(1 for line in lines if line[0] == slug)} |\n"
                for slug, (name, prefix, _d) in CATEGORIES.items()
            ),
            ("products", "index"),
            home=True,
            author=authors[0],
        ),
    ]
    for slug, (name, prefix, desc) in CATEGORIES.items():
        mine = [line for line in lines if line[0] == slug]
        pages.append(
            PageDef(
                "PROD",
                name,
                f"# {name}\n\n{desc}\n\nSKUs start with `{prefix}-`."
                "\n\n| product line | brand | SKUs | from |\n|---|---|---|---|\n"
                + "".join(
                    f"| [[{title}]] | {brand} | "
                    f"{', '.join(p[0] for p in items)} | "
                    f"{_money(min(p[4] for p in items))} |\n"
                    for _c, brand, title, items in mine
                ),
                ("products", "category", slug),
                "Product Docs Home",
                authors[0],
            )
        )
    for slug, brand, title, items in lines:
        cat_name = CATEGORIES[slug][0]
        specs = items[0][5]
        variant_rows = "".join(
            f"| `{sku}` | {name.split(' - ', 1)[1] if ' - ' in name else 'standard'} | "
            f"{_money(price)} |\n"
            for sku, name, _c, _b, price, _s in items
        )
        shared = {k: v for k, v in specs.items() if all(p[5].get(k) == v for p in items)}
        spec_rows = "".join(f"| {k} | {v} |\n" for k, v in shared.items())
        notes = list(_NOTES[slug])
        rng.shuffle(notes)
        siblings = [t for c, _b, t, _i in lines if c == slug and t != title]
        related = rng.sample(siblings, min(2, len(siblings)))
        body = f"""# {title}

**{brand}** · {cat_name} · {len(items)} SKU{"s" if len(items) != 1 else ""}

## Variants
| SKU | variant | price |
|---|---|---|
{variant_rows}
## Specifications
| spec | value |
|---|---|
{spec_rows}
## Support notes
{"".join(f"- {n}{chr(10)}" for n in notes[:2])}
## Returns
Returns within 30 days of delivery ([[CS:Refund Policy]]).{" Opened units only if defective." if slug == "headphones" else ""}
Reorder rules: [[PUR:Supplier Reorder Rules]].

## Related
{"".join(f"- [[{t}]]{chr(10)}" for t in related)}"""
        pages.append(
            PageDef(
                "PROD",
                title,
                body,
                ("product", slug, brand.lower().replace(" ", "-")),
                cat_name,
                rng.choice(authors),
            )
        )
    return pages
