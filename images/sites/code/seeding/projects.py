"""The groups and projects of Northwind Electronics' engineering, as plain data.

Each project names its group, kind (which file generator builds its repository: ``python``,
``go``, ``js``, ``docs``, ``infra``), visibility, a README written by hand (several document
procedures other sites' tasks rely on) and its topics for issue titles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["GROUPS", "PROJECTS", "ProjectDef", "SKUS"]

#: Shop products issues talk about (the shop's SKUs and names).
SKUS: tuple[tuple[str, str], ...] = (
    ("KB-104", "Keychron Q1 Pro QMK Custom Keyboard"),
    ("KB-101", "Keychron K2 Pro Wireless Mechanical Keyboard"),
    ("KB-107", "Keychron V6 Full-Size Mechanical Keyboard"),
    ("MS-101", "Logitech MX Master 3S Wireless Mouse"),
    ("MS-103", "Logitech MX Anywhere 3S Compact Mouse"),
    ("HP-101", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones"),
    ("HP-104", "Sony WF-1000XM5 Noise Cancelling Earbuds"),
    ("LT-101", 'Lenovo ThinkPad X1 Carbon Gen 12 14"'),
    ("LT-103", 'Lenovo ThinkPad T14 Gen 5 14"'),
    ("MN-103", 'Dell S2422HG 24" Curved Gaming'),
    ("PH-102", "Apple iPhone 15 - 256GB"),
    ("TB-104", 'Apple iPad Air 11" M2'),
    ("CM-105", "Sony ZV-E10 II Vlog Camera"),
    ("PR-102", "HP Color LaserJet Pro MFP M283fdw"),
    ("ST-107", "Samsung T7 Shield Portable SSD - 1TB"),
    ("NW-102", "TP-Link Archer AXE75 Tri-Band Wi-Fi 6E Router"),
    ("AC-101", "Anker 735 Charger (Nano II 65W)"),
    ("AC-105", "Anker USB-C to USB-C Cable 100W 6 ft"),
    ("WT-101", "Apple Watch Series 9 GPS - 41mm"),
    ("SP-103", "Sonos Era 300 Spatial Audio Speaker"),
)

#: path -> (name, description)
GROUPS: dict[str, tuple[str, str]] = {
    "storefront": ("Storefront", "Everything customers touch: the web shop, checkout, images."),
    "platform": ("Platform", "Back-end services: inventory, orders, mail, search, infrastructure."),
    "internal-tools": ("Internal Tools", "Tools for the warehouse, customer care and purchasing."),
    "docs": ("Docs", "Engineering documentation, runbooks and the handbook."),
    "libs": ("Libraries", "Shared libraries used across our services."),
}


@dataclass(frozen=True)
class ProjectDef:
    """One project to seed."""

    group: str
    path: str
    name: str
    description: str
    kind: str
    visibility: str = "internal"
    lead: int = 0  # index into the staff list: the project's maintainer
    readme: str = ""
    topics: tuple[str, ...] = ()
    module: str = "app"
    extra_files: dict[str, str] = field(default_factory=dict)
    commits: int = 18
    archived: bool = False


_WEB_SHOP_README = """\
# Web Shop

The customer-facing storefront of **Northwind Electronics** (`http://shop.test`): catalog,
product pages, cart, wishlist and the customer account pages.

## Architecture
- `app/` — the web application (routes, templates, view models)
- `app/stock.py` — reads stock levels from the **inventory-service** (`platform/inventory-service`)
- `static/` — CSS and the small amount of JavaScript we ship

## Running locally
```bash
make dev        # starts the app on http://localhost:8000 with a seeded catalog
make test       # unit tests
```

## Releasing
Releases follow the *Release procedure* in the `docs/runbooks` project:
tag `vX.Y.Z` on `main`, wait for the pipeline, then announce in #releases.

## Reporting bugs
Open an issue with the product **SKU** (e.g. `KB-104`) or the **order number** (`SO-10421`)
in the title, and label it `bug` plus the area (`catalog`, `cart`, `checkout`, `account`).
"""

_INVENTORY_README = """\
# Inventory Service

Source of truth for **stock levels**, reservations and restocks of every SKU.

| endpoint | what |
|---|---|
| `GET /stock/{sku}` | units on hand, reserved and available |
| `POST /reservations` | reserve units for a cart (expires after 15 minutes) |
| `POST /restocks` | book a delivery from a supplier purchase order (`PO-1001`...) |

## Stock correction procedure
When a product page shows the wrong stock (a common report: *"Product page of KB-104 shows
wrong stock"*):
1. Check `GET /stock/<SKU>` against the warehouse count from `stocktake-cli`.
2. If they differ, the **warehouse lead** books a correction with
   `stocktake-cli correct <SKU> <count> --reason "..."` (never edit the database by hand).
3. Close the issue with the correction id in a comment.

## Low-stock threshold
A SKU is *low stock* when available units fall to **5 or fewer**; purchasing gets a daily
report at 07:00.
"""

_MAIL_GATEWAY_README = """\
# Mail Gateway

Sends every transactional e-mail of the shop through `mail.test`: order confirmations,
shipping notices, delivery notices and the weekly newsletter.

- Templates live in `templates/` (one per message kind).
- The sender addresses are `orders@mail.test`, `support@mail.test` and
  `newsletter@mail.test`.
- Bounces are retried 3 times with exponential back-off (1, 5, 25 minutes).

## Changing a template
1. Edit the template on a branch and open a merge request.
2. A **maintainer** reviews the rendered preview (`make preview KIND=order_confirmation`).
3. After merge the gateway picks up templates on the next deploy.
"""

_RUNBOOKS_README = """\
# Runbooks

Procedures the engineering and operations teams follow. Each runbook is a page in
`runbooks/`; this README is the index.

## Release procedure
1. Every change reaches `main` through a merge request approved by at least **one
   reviewer** who is not the author.
2. Only **maintainers** merge. Developers open MRs and approve others' MRs.
3. Tag the release `vX.Y.Z`; the changelog entry goes into `CHANGELOG.md` in the same MR.
4. Announce the release in the forum's *Engineering* community.

## Incident procedure
1. Open an issue in the affected project labelled `incident` and `priority::critical`.
2. Assign it to the on-call engineer (see `oncall.md`).
3. Post updates as comments at least every 30 minutes until resolved.
4. Close the issue with a short post-mortem summary.

## Refund escalations
Refunds above **$500** need the Store Manager's approval before customer care issues them.
Track the escalation as an issue in `internal-tools/returns-dashboard` with the order
number (`SO-xxxxx`) in the title and the label `refund`.

## Access requests
New team members get the **reporter** role on all projects; developer access is granted by
a project maintainer after onboarding. Ask in an issue in `docs/handbook` labelled `access`.
"""

_HANDBOOK_README = """\
# Engineering Handbook

How we work at Northwind Electronics engineering.

## Labels we use everywhere
| label | meaning |
|---|---|
| `bug` | something is broken |
| `feature` | new behaviour |
| `priority::critical` / `priority::high` / `priority::low` | how soon |
| `customer-report` | reported by a customer or customer care |
| `good first issue` | small, well understood |

## Roles
| role | can |
|---|---|
| guest | read, open issues, comment |
| reporter | + triage issues: labels, assignees, milestones, close |
| developer | + push branches, open and approve merge requests |
| maintainer | + merge, protected branches, members, project settings |
| owner | + archive projects |

## Code review
Keep merge requests small (under 400 changed lines). Reviewers answer within one working day.
"""

_STOCKTAKE_README = """\
# stocktake-cli

Command-line tool the warehouse uses for the monthly stocktake and for stock corrections.

```bash
stocktake-cli count --aisle A3          # start counting an aisle
stocktake-cli correct KB-104 12 --reason "recount after damaged delivery"
stocktake-cli report --month 2026-04    # differences per SKU
```

Corrections are sent to the inventory service and logged with the operator's username.
A correction of more than **20 units** needs a second person (`--witness <username>`).
"""

_RETURNS_README = """\
# Returns Dashboard

Customer care's dashboard for return requests (RMA) and refunds.

## Return policy (as implemented)
- Returns are accepted within **30 days** of delivery.
- Opened headphones and earbuds (HP-*) are returnable only if defective.
- Refunds go back to the original payment method within 5 business days.
- Refunds above **$500** need the Store Manager's approval (see the runbooks).

## Statuses
`requested` → `approved` → `received` → `refunded` (or `rejected`).
"""

PROJECTS: tuple[ProjectDef, ...] = (
    ProjectDef(
        "storefront",
        "web-shop",
        "Web Shop",
        "The customer-facing web store: catalog, product pages, cart, account.",
        "python",
        "public",
        2,
        _WEB_SHOP_README,
        ("product page", "cart", "wishlist", "search box", "account page", "catalog"),
        "shop",
        commits=30,
    ),
    ProjectDef(
        "storefront",
        "checkout",
        "Checkout",
        "Checkout flow: addresses, shipping options, coupons and payment.",
        "python",
        "internal",
        2,
        "",
        ("coupon", "shipping options", "payment step", "address form", "order summary"),
        "checkout",
        commits=22,
    ),
    ProjectDef(
        "storefront",
        "product-images",
        "Product Images",
        "Resizes and serves product photos in three sizes.",
        "go",
        "public",
        4,
        "",
        ("thumbnail", "resizer", "CDN cache", "WebP"),
        "images",
        commits=12,
    ),
    ProjectDef(
        "platform",
        "inventory-service",
        "Inventory Service",
        "Stock levels, reservations and restocks for every SKU.",
        "python",
        "internal",
        1,
        _INVENTORY_README,
        ("stock level", "reservation", "restock", "low-stock report", "SKU import"),
        "inventory",
        commits=28,
    ),
    ProjectDef(
        "platform",
        "order-api",
        "Order API",
        "Orders, invoices and shipment tracking.",
        "python",
        "internal",
        1,
        "",
        ("order status", "invoice PDF", "tracking number", "cancellation", "order export"),
        "orders",
        commits=24,
    ),
    ProjectDef(
        "platform",
        "mail-gateway",
        "Mail Gateway",
        "Sends the shop's transactional e-mail and the newsletter.",
        "go",
        "internal",
        3,
        _MAIL_GATEWAY_README,
        ("order confirmation", "bounce handling", "newsletter", "SMTP retry", "template"),
        "gateway",
        commits=20,
    ),
    ProjectDef(
        "platform",
        "search-indexer",
        "Search Indexer",
        "Builds the product search index from the catalog.",
        "python",
        "internal",
        5,
        "",
        ("indexer", "synonyms", "ranking", "facet", "reindex job"),
        "indexer",
        commits=14,
    ),
    ProjectDef(
        "platform",
        "infrastructure",
        "Infrastructure",
        "Terraform and deployment configuration (private).",
        "infra",
        "private",
        3,
        "",
        ("staging", "backup", "TLS certificate", "DNS"),
        "infra",
        commits=16,
    ),
    ProjectDef(
        "internal-tools",
        "stocktake-cli",
        "stocktake-cli",
        "Warehouse stocktake and stock corrections from the command line.",
        "python",
        "internal",
        6,
        _STOCKTAKE_README,
        ("count command", "correction", "report", "barcode scanner"),
        "stocktake",
        commits=15,
    ),
    ProjectDef(
        "internal-tools",
        "returns-dashboard",
        "Returns Dashboard",
        "Customer care's dashboard for returns and refunds.",
        "js",
        "internal",
        5,
        _RETURNS_README,
        ("RMA form", "refund", "return label", "status filter"),
        "returns",
        commits=18,
    ),
    ProjectDef(
        "internal-tools",
        "supplier-sync",
        "Supplier Sync",
        "Sends purchase orders to suppliers and imports their price lists.",
        "python",
        "private",
        1,
        "",
        ("purchase order", "price list import", "CSV parser", "supplier API"),
        "sync",
        commits=14,
    ),
    ProjectDef(
        "internal-tools",
        "legacy-admin",
        "Legacy Admin",
        "The old back-office, replaced by the shop's admin pages (archived).",
        "js",
        "internal",
        0,
        "",
        ("admin page",),
        "legacy",
        commits=8,
        archived=True,
    ),
    ProjectDef(
        "docs",
        "runbooks",
        "Runbooks",
        "Release, incident, refund and access procedures.",
        "docs",
        "internal",
        0,
        _RUNBOOKS_README,
        ("runbook", "procedure"),
        "runbooks",
        commits=16,
    ),
    ProjectDef(
        "docs",
        "handbook",
        "Engineering Handbook",
        "How engineering works: labels, roles, code review, onboarding.",
        "docs",
        "public",
        0,
        _HANDBOOK_README,
        ("onboarding", "handbook page"),
        "handbook",
        commits=12,
    ),
    ProjectDef(
        "docs",
        "docs-site",
        "Docs Site",
        "The developer documentation site (static site generator).",
        "js",
        "public",
        7,
        "",
        ("docs page", "navigation", "search"),
        "docs",
        commits=14,
    ),
    ProjectDef(
        "libs",
        "sku-utils",
        "sku-utils",
        "Parse, validate and format product SKUs like KB-104.",
        "python",
        "public",
        6,
        "",
        ("SKU parser", "validation", "category prefix"),
        "sku_utils",
        commits=14,
    ),
    ProjectDef(
        "libs",
        "ui-kit",
        "UI Kit",
        "Shared CSS components and icons for our web apps.",
        "js",
        "public",
        7,
        "",
        ("button", "modal", "table", "icon set", "dark mode"),
        "uikit",
        commits=16,
    ),
    ProjectDef(
        "libs",
        "money",
        "money",
        "Money amounts in cents, formatting and rounding rules.",
        "python",
        "internal",
        4,
        "",
        ("rounding", "formatting", "currency"),
        "money",
        commits=10,
    ),
)
