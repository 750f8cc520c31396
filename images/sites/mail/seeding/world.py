"""The mail site's cast beyond world_people: shop service accounts, staff jobs, supplier catalogs.

The shop is Northwind Electronics (the shop site's title); its address appears in invoices.

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

SHOP_NAME = "Northwind Electronics"
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


def _line(items: list[tuple[str, str, int]]) -> tuple[Product, ...]:
    """Products from (sku, name, retail cents); suppliers sell at about 62% of retail."""
    return tuple(
        Product(sku, name, round(cents / 100 * 0.62, 2), cents / 100) for sku, name, cents in items
    )


#: (category, products) per supplier company, assigned in sorted company order. SKUs, names and
#: prices are the shop's own catalog entries (tests/images/sites/test_mail_seed.py checks that
#: they exist in guigym.images.sites.shop.catalog with the same name and price), so a product
#: discussed in mail can be looked up in the shop.
PRODUCT_LINES: tuple[tuple[str, tuple[Product, ...]], ...] = (
    (
        "Keyboards",
        _line(
            [
                ("KB-101", "Keychron K2 Pro Wireless Mechanical Keyboard - Red Switches", 9899),
                ("KB-104", "Keychron Q1 Pro QMK Custom Keyboard - Red Switches", 19899),
                ("KB-107", "Keychron V6 Full-Size Mechanical Keyboard - Red Switches", 9399),
            ]
        ),
    ),
    (
        "Mice",
        _line(
            [
                ("MS-101", "Logitech MX Master 3S Wireless Mouse - Black", 9899),
                ("MS-103", "Logitech MX Anywhere 3S Compact Mouse - Black", 7899),
                ("MS-105", "Logitech G502 X Plus Wireless Gaming Mouse - Black", 15899),
            ]
        ),
    ),
    (
        "Monitors",
        _line(
            [
                ("MN-101", 'Dell UltraSharp U2724D 27" QHD', 42899),
                ("MN-102", 'Dell UltraSharp U3224KB 32" 6K', 259899),
                ("MN-103", 'Dell S2422HG 24" Curved Gaming', 17899),
            ]
        ),
    ),
    (
        "Headphones",
        _line(
            [
                ("HP-101", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones - Black", 39899),
                ("HP-104", "Sony WF-1000XM5 Noise Cancelling Earbuds - Black", 29899),
                ("HP-106", "Sony MDR-7506 Studio Monitor Headphones", 9899),
            ]
        ),
    ),
    (
        "Storage",
        _line(
            [
                ("ST-101", "Samsung 990 PRO PCIe 4.0 NVMe M.2 SSD - 1TB", 11899),
                ("ST-104", 'Samsung 870 EVO SATA 2.5" SSD - 1TB', 7899),
                ("ST-107", "Samsung T7 Shield Portable SSD - 1TB", 9899),
            ]
        ),
    ),
    (
        "Networking",
        _line(
            [
                ("NW-101", "TP-Link Archer AX55 AX3000 Wi-Fi 6 Router", 9899),
                ("NW-102", "TP-Link Archer AXE75 AXE5400 Tri-Band Wi-Fi 6E Router", 17899),
                ("NW-103", "TP-Link Deco X20 AX1800 Mesh Wi-Fi System - 1-Pack", 8899),
            ]
        ),
    ),
    (
        "Accessories",
        _line(
            [
                ("AC-101", "Anker 735 Charger (Nano II 65W) 3-Port USB-C", 4899),
                ("AC-102", "Anker PowerCore 10000 Portable Charger - Black", 2399),
                ("AC-104", "Anker USB-C Hub 7-in-1", 3499),
            ]
        ),
    ),
    (
        "Speakers",
        _line(
            [
                ("SP-101", "Sonos Era 100 Smart Speaker - Black", 24899),
                ("SP-103", "Sonos Era 300 Spatial Audio Speaker - Black", 44899),
                ("SP-105", "Sonos Move 2 Portable Speaker - Black", 44899),
            ]
        ),
    ),
    (
        "Printers",
        _line(
            [
                ("PR-101", "HP LaserJet Pro M404dn Monochrome Laser Printer", 36899),
                ("PR-102", "HP Color LaserJet Pro MFP M283fdw", 47899),
                ("PR-103", "HP OfficeJet Pro 9015e All-in-One", 22899),
            ]
        ),
    ),
    (
        "Smartwatches",
        _line(
            [
                ("WT-101", "Apple Watch Series 9 GPS - 41mm", 39899),
                ("WT-103", "Apple Watch SE GPS (2nd generation) - 41mm", 24899),
                ("WT-105", "Apple Watch Ultra 2 49mm Titanium", 79899),
            ]
        ),
    ),
    (
        "Cameras",
        _line(
            [
                ("CM-101", "Sony Alpha a7 IV Full-Frame Mirrorless Camera - Body Only", 249899),
                ("CM-103", "Sony Alpha a6700 APS-C Mirrorless Camera - Body Only", 139899),
                ("CM-105", "Sony ZV-E10 II Vlog Camera - Body Only", 99899),
            ]
        ),
    ),
    (
        "Tablets",
        _line(
            [
                ("TB-101", 'Apple iPad (10th generation) 10.9" - 64GB Wi-Fi', 34899),
                ("TB-104", 'Apple iPad Air 11" M2 - 64GB Wi-Fi', 59899),
                ("TB-107", 'Apple iPad Pro 13" M4 - 64GB Wi-Fi', 129899),
            ]
        ),
    ),
)
