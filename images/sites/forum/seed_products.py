"""Data for the shop-related communities: Northwind Electronics products (names and SKUs as in
the shop's catalogue, copied here because a site may import only the kit), coupon codes, and
the engineering team's projects (the repositories of the code tracker)."""

from __future__ import annotations

__all__ = ["PRODUCTS", "COUPONS", "PROJECTS", "ENG_GROUP"]

#: (sku, name, price in dollars) from the shop's catalogue (seed independent).
PRODUCTS: list[tuple[str, str, str]] = [
    ("AC-101", "Anker 735 Charger (Nano II 65W) 3-Port USB-C", "48.99"),
    ("AC-104", "Anker USB-C Hub 7-in-1", "34.99"),
    ("AC-107", "Belkin BoostCharge Pro 3-in-1 MagSafe Charging Stand - Black", "128.99"),
    ("AC-109", "Belkin Connect Thunderbolt 4 Dock Core", "198.99"),
    ("CM-101", "Sony Alpha a7 IV Full-Frame Mirrorless Camera - Body Only", "2,498.99"),
    ("CM-105", "Sony ZV-E10 II Vlog Camera - Body Only", "998.99"),
    ("CM-109", "Canon EOS R8 Mirrorless Camera - Body Only", "1,498.99"),
    ("HP-101", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones - Black", "398.99"),
    ("HP-104", "Sony WF-1000XM5 Noise Cancelling Earbuds - Black", "298.99"),
    ("HP-106", "Sony MDR-7506 Studio Monitor Headphones", "98.99"),
    ("HP-107", "Bose QuietComfort Ultra Headphones - Black", "428.99"),
    ("HP-109", "Bose QuietComfort Earbuds II - Black", "278.99"),
    ("KB-101", "Keychron K2 Pro Wireless Mechanical Keyboard - Red Switches", "98.99"),
    ("KB-104", "Keychron Q1 Pro QMK Custom Keyboard - Red Switches", "198.99"),
    ("KB-107", "Keychron V6 Full-Size Mechanical Keyboard - Red Switches", "93.99"),
    ("LT-101", 'Lenovo ThinkPad X1 Carbon Gen 12 14" - 16GB RAM, 512GB SSD', "1,648.99"),
    ("LT-103", 'Lenovo ThinkPad T14 Gen 5 14" - 16GB RAM, 512GB SSD', "1,128.99"),
    ("LT-107", 'Dell XPS 13 9340 13.4" - 16GB RAM, 512GB SSD', "1,298.99"),
    ("MN-101", 'Dell UltraSharp U2724D 27" QHD', "428.99"),
    ("MN-103", 'Dell S2422HG 24" Curved Gaming', "178.99"),
    ("MN-105", 'LG UltraGear 27GR95QE 27" OLED', "898.99"),
    ("MN-107", 'LG 34WP65C-B 34" UltraWide', "378.99"),
    ("MS-101", "Logitech MX Master 3S Wireless Mouse - Black", "98.99"),
    ("MS-105", "Logitech G502 X Plus Wireless Gaming Mouse - Black", "158.99"),
    ("MS-109", "Logitech Lift Vertical Ergonomic Mouse", "68.99"),
    ("NW-102", "TP-Link Archer AXE75 AXE5400 Tri-Band Wi-Fi 6E Router", "178.99"),
    ("NW-104", "TP-Link Deco X20 AX1800 Mesh Wi-Fi System - 2-Pack", "178.99"),
    ("NW-106", "TP-Link TL-SG108 8-Port Gigabit Switch", "23.99"),
    ("NW-109", "Netgear Orbi RBK763S AX5400 Mesh System", "378.99"),
    ("PH-101", "Apple iPhone 15 - 128GB", "798.99"),
    ("PH-104", "Apple iPhone 15 Pro - 128GB", "998.99"),
    ("PR-102", "HP Color LaserJet Pro MFP M283fdw", "478.99"),
    ("PR-105", "Brother HL-L2350DW Monochrome Laser Printer", "148.99"),
    ("PR-107", "Brother MFC-J4335DW INKvestment Tank All-in-One", "178.99"),
    ("SP-101", "Sonos Era 100 Smart Speaker - Black", "248.99"),
    ("SP-103", "Sonos Era 300 Spatial Audio Speaker - Black", "448.99"),
    ("SP-105", "Sonos Move 2 Portable Speaker - Black", "448.99"),
    ("SP-109", "JBL Flip 6 Portable Bluetooth Speaker - Black", "128.99"),
    ("ST-101", "Samsung 990 PRO PCIe 4.0 NVMe M.2 SSD - 1TB", "118.99"),
    ("ST-107", "Samsung T7 Shield Portable SSD - 1TB", "98.99"),
    ("TB-104", 'Apple iPad Air 11" M2 - 64GB Wi-Fi', "598.99"),
    ("TB-107", 'Apple iPad Pro 13" M4 - 64GB Wi-Fi', "1,298.99"),
    ("WT-101", "Apple Watch Series 9 GPS - 41mm", "398.99"),
    ("WT-105", "Apple Watch Ultra 2 49mm Titanium", "798.99"),
    ("WT-106", "Samsung Galaxy Watch6 Bluetooth - 41mm", "298.99"),
]

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
