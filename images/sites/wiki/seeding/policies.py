# ruff: noqa: E501  (Markdown page text reads better unwrapped)
"""Hand-written policy and procedure pages with the concrete rules tasks rely on.

Numbers here are the store's rules (refund approval over $500, returns within 30 days,
reorder quantity = 2 x reorder level, ...). Shipping prices and coupon terms are the shop's
own (tests compare them with the shop's seed); people are named by their world username.
"""

from __future__ import annotations

from .pagedef import AttachmentDef, PageDef
from .world import Cast, preferred_suppliers

__all__ = ["customer_service", "purchasing", "warehouse", "marketing", "COUPONS", "SHIPPING"]

#: The shop's coupons as the coupon policy documents them:
#: (code, what it gives, minimum subtotal $, category or "", status note)
COUPONS: tuple[tuple[str, str, int, str, str], ...] = (
    ("WELCOME10", "10% off the order", 0, "", "active"),
    ("SAVE20", "$20 off", 150, "", "active"),
    ("SPRING15", "15% off (spring sale)", 0, "", "active until May 31"),
    ("AUDIO25", "25% off headphones", 0, "headphones", "active"),
    ("LAPTOP100", "$100 off laptops", 1000, "laptops", "active"),
    ("WINTER30", "30% off (winter clearance)", 0, "", "expired Feb 28"),
    ("FLASH50", "$50 off", 300, "", "active, limited to 40 uses"),
    ("STAFF5", "5% staff discount", 0, "", "retired (inactive)"),
)

#: The shop's shipping methods: (code, name, price $, free from order value $ or None, days)
SHIPPING: tuple[tuple[str, str, str, int | None, str], ...] = (
    ("standard", "Standard", "5.99", 50, "3-5 business days"),
    ("express", "Express", "14.99", None, "1-2 business days"),
    ("overnight", "Overnight", "29.99", None, "next business day"),
)


def customer_service(c: Cast) -> list[PageDef]:
    """The Customer Service space: refunds, returns, cancellations, escalation."""
    m, lead, care, wh = c.manager, c.care_lead, c.care, c.warehouse
    refund_v1 = f"""# Refund Policy

Refunds are issued by Customer Care in the shop's back office (**Admin → Orders → Refund**).

## Who may approve a refund
- Refunds up to **$300.00** may be issued by any Customer Care agent.
- Refunds over $300.00 need the Store Manager's approval (`{m.username}`).

## Time limits
Returns are accepted within **30 days** of delivery.
"""
    refund = f"""# Refund Policy

Refunds are issued by Customer Care in the shop's back office (**Admin → Orders → Refund**).
This page is the rule book; the step-by-step is [[Returns Procedure (RMA)]].

[TOC]

## Who may approve a refund
| refund amount | who may issue it |
|---|---|
| up to and including **$500.00** | any Customer Care agent (`{lead.username}`, `{care.username}`) |
| **over $500.00** | only after written approval by the Store Manager, **{m.display_name}** (`{m.username}`) |

- Approval is given by e-mail to `{m.username}@mail.test`; quote the order number (`SO-xxxxx`)
  and the amount. Paste the approval into the order's refund reason, e.g.
  *"Approved by {m.username}: damaged on arrival"*.
- If the Store Manager is away, refunds over $500 **wait**; nobody else may approve them
  (see [[Escalation Matrix]]).
- Never split one refund into several smaller ones to stay under the limit.

## Time limits
- Returns are accepted within **30 days of delivery**. After 30 days, refuse politely and point
  the customer to the manufacturer's warranty ([[Warranty Claims]]).
- Refunds reach the customer's original payment method (card, PayPal or invoice credit)
  within **5 business days**.

## What is refunded
- The price paid for the returned item (after any coupon discount on that line).
- **Shipping fees** are refunded only when the item was damaged, defective or the wrong item
  was sent. For "no longer needed" returns the original shipping fee is not refunded.
- **Opened headphones and earbuds** (SKUs starting with `HP-`) are refundable only if defective
  (hygiene rule).
- **Lost parcels**: when tracking shows no movement for **10 days**, issue a goodwill refund of
  the full order total (reason *"Goodwill refund: parcel lost"*).
- **Minor cosmetic damage** the customer is happy to keep: a partial refund of **10%** of the
  item price, at most **$50**.

## Price drops
If the price of an item drops within **14 days** of the order, refund the difference on
request (one adjustment per order line). Coupon-priced items are excluded.

## Related
- [[Order Cancellation Policy]] · [[Damaged or Defective Items]] · [[Escalation Matrix]]
- Shipping fees and free-shipping threshold: [[OPS:Shipping Rules]]
"""
    esc_rows = [
        ("Refund over $500", c.care.username, m.username, "1 business day"),
        ("Refund up to $500", c.care.username, lead.username, "same day"),
        ("Payment dispute / chargeback", lead.username, c.bookkeeping.username, "2 business days"),
        ("Invoice or VAT question", c.care.username, c.bookkeeping.username, "3 business days"),
        ("Delivery late or lost", c.care.username, wh.username, "1 business day"),
        ("Damaged in transit", c.care.username, wh.username, "1 business day"),
        (
            "Defective product (supplier RMA)",
            lead.username,
            c.purchasing.username,
            "2 business days",
        ),
        ("Coupon not working", c.care.username, c.marketing.username, "1 business day"),
        ("Website bug", lead.username, "file an issue in web-shop on code.test", "next sprint"),
        ("Press or social media", lead.username, m.username, "same day"),
        ("Abusive customer", c.care.username, m.username, "immediately"),
    ]
    escalation = (
        "# Escalation Matrix\n\nWho handles what when a case cannot be solved at the first "
        "contact. Always escalate by e-mail to `<username>@mail.test` with the order number in "
        "the subject.\n\n| case | first contact | escalate to | answer within |\n|---|---|---|---|\n"
        + "".join(f"| {a} | `{b}` | `{d}` | {e} |\n" for a, b, d, e in esc_rows)
        + """
## People
| username | name | job |
|---|---|---|
"""
        + "".join(
            f"| `{p.username}` | {p.display_name} | {job} |\n"
            for p, job in zip(c.staff, _jobs(), strict=True)
        )
        + f"""
## Out of hours
Cases that arrive after 18:00 or at weekends are picked up by `{lead.username}` the next
business day. Only an outage of the shop counts as an emergency: call the on-call engineer
(see [[ENG:On-call Rotation]]).
"""
    )
    esc_csv = "case,first_contact,escalate_to,answer_within\n" + "".join(
        f'"{a}",{b},"{d}",{e}\n' for a, b, d, e in esc_rows
    )
    return [
        PageDef(
            "CS",
            "Customer Service Home",
            f"""# Customer Service

Welcome to the Customer Care space. Start with the rules, then the procedures.

## Rules
- [[Refund Policy]] — refunds over **$500** need the Store Manager (`{m.username}`)
- [[Order Cancellation Policy]]
- [[Escalation Matrix]]

## Procedures
- [[Returns Procedure (RMA)]]
- [[Damaged or Defective Items]]
- [[Warranty Claims]]
- [[Order Status Definitions]]
- [[Customer Care Reply Templates]]

Team lead: **{lead.display_name}** (`{lead.username}`).
""",
            ("customer-service", "index"),
            home=True,
            author=lead.username,
        ),
        PageDef(
            "CS",
            "Refund Policy",
            refund,
            ("policy", "refunds", "customer-service"),
            "Customer Service Home",
            m.username,
            older=((refund_v1, "First version"),),
            last_comment="Raised the agent limit from $300 to $500; added shipping, hygiene "
            "and lost-parcel rules",
        ),
        PageDef(
            "CS",
            "Returns Procedure (RMA)",
            f"""# Returns Procedure (RMA)

How to handle a return request (`RMA-xxxx`) in the shop's back office, **Admin → Returns**.

## Steps
1. Open the return and its order. Check the order is **delivered** and the request came
   within **30 days of delivery** ([[Refund Policy]]).
2. Check the reason code:

| reason code | what to do |
|---|---|
| `damaged` | approve; ask for a photo; shipping refunded |
| `defective` | approve; the item goes back to the supplier ([[PUR:Supplier Returns]]) |
| `wrong_item` | approve; ship the right item by **Express** at our cost |
| `not_as_described` | approve if the product page was wrong; tell `{c.marketing.username}` |
| `no_longer_needed` | approve if unopened; shipping not refunded |

3. Headphones and earbuds (`HP-` SKUs) that were opened: approve only `defective`.
4. Set the status to **approved** and e-mail the customer the return label.
5. When the parcel arrives, the warehouse (`{wh.username}`) marks it received; then refund the
   item price. Refunds over **$500** first need `{m.username}`'s approval.
6. Set the return to **refunded** (or **rejected**, with the reason in a comment).

Returns older than 30 days are **rejected** unless the item is defective under warranty, then
see [[Warranty Claims]].
""",
            ("procedure", "returns", "customer-service"),
            "Customer Service Home",
            lead.username,
            older=(
                (
                    """# Returns Procedure (RMA)

1. Check the order is delivered.
2. Approve the return and e-mail a label.
3. Refund when the parcel arrives.
""",
                    "Draft",
                ),
            ),
        ),
        PageDef(
            "CS",
            "Order Cancellation Policy",
            f"""# Order Cancellation Policy

| order status | can it be cancelled? | how |
|---|---|---|
| `pending` | yes | Admin → Orders → set status *cancelled*; stock is put back |
| `processing` | yes, if the warehouse has not packed it | ask `{wh.username}` first |
| `shipped` | no | wait for delivery, then a return ([[Returns Procedure (RMA)]]) |
| `delivered` | no | return within 30 days |

- A cancelled order paid by card or PayPal is refunded in full automatically.
- Always add a note with the reason, e.g. *"Cancelled at the customer's request"*.
- Orders over **$1,000** that a customer wants cancelled while `processing` also need a
  message to `{m.username}` (fraud check).
""",
            ("policy", "orders", "customer-service"),
            "Customer Service Home",
            lead.username,
        ),
        PageDef(
            "CS",
            "Escalation Matrix",
            escalation,
            ("policy", "escalation", "contacts"),
            "Customer Service Home",
            m.username,
            attachments=(
                AttachmentDef(
                    "escalation-matrix.csv", "text/csv", esc_csv.encode(), "The matrix as CSV"
                ),
            ),
        ),
        PageDef(
            "CS",
            "Damaged or Defective Items",
            f"""# Damaged or Defective Items

1. Ask the customer for a photo of the item **and** the box.
2. Damaged in transit: open a claim with the carrier (see [[OPS:Carrier Contacts]]) and tell
   `{wh.username}`. The customer gets a replacement or a refund, their choice.
3. Defective: create the return with reason `defective`; purchasing (`{c.purchasing.username}`)
   sends it back to the supplier.
4. Replacements ship **Express** at no charge.
5. If the customer keeps a cosmetically damaged item, offer **10%** back (max **$50**).
""",
            ("procedure", "returns"),
            "Customer Service Home",
            care.username,
        ),
        PageDef(
            "CS",
            "Warranty Claims",
            """# Warranty Claims

After the **30-day** return window, defects are covered by the manufacturer's warranty (the
length is on each product page in the shop). We help the customer:

1. Find the manufacturer's support contact on the product's page in [[PROD:Product Docs Home]].
2. Give them the order number and the purchase date from the order.
3. We do not swap items ourselves after 30 days.
""",
            ("procedure", "warranty"),
            "Customer Service Home",
            care.username,
        ),
        PageDef(
            "CS",
            "Order Status Definitions",
            """# Order Status Definitions

| status | meaning |
|---|---|
| `pending` | placed, payment authorised, not yet picked |
| `processing` | being picked and packed |
| `shipped` | handed to the carrier; has a tracking number |
| `delivered` | the carrier confirmed delivery |
| `cancelled` | cancelled before shipping |
| `refunded` | the whole order total was refunded |

Order numbers look like `SO-10234`; returns `RMA-5012`; purchase orders `PO-1001`.
""",
            ("reference", "orders"),
            "Customer Service Home",
            care.username,
        ),
        PageDef(
            "CS",
            "Customer Care Reply Templates",
            f"""# Customer Care Reply Templates

Copy, adapt, sign with your name. Replies go out from `support@mail.test`.

## Return approved
> Hi NAME, your return RMA-XXXX is approved. Please use the attached label within 14 days.
> Your refund follows within 5 business days after the parcel arrives.

## Refund over $500 pending approval
> Hi NAME, thanks for your patience. Refunds of this size are approved by our Store Manager;
> you will hear from us within one business day.

## Return window passed
> Hi NAME, unfortunately returns are possible only within 30 days of delivery. The
> manufacturer's warranty still covers defects — here is how to claim it: ...

## Where is my parcel?
> Hi NAME, your order shipped with tracking number TRACKING. Standard delivery takes 3-5
> business days.

Questions about these templates: `{lead.username}`.
""",
            ("templates", "customer-service"),
            "Customer Service Home",
            lead.username,
        ),
    ]


def _jobs() -> tuple[str, ...]:
    from .world import STAFF_JOBS

    return STAFF_JOBS


def purchasing(c: Cast, seed: int) -> list[PageDef]:
    """Purchasing: reorder rules, preferred suppliers, PO procedure, one page per supplier."""
    m, buyer = c.manager, c.purchasing
    prefs = preferred_suppliers(seed)
    rows = "".join(
        f"| {brand} | [[Supplier: {p.company}|{p.company}]] | `{p.username}` | {lead} days |\n"
        for brand, p, lead in prefs
    )
    by_company: dict[str, list[str]] = {}
    lead_of: dict[str, int] = {}
    for brand, p, lead in prefs:
        by_company.setdefault(p.company or "", []).append(brand)
        lead_of[p.company or ""] = lead
    csv = "brand,supplier,contact_username,contact_email,lead_time_days\n" + "".join(
        f'{b},"{p.company}",{p.username},{p.email},{lead}\n' for b, p, lead in prefs
    )
    pages = [
        PageDef(
            "PUR",
            "Purchasing Home",
            f"""# Purchasing & Suppliers

Purchasing is run by **{buyer.display_name}** (`{buyer.username}`).

- [[Supplier Reorder Rules]] — when and how much to reorder
- [[Preferred Suppliers by Brand]] — who we buy each brand from
- [[Purchase Order Procedure]] — creating, approving and receiving POs
- [[Supplier Returns]] · [[Supplier Price Changes]] · [[Backorders and Substitutions]]
- [[Supplier Directory]]
""",
            ("purchasing", "index"),
            home=True,
            author=buyer.username,
        ),
        PageDef(
            "PUR",
            "Supplier Reorder Rules",
            f"""# Supplier Reorder Rules

Every product in the shop has a **reorder level** (back office, product page). Check the
*Low stock* list every morning.

## When to reorder
Reorder a product when its **stock is at or below its reorder level**. Products with stock 0
are reordered first.

## How much
> **Reorder quantity = 2 × reorder level**, rounded to whole units.

| price of the product | usual reorder level | reorder quantity |
|---|---|---|
| $200.00 or more | 5 | **10** |
| under $200.00 | 8 | **16** |

If a product's reorder level was changed by hand, use *its* level: a level of 12 means an order
of 24 units.

## Rules by category
| category | extra rule |
|---|---|
| Laptops, Phones, Tablets | at most **10 units** per PO line; split larger needs over two weeks |
| Cameras | order body-only and kit-lens variants separately |
| Headphones | check open returns first: defective units come back from customers |
| Storage, Accessories, Mice | combine SKUs of one supplier into one PO |
| Printers | toner and ink are not stocked; printers only |
| all others | none |

## Who to order from
Always from the brand's **preferred supplier** ([[Preferred Suppliers by Brand]]). Another
supplier only with `{m.username}`'s written approval.

## Approval
POs with a total cost over **$5,000.00** need approval from the Store Manager (`{m.username}`)
before they are sent. See [[Purchase Order Procedure]].
""",
            ("policy", "purchasing", "reorder"),
            "Purchasing Home",
            buyer.username,
            older=(
                (
                    """# Supplier Reorder Rules

Reorder when stock is low. Order about a week's worth of sales.
""",
                    "First draft",
                ),
                (
                    """# Supplier Reorder Rules

Reorder a product when its stock is at or below its reorder level.

Reorder quantity = 3 × reorder level.
""",
                    "Fixed quantities",
                ),
            ),
            last_comment="Reorder quantity is now 2 x reorder level; category rules",
        ),
        PageDef(
            "PUR",
            "Preferred Suppliers by Brand",
            f"""# Preferred Suppliers by Brand

Each brand is bought from exactly one supplier. Lead time = working days from PO to delivery.

| brand | supplier | contact | lead time |
|---|---|---|---|
{rows}
Changes to this table need `{m.username}`'s approval. The same list is attached as CSV.
""",
            ("reference", "purchasing", "suppliers"),
            "Purchasing Home",
            buyer.username,
            attachments=(
                AttachmentDef(
                    "preferred-suppliers.csv",
                    "text/csv",
                    csv.encode(),
                    "Export for the supplier-sync job",
                ),
            ),
        ),
        PageDef(
            "PUR",
            "Purchase Order Procedure",
            f"""# Purchase Order Procedure

1. In the shop's back office open **Admin → Purchase orders → New**.
2. Choose the brand's preferred supplier ([[Preferred Suppliers by Brand]]), the SKU and the
   quantity from [[Supplier Reorder Rules]].
3. Total cost over **$5,000.00**? Save the PO with the note *"awaiting approval"* and e-mail
   `{m.username}@mail.test`. Send it only after approval.
4. E-mail the PO number (`PO-xxxx`) to the supplier contact, cc `{buyer.username}@mail.test`.
5. When the goods arrive, the warehouse receives the PO ([[OPS:Receiving Deliveries]]); stock
   goes up by the PO quantity.
6. Cancel POs the supplier cannot fill and reorder from the same supplier next week.
""",
            ("procedure", "purchasing"),
            "Purchasing Home",
            buyer.username,
        ),
        PageDef(
            "PUR",
            "Supplier Returns",
            f"""# Supplier Returns

Defective items returned by customers go back to the brand's supplier within **14 days**.
Pack them in one parcel per supplier, include the RMA numbers, and e-mail the list to the
supplier contact. Credit notes are booked by `{c.bookkeeping.username}`.
""",
            ("procedure", "returns", "purchasing"),
            "Purchasing Home",
            buyer.username,
        ),
        PageDef(
            "PUR",
            "Supplier Price Changes",
            f"""# Supplier Price Changes

- Suppliers announce price changes by e-mail with at least **30 days** notice.
- A cost increase over **5%** is reviewed with `{m.username}` before the next PO.
- Our retail prices are changed by `{c.marketing.username}`, never by purchasing.
""",
            ("policy", "purchasing"),
            "Purchasing Home",
            buyer.username,
        ),
        PageDef(
            "PUR",
            "Backorders and Substitutions",
            """# Backorders and Substitutions

When a supplier confirms a PO with a **backordered** line:
1. Keep the line open; do not reorder elsewhere.
2. If the delay is over **21 days**, cancel the line and tell Customer Care which orders wait.
3. Never substitute a different SKU without the customer's consent.
""",
            ("procedure", "purchasing"),
            "Purchasing Home",
            buyer.username,
        ),
        PageDef(
            "PUR",
            "Supplier Directory",
            "# Supplier Directory\n\n| company | contact "
            "| e-mail | phone | brands |\n|---|---|---|---|---|\n"
            + "".join(
                f"| [[Supplier: {p.company}|{p.company}]] | {p.display_name} (`{p.username}`) "
                f"| {p.email} | {p.phone} | {', '.join(by_company.get(p.company or '', []))} |\n"
                for p in sorted(c.suppliers, key=lambda p: p.company or "")
            ),
            ("reference", "suppliers"),
            "Purchasing Home",
            buyer.username,
        ),
    ]
    for p in sorted(c.suppliers, key=lambda p: p.company or ""):
        company = p.company or ""
        brands = by_company.get(company, [])
        pages.append(
            PageDef(
                "PUR",
                f"Supplier: {company}",
                f"""# {company}

| | |
|---|---|
| contact | {p.display_name} (`{p.username}`) |
| e-mail | {p.email} |
| phone | {p.phone} |
| address | {p.street}, {p.city} {p.postcode} |
| brands | {", ".join(brands) or "—"} |
| lead time | {lead_of.get(company, 7)} business days |
| payment terms | Net 30 |
| minimum order | $250.00 per PO |

## Ordering
E-mail the PO to {p.email}; the supplier confirms within one business day.
We are their preferred customer for: {", ".join(brands) or "—"}.

See [[Preferred Suppliers by Brand]] and [[Supplier Reorder Rules]].
""",
                ("supplier", "purchasing"),
                "Supplier Directory",
                buyer.username,
            )
        )
    return pages


def warehouse(c: Cast) -> list[PageDef]:
    """Warehouse & Shipping: shipping rules, receiving, stocktake, carriers."""
    wh, asst, m = c.warehouse, c.warehouse_assistant, c.manager
    rows = "".join(
        f"| {name} (`{code}`) | ${price} | "
        f"{'free when the order total after discounts is $' + str(free) + '.00 or more' if free else 'never free'}"
        f" | {days} |\n"
        for code, name, price, free, days in SHIPPING
    )
    return [
        PageDef(
            "OPS",
            "Warehouse Home",
            f"""# Warehouse & Shipping

Run by **{wh.display_name}** (`{wh.username}`) with `{asst.username}`.

- [[Shipping Rules]] · [[Receiving Deliveries]] · [[Stocktake Procedure]]
- [[Packing Guidelines]] · [[Carrier Contacts]]
""",
            ("warehouse", "index"),
            home=True,
            author=wh.username,
        ),
        PageDef(
            "OPS",
            "Shipping Rules",
            f"""# Shipping Rules

## Methods and prices
| method | price | free shipping | delivery time |
|---|---|---|---|
{rows}
## Dispatch
- Orders placed before **14:00** on a business day leave the warehouse the same day.
- Orders over **$1,000** ship with **signature on delivery**, whatever the method.
- Overnight is not available to P.O. boxes.
- We ship within the United States only.

## Late deliveries
- Standard parcels not delivered within **7 business days**: refund the shipping fee.
- Express or Overnight parcels delivered late: refund the full shipping fee.
- No movement on tracking for **10 days**: the parcel counts as lost ([[CS:Refund Policy]]).
""",
            ("policy", "shipping", "warehouse"),
            "Warehouse Home",
            wh.username,
            older=(
                (
                    f"""# Shipping Rules

| method | price |
|---|---|
{"".join(f"| {name} | ${price} |" + chr(10) for _c, name, price, _f, _d in SHIPPING)}
Orders before 15:00 ship the same day.
""",
                    "First version",
                ),
            ),
            last_comment="Cut-off moved to 14:00; signature rule; late deliveries",
        ),
        PageDef(
            "OPS",
            "Receiving Deliveries",
            f"""# Receiving Deliveries

1. Count every carton against the purchase order (`PO-xxxx`).
2. Damaged cartons: photograph, refuse, tell `{c.purchasing.username}`.
3. In the back office open the PO and press **Receive**: stock increases by the PO quantity.
4. Short delivery: receive nothing, e-mail purchasing with the counted quantity.
""",
            ("procedure", "warehouse"),
            "Warehouse Home",
            wh.username,
        ),
        PageDef(
            "OPS",
            "Stocktake Procedure",
            f"""# Stocktake Procedure

- Full stocktake on the **last Friday of every month**, aisle by aisle, with `stocktake-cli`.
- Corrections are booked with `stocktake-cli correct <SKU> <count> --reason "..."`.
- A correction of more than **20 units** needs a witness (`--witness <username>`), normally
  `{m.username}`.
- Differences over **$1,000** in value are reported to `{c.bookkeeping.username}`.
""",
            ("procedure", "warehouse", "stock"),
            "Warehouse Home",
            wh.username,
        ),
        PageDef(
            "OPS",
            "Packing Guidelines",
            """# Packing Guidelines

- Laptops, monitors and tablets: double box, corner protectors.
- Cameras and lenses: bubble wrap plus a FRAGILE label.
- Never reuse a supplier's outer carton for customer orders.
- Put the packing slip on top, the invoice only for `invoice` payments.
""",
            ("guidelines", "warehouse"),
            "Warehouse Home",
            asst.username,
        ),
        PageDef(
            "OPS",
            "Carrier Contacts",
            """# Carrier Contacts

| carrier | used for | claims |
|---|---|---|
| UPS | Standard | claims within 60 days, online form |
| FedEx | Express, Overnight | claims within 21 days |
| USPS | P.O. boxes | claims within 60 days |

Pick-up every business day at 16:30.
""",
            ("reference", "shipping"),
            "Warehouse Home",
            wh.username,
        ),
    ]


def marketing(c: Cast) -> list[PageDef]:
    """Marketing & Promotions: the coupon policy and friends."""
    mk, m = c.marketing, c.manager
    rows = "".join(
        f"| `{code}` | {what} | {'$' + str(minimum) + '.00' if minimum else '—'} | "
        f"{cat or 'all'} | {note} |\n"
        for code, what, minimum, cat, note in COUPONS
    )
    return [
        PageDef(
            "MKT",
            "Marketing Home",
            f"""# Marketing & Promotions

Owned by **{mk.display_name}** (`{mk.username}`).

- [[Coupon Policy]] · [[Newsletter Schedule]] · [[Promotions Calendar 2026]]
- [[Brand Voice Guide]] · [[Product Photo Guidelines]]
""",
            ("marketing", "index"),
            home=True,
            author=mk.username,
        ),
        PageDef(
            "MKT",
            "Coupon Policy",
            f"""# Coupon Policy

## Coupons in use
| code | gives | minimum subtotal | category | status |
|---|---|---|---|---|
{rows}
## Rules
1. **One coupon per order.** Coupons never stack.
2. Category coupons (`AUDIO25`, `LAPTOP100`) only discount items of their category.
3. Customer Care may offer **`WELCOME10`** as a goodwill gesture, **once per customer**.
   Any other coupon for a complaint needs `{mk.username}`'s approval.
4. Coupons are never applied to an order after it was placed; refund the difference instead
   ([[CS:Refund Policy]]).
5. New coupons: codes are UPPERCASE letters and digits, at most **30% off**, always with an
   end date. Created only by `{mk.username}`; over 20% off also needs `{m.username}`.
6. `STAFF5` is **retired**: do not reactivate it. Staff discounts are in
   [[HR:Staff Discount Policy]].
7. Expired or used-up coupons stay in the system (inactive) for reporting.
""",
            ("policy", "coupons", "marketing"),
            "Marketing Home",
            mk.username,
            older=(
                (
                    """# Coupon Policy

1. One coupon per order.
2. Customer Care may give any active coupon to unhappy customers.
""",
                    "First version",
                ),
            ),
            last_comment="Only WELCOME10 for goodwill; rules for new coupons",
        ),
        PageDef(
            "MKT",
            "Newsletter Schedule",
            f"""# Newsletter Schedule

- Weekly, **Tuesday 09:00**, from `newsletter@mail.test`.
- Every issue has exactly one coupon code from the [[Coupon Policy]] table.
- Drafts are reviewed by `{m.username}` by Monday 16:00.
""",
            ("marketing", "newsletter"),
            "Marketing Home",
            mk.username,
        ),
        PageDef(
            "MKT",
            "Promotions Calendar 2026",
            """# Promotions Calendar 2026

| period | promotion | coupon |
|---|---|---|
| Jan 1 – Feb 28 | Winter clearance | WINTER30 (ended) |
| Mar 1 – May 31 | Spring sale | SPRING15 |
| Jun 15 – Jun 30 | Audio weeks | AUDIO25 |
| Aug 10 – Sep 10 | Back to school | LAPTOP100 |
| Nov 27 – Dec 1 | Black Friday | to be decided |
""",
            ("marketing", "calendar"),
            "Marketing Home",
            mk.username,
        ),
        PageDef(
            "MKT",
            "Brand Voice Guide",
            """# Brand Voice Guide

- Friendly, plain, short sentences. No jargon unless the customer used it first.
- We are **Northwind Electronics**, never "NW" in customer-facing text.
- Prices always with the dollar sign and cents: $1,299.99.
""",
            ("guidelines", "marketing"),
            "Marketing Home",
            mk.username,
        ),
        PageDef(
            "MKT",
            "Product Photo Guidelines",
            """# Product Photo Guidelines

White background, 2000 × 2000 px, product centred, no watermarks. Three photos minimum:
front, back, in use.
""",
            ("guidelines", "marketing"),
            "Marketing Home",
            mk.username,
        ),
    ]
