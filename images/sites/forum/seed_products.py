"""Data for the shop-related communities: Northwind Electronics products (from the kit's world
catalogue, as the shop sells them), coupon codes, and the engineering team's projects (the
repositories of the code tracker)."""

from __future__ import annotations

from guigym.images.sites.kit.world import world_catalog

__all__ = ["PRODUCTS", "COUPONS", "PROJECTS", "ENG_GROUP"]

#: SKUs the customers talk about; names and prices come from the kit's world catalogue (the
#: shop sells exactly these), so the forum never drifts from the shop.
_SKUS: tuple[str, ...] = (
    "AC-101",
    "AC-104",
    "AC-107",
    "AC-109",
    "CM-101",
    "CM-105",
    "CM-109",
    "HP-101",
    "HP-104",
    "HP-106",
    "HP-107",
    "HP-109",
    "KB-101",
    "KB-104",
    "KB-107",
    "LT-101",
    "LT-103",
    "LT-107",
    "MN-101",
    "MN-103",
    "MN-105",
    "MN-107",
    "MS-101",
    "MS-105",
    "MS-109",
    "NW-102",
    "NW-104",
    "NW-106",
    "NW-109",
    "PH-101",
    "PH-104",
    "PR-102",
    "PR-105",
    "PR-107",
    "SP-101",
    "SP-103",
    "SP-105",
    "SP-109",
    "ST-101",
    "ST-107",
    "TB-104",
    "TB-107",
    "WT-101",
    "WT-105",
    "WT-106",
)


def _products() -> list[tuple[str, str, str]]:
    catalog = {p.sku: p for p in world_catalog()}
    return [(sku, catalog[sku].name, f"{catalog[sku].price_cents / 100:,.2f}") for sku in _SKUS]


#: (sku, name, price in dollars like "1,648.99") as the shop lists them.
PRODUCTS: list[tuple[str, str, str]] = _products()

#: Coupon codes the shop really has.
COUPONS = ["WELCOME10", "SAVE20", "SPRING15", "AUDIO25"]

#: The engineering projects, as in the code tracker (``group/path``): path -> summary.
ENG_GROUP = "northwind"
PROJECTS: dict[str, str] = {
    "web-shop": "the customer-facing web store (storefront/web-shop)",
    "checkout": "the checkout flow: addresses, shipping, coupons and payment (storefront/checkout)",
    "product-images": "resizing and serving product photos (storefront/product-images)",
    "inventory-service": "stock levels, reservations and restocks (platform/inventory-service)",
    "order-api": "orders, invoices and shipment tracking (platform/order-api)",
    "mail-gateway": "transactional e-mail and the newsletter (platform/mail-gateway)",
    "search-indexer": "the product search index (platform/search-indexer)",
    "stocktake-cli": "warehouse stocktakes and stock corrections (internal-tools/stocktake-cli)",
    "returns-dashboard": "customer care's returns and refunds dashboard "
    "(internal-tools/returns-dashboard)",
    "supplier-sync": "purchase orders to suppliers and price lists (internal-tools/supplier-sync)",
    "runbooks": "release, incident, refund and access procedures (docs/runbooks)",
    "ui-kit": "shared CSS components and icons (libs/ui-kit)",
}
