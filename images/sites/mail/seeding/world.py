"""The mail site's cast beyond world_people: shop service accounts, staff jobs, supplier catalogs.

Supplier companies come from the shared world (``Person.company``); each company is given one
product line here (by sorted company name, so it is stable), and the purchasing threads talk
about those products with SKUs, quantities and unit costs.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SHOP_NAME",
    "CURRENCY",
    "SERVICE_ACCOUNTS",
    "STAFF_JOBS",
    "PRODUCT_LINES",
    "Product",
    "ServiceAccount",
    "money",
]

SHOP_NAME = "Harbor & Pine"
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

#: Jobs given to staff members in world order (the first is the store manager).
STAFF_JOBS: tuple[str, ...] = (
    "Store Manager",
    "Purchasing Lead",
    "Customer Care Lead",
    "Warehouse & Logistics",
    "Marketing",
    "Customer Care",
    "Warehouse Assistant",
    "Bookkeeping",
)


@dataclass(frozen=True)
class Product:
    """A product as purchasing talks about it."""

    sku: str
    name: str
    unit_cost: float
    retail: float


def _line(prefix: str, items: list[tuple[str, float, float]]) -> tuple[Product, ...]:
    return tuple(
        Product(f"{prefix}-{900 + 7 * i}", name, cost, retail)
        for i, (name, cost, retail) in enumerate(items)
    )


#: (category, products) per supplier company, assigned in sorted company order. The shop sells
#: electronics; these are the supplier-side items purchasing orders (numbers from 900 up, so
#: they never clash with the shop's own catalog SKUs, which start at 101).
PRODUCT_LINES: tuple[tuple[str, tuple[Product, ...]], ...] = (
    (
        "Keyboards",
        _line(
            "KB",
            [
                ("Keychron K8 Pro Wireless Mechanical Keyboard", 61.00, 109.99),
                ("Logitech MX Keys S", 58.50, 109.99),
                ("Microsoft Ergonomic Keyboard", 29.00, 59.99),
            ],
        ),
    ),
    (
        "Mice",
        _line(
            "MS",
            [
                ("Logitech MX Master 3S", 52.00, 99.99),
                ("Razer DeathAdder V3", 39.00, 89.99),
                ("Logitech M720 Triathlon", 21.00, 49.99),
            ],
        ),
    ),
    (
        "Monitors",
        _line(
            "MN",
            [
                ('Dell UltraSharp U2724D 27"', 289.00, 479.99),
                ('LG 27GP850-B 27" Gaming Monitor', 236.00, 399.99),
                ('ASUS ProArt PA248QV 24"', 141.00, 249.99),
            ],
        ),
    ),
    (
        "Headphones",
        _line(
            "HP",
            [
                ("Sony WH-1000XM5", 231.00, 399.99),
                ("Bose QuietComfort Ultra Earbuds", 168.00, 299.99),
                ("Sennheiser HD 560S", 109.00, 199.99),
            ],
        ),
    ),
    (
        "Storage",
        _line(
            "ST",
            [
                ("Samsung 990 PRO 2TB NVMe SSD", 104.00, 179.99),
                ("WD Red Plus 8TB NAS Hard Drive", 121.00, 199.99),
                ("SanDisk Extreme 256GB microSD", 14.00, 29.99),
            ],
        ),
    ),
    (
        "Networking",
        _line(
            "NW",
            [
                ("TP-Link Deco XE75 Mesh (3-Pack)", 201.00, 349.99),
                ("Netgear GS308 8-Port Switch", 13.00, 24.99),
                ("Cat 6 Ethernet Cable 25 ft", 4.10, 12.99),
            ],
        ),
    ),
    (
        "Accessories",
        _line(
            "AC",
            [
                ("Anker 735 65W GaN Charger", 28.00, 59.99),
                ("CalDigit TS4 Thunderbolt Dock", 219.00, 399.99),
                ("Logitech Brio 4K Webcam", 109.00, 199.99),
            ],
        ),
    ),
    (
        "Speakers",
        _line(
            "SP",
            [
                ("JBL Flip 6", 69.00, 129.99),
                ("Sonos Era 100", 141.00, 249.99),
                ("Audioengine A2+ Desktop Speakers", 141.00, 269.99),
            ],
        ),
    ),
    (
        "Printers",
        _line(
            "PR",
            [
                ("Brother HL-L2350DW Laser Printer", 79.00, 139.99),
                ("HP OfficeJet Pro 9015e", 121.00, 229.99),
                ("Brother TN-760 Toner Cartridge", 38.00, 74.99),
            ],
        ),
    ),
    (
        "Smartwatches",
        _line(
            "WT",
            [
                ("Garmin Venu 3", 261.00, 449.99),
                ("Fitbit Charge 6", 79.00, 159.99),
                ("Amazfit GTR 4", 97.00, 199.99),
            ],
        ),
    ),
    (
        "Cameras",
        _line(
            "CM",
            [
                ("GoPro HERO12 Black", 231.00, 399.99),
                ("Sony ZV-1 II Vlog Camera", 461.00, 799.99),
                ("Peak Design Camera Strap", 31.00, 59.99),
            ],
        ),
    ),
    (
        "Tablets",
        _line(
            "TB",
            [
                ('Samsung Galaxy Tab S9 FE 10.9"', 241.00, 449.99),
                ('Lenovo Tab P12 12.7"', 199.00, 349.99),
                ("ESR Magnetic Tablet Case", 9.00, 24.99),
            ],
        ),
    ),
)
