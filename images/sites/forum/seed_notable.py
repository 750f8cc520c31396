"""Hand-written posts with known facts for tasks (authors, titles, moderation), planted before
the generated ones. Each: (community, author, title, kind, body or url, days ago, options)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from guigym.images.sites.kit.world import World

__all__ = ["NOTABLE", "BANS", "NOTABLE_COMMENTS", "world_facts"]


def world_facts(world: World, when: datetime) -> dict[str, str]:
    """Shop facts the ``world=True`` posts name (``{po}``...): the latest purchase order of 40+
    units received before ``when`` (a real row of the shop's ``purchase_orders``)."""
    received = [
        po
        for po in world.purchase_orders
        if po.status == "received" and po.received_at is not None and po.received_at < when
    ]
    big = [po for po in received if po.qty >= 40] or received or list(world.purchase_orders)
    po = max(big, key=lambda p: (p.received_at or p.created_at, p.po_number))
    return {
        "po": po.po_number,
        "po_qty": str(po.qty),
        "po_sku": po.sku,
        "po_name": world.product(po.sku).name,
    }


#: Options: pinned, locked, removed (reason, by), flair, votes (up, down), image (kind, alt),
#: world (title and body name shop facts: ``world_facts``).
NOTABLE: list[dict[str, Any]] = [
    dict(
        key="welcome",
        community="announcements",
        author="admin",
        days=120,
        title="Welcome to Threadline — read this first",
        body="Threadline is a place for communities. Join a community with the Join button, "
        "vote on posts and comments you find useful, and report problems to the moderators "
        "listed on each community page. Your karma is the sum of the votes on your posts and "
        "comments. Every community has rules in its sidebar; moderators can remove posts, lock "
        "threads and ban members, and every such action is listed in the community's mod log.",
        pinned=True,
        votes=(64, 2),
    ),
    dict(
        key="maintenance",
        community="announcements",
        author="admin",
        days=2,
        title="Scheduled maintenance on May 20, 06:00-06:30 UTC",
        body="Threadline will be read-only on May 20 from 06:00 to 06:30 UTC while we upgrade "
        "the database. You can still read everything; posting, commenting and voting will be "
        "paused.",
        pinned=True,
        votes=(31, 0),
    ),
    dict(
        key="nw_welcome",
        community="northwind",
        author="amber.holden",
        days=150,
        title="Welcome to c/northwind — how to get help with an order",
        body="Hi all, I'm Amber, store manager at Northwind Electronics. This community is for "
        "customers to talk about products. For anything about a specific order (returns, "
        "refunds, address changes) please email Customer Care at support@mail.test or use the "
        "Returns page of your account: we cannot see your order details here. Please never "
        "post your order number, address or phone number.",
        pinned=True,
        flair="Announcement",
        votes=(48, 1),
    ),
    dict(
        key="anker_hot",
        community="northwind",
        author="jennifer.mcdaniel",
        days=9,
        title="Anker 735 Charger (AC-101) gets very hot while charging a laptop",
        body="Bought the Anker 735 Charger (AC-101) in March. When it charges my laptop and "
        "phone at the same time it gets too hot to touch after 20 minutes. Is this normal for "
        "GaN chargers or should I return it?",
        flair="Help",
        votes=(27, 1),
    ),
    dict(
        key="q1_review",
        community="northwind",
        author="thomas.barry",
        days=40,
        title="Review after 6 months: Keychron Q1 Pro (KB-104)",
        body="Six months with the Keychron Q1 Pro QMK Custom Keyboard - Red Switches (KB-104) "
        "from Northwind. Solid aluminium case, great stabilizers out of the box, and QMK/VIA "
        "remapping works on Mac and Linux. Battery lasts about three weeks with the backlight "
        "off. Downsides: heavy (1.7 kg) and the stock keycaps are shiny after a few months. "
        "Verdict: 9/10, would buy again.",
        flair="Review",
        votes=(88, 3),
    ),
    dict(
        key="mx_vs_lift",
        community="northwind",
        author="becky.gill",
        days=5,
        title="Logitech MX Master 3S (MS-101) vs Lift Vertical (MS-109) for wrist pain?",
        body="My wrist hurts after long days. Anyone switched from the MX Master 3S to the "
        "Lift Vertical Ergonomic Mouse? Was it worth it?",
        flair="Question",
        votes=(19, 0),
    ),
    dict(
        key="spam",
        community="northwind",
        author="frank.wilson",
        days=12,
        title="Cheap chargers, much cheaper than Northwind — visit my store",
        body="DM me for a discount code on chargers and cables.",
        removed=("Rule 5: No spam or self-promotion", "christina.ponce"),
        votes=(1, 14),
    ),
    dict(
        key="shipping_delays",
        community="northwind",
        author="tina.anderson",
        days=20,
        title="Shipping delays in April?",
        body="My order shipped a week ago and tracking has not moved in four days. Anyone "
        "else seeing this?",
        locked=("Order problems go to Customer Care", "amber.holden"),
        flair="Help",
        votes=(7, 2),
    ),
    dict(
        key="coupon_bug",
        community="northwind_dev",
        author="nicholas.robinson",
        days=6,
        title="checkout: SAVE20 applied twice on split shipments",
        body="Two customers got $40 off instead of $20 when their order was split into two "
        "shipments. Looks like checkout applies the coupon per shipment. Can someone "
        "pick this up? Customer Care is refunding the difference manually for now.",
        flair="Incident",
        votes=(12, 0),
    ),
    dict(
        key="po_timeout",
        community="northwind_dev",
        author="matthew.armstrong",
        days=3,
        title="inventory-service times out when receiving a purchase order of 40+ units",
        body="Receiving big purchase orders fails with a timeout in inventory-service "
        "({po}: {po_qty} x {po_sku}, {po_name}), so the stock is not added. POs under 40 "
        "units are fine. We are correcting stock with stocktake-cli in the meantime.",
        world=True,
        flair="Incident",
        votes=(9, 0),
    ),
    dict(
        key="stock_request",
        community="northwind_dev",
        author="julie.lawson",
        days=14,
        title="Request: web-shop should show 'Only N left' when stock is low",
        body="Marketing would like the product page of the web-shop to show 'Only 3 left' "
        "when stock is at or below the reorder level. Could this go into the next sprint?",
        flair="Request",
        votes=(15, 1),
    ),
    dict(
        key="eagle_ridge",
        community="hiking",
        author="lori.barber",
        days=4,
        kind="image",
        title="Eagle Ridge Trail at sunrise — worth the 4am start",
        body="Started at 4:10, reached the ridge at 6:05. Trail is dry, parking lot was empty.",
        image=("landscape", "Sunrise over Eagle Ridge with layered hills"),
        votes=(56, 1),
    ),
    dict(
        key="q1_build",
        community="mechanicalkeyboards",
        author="kristi.brooks",
        days=8,
        kind="image",
        title="Finished my Keychron Q1 Pro with lubed browns",
        body="Lubed Gateron browns, PBT caps, tape mod on the PCB.",
        image=("keyboard", "A Keychron Q1 Pro with beige and orange keycaps"),
        votes=(71, 2),
    ),
    dict(
        key="wiki_link",
        community="help",
        author="christina.ponce",
        days=30,
        kind="link",
        title="Northwind's returns policy, for questions that come up here",
        body="http://shop.test/",
        votes=(6, 0),
    ),
]

#: (community, username, reason, banned by, days ago, days until expiry or None)
BANS: list[tuple[str, str, str, str, int, int | None]] = [
    (
        "northwind",
        "frank.wilson",
        "Spam: advertising another store (rule 5)",
        "christina.ponce",
        12,
        None,
    ),
    ("boardgames", "chad.spears", "Insulting other members (rule 1)", "eric.black", 3, 7),
    ("photography", "karen.grant", "Posting photos that are not yours", "mary.evans", 25, 30),
]

#: Comments on notable posts: (post key, author, body, parent index or None, up, down)
NOTABLE_COMMENTS: list[tuple[str, str, str, int | None, int, int]] = [
    (
        "anker_hot",
        "sean.fuentes",
        "Mine gets warm but not too hot to touch. Sounds like a bad unit.",
        None,
        8,
        0,
    ),
    (
        "anker_hot",
        "nicholas.robinson",
        "Hi Jennifer, Nicholas from Northwind Customer Care. "
        "That is not normal. Please email support@mail.test with your order number and we will "
        "send a replacement or a refund, whichever you prefer.",
        None,
        22,
        0,
    ),
    ("anker_hot", "jennifer.mcdaniel", "Thanks Nicholas, just emailed support.", 1, 5, 0),
    (
        "anker_hot",
        "eric.black",
        "Make sure it is not under a blanket or on a sofa, GaN chargers need some airflow.",
        None,
        4,
        1,
    ),
    (
        "q1_review",
        "kristi.brooks",
        "Agree on the stabilizers. Did you try the brown switches?",
        None,
        10,
        0,
    ),
    ("q1_review", "thomas.barry", "Only in the store. Too tactile for me.", 0, 6, 0),
    (
        "mx_vs_lift",
        "mary.evans",
        "Switched to the Lift a year ago. Took two days to get used to "
        "it and my wrist is much better.",
        None,
        11,
        0,
    ),
    (
        "mx_vs_lift",
        "joseph.baird",
        "Lift is great but it's for small and medium hands.",
        None,
        6,
        0,
    ),
    (
        "coupon_bug",
        "david.phillips",
        "Confirmed from the books: 7 orders since May 1. I'll list them in the issue.",
        None,
        4,
        0,
    ),
    (
        "coupon_bug",
        "amber.holden",
        "Thanks both. Let's make this top priority for checkout this week.",
        None,
        5,
        0,
    ),
    (
        "po_timeout",
        "roberto.johnson",
        "Same here. Every PO over 40 units fails, smaller ones go through.",
        None,
        3,
        0,
    ),
    (
        "stock_request",
        "darius.young",
        "Careful: reorder levels differ a lot per product. Maybe use a fixed threshold like 5?",
        None,
        6,
        0,
    ),
    (
        "shipping_delays",
        "christina.ponce",
        "Please email support@mail.test with your order "
        "number and we'll check with the carrier. Locking this thread so nobody posts order "
        "details here.",
        None,
        9,
        0,
    ),
    ("eagle_ridge", "anna.brown", "Stunning. Was the parking lot really empty at 4am?", None, 7, 0),
    ("eagle_ridge", "lori.barber", "Completely! By 8 it was full though.", 0, 5, 0),
    ("welcome", "becky.gill", "Thanks for building this!", None, 12, 0),
]
