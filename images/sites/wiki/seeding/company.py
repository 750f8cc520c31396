# ruff: noqa: E501  (Markdown page text reads better unwrapped)
"""HR, Onboarding, Help Center and Engineering pages (hand-written, people by username).

Engineering pages describe the code tracker's projects (``http://code.test/<group>/<path>``,
as listed in ``PROJECTS``); the wiki does not import the code site.
"""

from __future__ import annotations

from datetime import date, timedelta

from .pagedef import AttachmentDef, PageDef
from .world import STAFF_JOBS, Cast

__all__ = ["hr", "onboarding", "help_center", "engineering", "PROJECTS"]

#: The rotation table starts on the Monday of the default frozen week (2026-05-15 is a Friday).
_FIRST_ONCALL_MONDAY = date(2026, 5, 11)

#: (group, path, name, description, lead index into the staff list) of the code tracker.
PROJECTS: tuple[tuple[str, str, str, str, int], ...] = (
    ("storefront", "web-shop", "Web Shop", "The customer-facing web store.", 2),
    ("storefront", "checkout", "Checkout", "Addresses, shipping options, coupons, payment.", 2),
    ("storefront", "product-images", "Product Images", "Resizes and serves product photos.", 4),
    ("platform", "inventory-service", "Inventory Service", "Stock levels and restocks.", 1),
    ("platform", "order-api", "Order API", "Orders, invoices and shipment tracking.", 1),
    ("platform", "mail-gateway", "Mail Gateway", "Transactional e-mail and newsletter.", 3),
    ("platform", "search-indexer", "Search Indexer", "Product search index.", 5),
    ("platform", "infrastructure", "Infrastructure", "Terraform and deployment.", 3),
    ("internal-tools", "stocktake-cli", "stocktake-cli", "Warehouse stocktake tool.", 6),
    ("internal-tools", "returns-dashboard", "Returns Dashboard", "Returns and refunds.", 5),
    ("internal-tools", "supplier-sync", "Supplier Sync", "POs and supplier price lists.", 1),
    ("internal-tools", "legacy-admin", "Legacy Admin", "The old back office (archived).", 0),
    ("docs", "runbooks", "Runbooks", "Release, incident, refund and access procedures.", 0),
    ("docs", "handbook", "Engineering Handbook", "How engineering works.", 0),
    ("docs", "docs-site", "Docs Site", "The developer documentation site.", 7),
    ("libs", "sku-utils", "sku-utils", "Parse, validate and format SKUs.", 6),
    ("libs", "ui-kit", "UI Kit", "Shared CSS components and icons.", 7),
    ("libs", "money", "money", "Money amounts in cents, formatting, rounding.", 4),
)


def hr(c: Cast) -> list[PageDef]:
    """HR & Policies (staff only)."""
    m, bk = c.manager, c.bookkeeping
    directory = "".join(
        f"| {p.display_name} | `{p.username}` | {job} | {p.email} | {p.phone} |\n"
        for p, job in zip(c.staff, STAFF_JOBS, strict=True)
    )
    rota = "name,username,2026-05-25,2026-07-03,2026-09-07,2026-11-26,2026-12-24\n" + "".join(
        f"{p.display_name},{p.username},"
        + ",".join("on" if (i + d) % 3 == 0 else "off" for d in range(5))
        + "\n"
        for i, p in enumerate(c.staff)
    )
    return [
        PageDef(
            "HR",
            "HR Home",
            f"""# HR & Policies

This space is visible to staff only. HR questions: `{m.username}`; payroll: `{bk.username}`.

- [[Staff Directory]] · [[Annual Leave Policy]] · [[Sick Leave Policy]]
- [[Expense Policy]] · [[Staff Discount Policy]] · [[Remote Work Policy]]
- [[Working Hours and Overtime]] · [[Code of Conduct]] · [[Payroll Calendar 2026]]
- [[Public Holiday Rota 2026]] · [[Performance Reviews]]
""",
            ("hr", "index"),
            home=True,
            author=m.username,
        ),
        PageDef(
            "HR",
            "Staff Directory",
            "# Staff Directory\n\n| name | username | job | e-mail "
            "| phone |\n|---|---|---|---|---|\n"
            + directory
            + f"\nThe Store Manager, {m.display_name}, is everybody's line manager.\n",
            ("hr", "contacts", "reference"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Annual Leave Policy",
            f"""# Annual Leave Policy

- Full-time staff have **25 days** of paid leave per calendar year (part-time: pro rata).
- Request leave in the HR calendar at least **2 weeks** ahead; `{m.username}` approves.
- At most **2 people** of the same team may be away at once.
- Up to **5 unused days** carry over to the next year; they expire on **March 31**.
- No leave in the two weeks before Black Friday without the Store Manager's approval.
""",
            ("policy", "hr", "leave"),
            "HR Home",
            m.username,
            older=(
                (
                    "# Annual Leave Policy\n\n- 22 days of paid leave per year.\n"
                    "- Up to 3 unused days carry over.\n",
                    "First version",
                ),
            ),
            last_comment="25 days from 2026; carry-over raised to 5 days",
        ),
        PageDef(
            "HR",
            "Sick Leave Policy",
            f"""# Sick Leave Policy

- Tell `{m.username}` before **09:00** on the first day of absence.
- A doctor's note is needed from the **4th day**.
- **10 days** of fully paid sick leave per year.
""",
            ("policy", "hr", "leave"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Expense Policy",
            f"""# Expense Policy

| expense | limit | approval |
|---|---|---|
| meals while travelling | **$40 per day** | none |
| hotel | $180 per night | `{m.username}` |
| train, bus | actual cost | none |
| anything over **$200** | — | `{m.username}` before spending |

- Receipts are required for every expense over **$25**.
- Submit expenses to `{bk.username}` by the **5th of the following month**; they are paid
  with the next salary.
""",
            ("policy", "hr", "expenses"),
            "HR Home",
            bk.username,
        ),
        PageDef(
            "HR",
            "Staff Discount Policy",
            f"""# Staff Discount Policy

- Staff get **15% off** up to **$1,500** of purchases per calendar year.
- The discount is applied by `{bk.username}` as a refund after delivery — there is no staff
  coupon (the old `STAFF5` coupon is retired).
- Items bought with the staff discount may not be resold.
""",
            ("policy", "hr", "discount"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Remote Work Policy",
            """# Remote Work Policy

Office staff may work from home up to **2 days a week** after their probation (3 months).
Warehouse roles are on site. Core hours are 10:00–15:00.
""",
            ("policy", "hr"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Working Hours and Overtime",
            f"""# Working Hours and Overtime

- 40 hours a week, Monday to Friday, 08:30–17:00 with a 30-minute lunch break.
- Overtime must be agreed with `{m.username}` beforehand and is paid at **1.5×**.
- Saturday work in the warehouse during November and December is paid at **2×**.
""",
            ("policy", "hr"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Code of Conduct",
            """# Code of Conduct

Be kind, be honest, protect customers' data. Never share a customer's address or order
history outside the team. Report concerns to the Store Manager or anonymously by letter.
""",
            ("policy", "hr"),
            "HR Home",
            m.username,
        ),
        PageDef(
            "HR",
            "Payroll Calendar 2026",
            f"""# Payroll Calendar 2026

Salaries are paid on the **last business day** of the month. Payslips are e-mailed by
`{bk.username}` the day before. Expense claims submitted by the 5th are paid with that month's
salary.
""",
            ("hr", "payroll"),
            "HR Home",
            bk.username,
        ),
        PageDef(
            "HR",
            "Public Holiday Rota 2026",
            """# Public Holiday Rota 2026

Who works on public holidays (shop orders still arrive). The rota is attached as CSV;
swap days with a colleague and tell the Store Manager.
""",
            ("hr", "rota"),
            "HR Home",
            m.username,
            attachments=(
                AttachmentDef(
                    "holiday-rota-2026.csv", "text/csv", rota.encode(), "Rota for the rest of 2026"
                ),
            ),
        ),
        PageDef(
            "HR",
            "Performance Reviews",
            """# Performance Reviews

Twice a year, in **June** and **December**. Prepare three goals; your manager writes a summary
that both of you sign.
""",
            ("hr", "process"),
            "HR Home",
            m.username,
        ),
    ]


def onboarding(c: Cast) -> list[PageDef]:
    """Onboarding (public)."""
    m = c.manager
    return [
        PageDef(
            "ONB",
            "Welcome to Northwind Electronics",
            f"""# Welcome to Northwind Electronics

We sell electronics online at **shop.test**. This wiki is where our rules and procedures
live. New here? Read these in order:

1. [[First Week Checklist]]
2. [[Accounts and Tools]]
3. [[Using the Wiki]]
4. [[Glossary]]

Questions: ask your manager, **{m.display_name}** (`{m.username}`).
""",
            ("onboarding", "index"),
            home=True,
            author=m.username,
        ),
        PageDef(
            "ONB",
            "First Week Checklist",
            """# First Week Checklist

- [ ] Sign in to every tool in [[Accounts and Tools]]
- [ ] Read your team's space home page
- [ ] Read the [[CS:Refund Policy]] (everybody answers customers sometimes)
- [ ] Watch the pages of your team (the **Watch** button) to hear about changes
- [ ] Book your first 1:1 with your manager
""",
            ("onboarding", "checklist"),
            "Welcome to Northwind Electronics",
            m.username,
        ),
        PageDef(
            "ONB",
            "Accounts and Tools",
            """# Accounts and Tools

| tool | address | what for |
|---|---|---|
| Shop & back office | http://shop.test | orders, returns, products, purchase orders |
| Mail | http://mail.test | e-mail (`username@mail.test`) |
| Forum | http://forum.test | community, announcements |
| Code | http://code.test | software projects and issues |
| Wiki | http://wiki.test | this knowledge base |

Your username everywhere is `first.last`; the first password is `pass-first.last`.
""",
            ("onboarding", "tools"),
            "Welcome to Northwind Electronics",
            m.username,
        ),
        PageDef(
            "ONB",
            "Using the Wiki",
            """# Using the Wiki

Pages are written in **Markdown**.

| you type | you get |
|---|---|
| `## Heading` | a heading (listed in the table of contents) |
| `**bold**` | **bold** |
| `[[Page Title]]` | a link to a page of the same space |
| `[[HR:Expense Policy]]` | a link to a page of another space |
| `| a | b |` | a table |

Use **Create from template** for meeting notes, procedures, policies and product specs.
Every save is a revision: open **History** to compare any two revisions or restore one.
""",
            ("onboarding", "help", "how-to"),
            "Welcome to Northwind Electronics",
            m.username,
        ),
        PageDef(
            "ONB",
            "Glossary",
            """# Glossary

SKU
:   Stock-keeping unit, e.g. `KB-104` (category prefix + number).

RMA
:   Return merchandise authorisation, e.g. `RMA-5012`.

PO
:   Purchase order to a supplier, e.g. `PO-1001`.

Reorder level
:   Stock level at which a product is reordered ([[PUR:Supplier Reorder Rules]]).
""",
            ("onboarding", "reference"),
            "Welcome to Northwind Electronics",
            m.username,
        ),
    ]


def help_center(c: Cast) -> list[PageDef]:
    """The public Help Center (what customers may read)."""
    lead = c.care_lead
    pages = [
        (
            "Help Center Home",
            """# Help Center

- [[Delivery and Shipping]]
- [[Returns and Refunds]]
- [[Payment Methods]]
- [[Tracking Your Order]]
- [[Coupons and Promotions]]
- [[Your Account]]
- [[Contact Us]]
""",
            ("help", "index"),
        ),
        (
            "Delivery and Shipping",
            """# Delivery and Shipping

| method | price | time |
|---|---|---|
| Standard | $5.99, **free from $50** | 3-5 business days |
| Express | $14.99 | 1-2 business days |
| Overnight | $29.99 | next business day |

Orders placed before 2 pm on a business day ship the same day. We ship within the US.
""",
            ("help", "shipping"),
        ),
        (
            "Returns and Refunds",
            """# Returns and Refunds

You can return most items within **30 days** of delivery. Opened headphones and earbuds can
be returned only if they are defective. Refunds reach your original payment method within
5 business days after we receive the item.
""",
            ("help", "returns"),
        ),
        (
            "Payment Methods",
            """# Payment Methods

We accept cards (Visa, Mastercard, Amex), PayPal, and invoice for business customers.
""",
            ("help", "payment"),
        ),
        (
            "Tracking Your Order",
            """# Tracking Your Order

Open **My orders** in the shop; shipped orders show the carrier's tracking number.
""",
            ("help", "orders"),
        ),
        (
            "Coupons and Promotions",
            """# Coupons and Promotions

Enter a coupon in your cart. One coupon per order; some coupons apply to one category only.
""",
            ("help", "coupons"),
        ),
        (
            "Your Account",
            """# Your Account

Change your addresses and password under **My account** in the shop.
""",
            ("help", "account"),
        ),
        (
            "Contact Us",
            f"""# Contact Us

E-mail `support@mail.test`; we answer within one business day. Customer Care is led by
{lead.display_name}.
""",
            ("help", "contact"),
        ),
    ]
    return [
        PageDef(
            "HELP", t, b, labels, None if i == 0 else "Help Center Home", lead.username, home=i == 0
        )
        for i, (t, b, labels) in enumerate(pages)
    ]


def engineering(c: Cast) -> list[PageDef]:
    """Engineering: one page per code-tracker project, runbooks, rotation."""
    staff = c.staff
    rows = "".join(
        f"| [[{name}]] | `{group}/{path}` | {desc} | `{staff[lead % len(staff)].username}` |\n"
        for group, path, name, desc, lead in PROJECTS
    )
    pages = [
        PageDef(
            "ENG",
            "Engineering Home",
            f"""# Engineering

Our code lives in the code tracker at http://code.test.

## Projects
| project | repository | what | lead |
|---|---|---|---|
{rows}
## Runbooks
[[Release Procedure]] · [[Incident Procedure]] · [[On-call Rotation]] ·
[[Code Review Guidelines]]
""",
            ("engineering", "index"),
            home=True,
            author=staff[0].username,
        ),
        PageDef(
            "ENG",
            "Release Procedure",
            """# Release Procedure

1. Every change reaches `main` through a merge request approved by at least **one reviewer**
   who is not the author.
2. Only **maintainers** merge.
3. Tag the release `vX.Y.Z`; the changelog entry goes into `CHANGELOG.md` in the same MR.
4. Announce the release in the forum's engineering community.
""",
            ("runbook", "engineering", "release"),
            "Engineering Home",
            staff[0].username,
        ),
        PageDef(
            "ENG",
            "Incident Procedure",
            """# Incident Procedure

1. Open an issue in the affected project labelled `incident` and `priority::critical`.
2. Assign it to the on-call engineer ([[On-call Rotation]]).
3. Post updates as comments at least every **30 minutes** until resolved.
4. Close the issue with a short post-mortem and add a page under [[Post-mortems]].
""",
            ("runbook", "engineering", "incident"),
            "Engineering Home",
            staff[3].username,
        ),
        PageDef(
            "ENG",
            "On-call Rotation",
            "# On-call Rotation\n\nOne week each, Monday "
            "09:00 to Monday 09:00.\n\n| week starting | on call |\n|---|---|\n"
            + "".join(
                f"| {(_FIRST_ONCALL_MONDAY + timedelta(weeks=w)).isoformat()} | "
                f"`{staff[w % len(staff)].username}` |\n"
                for w in range(8)
            ),
            ("runbook", "engineering", "on-call"),
            "Engineering Home",
            staff[3].username,
        ),
        PageDef(
            "ENG",
            "Code Review Guidelines",
            """# Code Review Guidelines

Keep merge requests small (under **400** changed lines). Reviewers answer within one working
day. Approve only what you understand; ask questions in comments.
""",
            ("engineering", "guidelines"),
            "Engineering Home",
            staff[0].username,
        ),
        PageDef(
            "ENG",
            "Post-mortems",
            "# Post-mortems\n\nOne page per incident, newest first. See the child pages below.\n",
            ("engineering", "incident", "index"),
            "Engineering Home",
            staff[3].username,
        ),
        PageDef(
            "ENG",
            "Architecture Decisions",
            "# Architecture Decisions\n\nDecision records "
            "(ADR). Each is a child page; create new ones from the *Decision record* "
            "template.\n",
            ("engineering", "adr", "index"),
            "Engineering Home",
            staff[1].username,
        ),
    ]
    for group, path, name, desc, lead in PROJECTS:
        owner = staff[lead % len(staff)]
        pages.append(
            PageDef(
                "ENG",
                name,
                f"""# {name}

{desc}

| | |
|---|---|
| repository | http://code.test/{group}/{path} |
| group | `{group}` |
| lead (maintainer) | {owner.display_name} (`{owner.username}`) |
| issues | http://code.test/{group}/{path}/-/issues |

## How to contribute
Open an issue first, then a merge request that links it. Follow the [[Release Procedure]]
and the [[Code Review Guidelines]].
""",
                ("project", "engineering", group),
                "Engineering Home",
                owner.username,
            )
        )
    return pages
