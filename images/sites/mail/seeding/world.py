"""The mail site's cast beyond world_people: shop service accounts, staff jobs, supplier catalogs.

The shop is Northwind Electronics (the shop site's title); its address appears in invoices.

Products, suppliers (which company supplies which brand), orders and purchase orders come from
the shared world (``kit.world``), the same facts the shop's database holds; this module only
gives the mail's dollar view of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from guigym.images.sites.kit.world import SHOP_NAME, World
from guigym.images.sites.kit.world import STAFF_JOBS as KIT_STAFF_JOBS
from guigym.images.sites.kit.world import Product as WorldProduct

__all__ = [
    "SHOP_NAME",
    "CURRENCY",
    "SERVICE_ACCOUNTS",
    "STAFF_JOBS",
    "as_product",
    "supplier_products",
    "category_products",
    "Product",
    "ServiceAccount",
    "money",
]

CURRENCY = "$"


def money(amount: float) -> str:
    """``$1,234.50``."""
    return f"{CURRENCY}{amount:,.2f}"


@dataclass(frozen=True)
class ServiceAccount:
    """A shared mailbox of the shop team (password "pass-<username>" like everybody)."""

    username: str
    display_name: str
    purpose: str


SERVICE_ACCOUNTS: tuple[ServiceAccount, ...] = (
    ServiceAccount("store", f"{SHOP_NAME}", "the shop's general address (team announcements)"),
    ServiceAccount("orders", f"{SHOP_NAME} Orders", "order confirmations and shipping notices"),
    ServiceAccount("support", f"{SHOP_NAME} Customer Care", "answers customers' questions"),
    ServiceAccount("newsletter", f"{SHOP_NAME} Newsletter", "the weekly newsletter"),
)

#: Jobs given to staff members in world order (the first is the store manager): the kit's one
#: list (``kit.world.staff_roles``), which the wiki and the code tracker show too.
STAFF_JOBS: tuple[str, ...] = tuple(title for title, _department in KIT_STAFF_JOBS)


@dataclass(frozen=True)
class Product:
    """A product as purchasing and the newsletter talk about it (dollars, from the world)."""

    sku: str
    name: str
    unit_cost: float
    retail: float
    stock: int = 0
    reorder_level: int = 0


def as_product(product: WorldProduct) -> Product:
    """The mail's view of a world product (the shop's price and cost, in dollars)."""
    return Product(
        product.sku,
        product.name,
        product.cost_cents / 100,
        product.price_cents / 100,
        product.stock,
        product.reorder_level,
    )


def supplier_products(world: World, company: str) -> tuple[Product, ...]:
    """Every product the world's supplier ``company`` supplies, in sku order."""
    return tuple(as_product(p) for p in world.products if p.supplier == company)


def category_products(world: World, category: str) -> tuple[Product, ...]:
    """In-stock products of a category (slug or name, e.g. "Keyboards"), in sku order."""
    slug = category.lower()
    return tuple(as_product(p) for p in world.products if p.category == slug and p.stock > 0)
