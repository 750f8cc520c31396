# ruff: noqa: E501  (mail prose reads better unwrapped)
"""The shop team's work mail: purchase orders and restocks with suppliers, colleague threads.

Suppliers, the brands they supply and the purchase orders are the shared world's (the rows of
the shop's ``suppliers`` and ``purchase_orders`` tables): darius.young (the purchasing lead)
sends each PO of the last ~5 months (and every cancelled one) to the supplier's contact, who
confirms it (or reports the line backordered, and the PO is cancelled); restock questions are
about the supplier's products that are low in stock now; invoices bill received POs.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guigym.images.sites.kit.world import PurchaseOrder, Supplier, World

from ..mailbox import NewAttachment
from .files import csv_bytes, pdf_bytes, text_bytes
from .plan import Step, Thread, reply_subject
from .world import SHOP_NAME, Product, as_product, money, supplier_products

__all__ = ["mail_purchase_orders", "supplier_threads", "colleague_threads"]

#: Purchase orders created this recently are in the mail (cancelled ones always).
PO_HORIZON = timedelta(days=150)


def _at(now: datetime, days_ago: float, hour: int) -> datetime:
    return (now - timedelta(days=days_ago)).replace(hour=hour, minute=(hour * 13) % 60, second=0)


def mail_purchase_orders(world: World, now: datetime) -> list[PurchaseOrder]:
    """The shop's purchase orders the mail talks about, oldest first."""
    return [
        po
        for po in world.purchase_orders
        if po.created_at < now and (now - po.created_at <= PO_HORIZON or po.status == "cancelled")
    ]


def _po_csv(po: PurchaseOrder, product: Product) -> NewAttachment:
    cost = po.unit_cost_cents / 100
    rows = [(po.sku, product.name, po.qty, f"{cost:.2f}", f"{cost * po.qty:.2f}")]
    data = csv_bytes(("sku", "product", "quantity", "unit_cost", "line_total"), rows)
    return NewAttachment(f"{po.po_number}.csv", "text/csv", data)


def _po_thread(
    world: World, po: PurchaseOrder, supplier: Supplier, buyer, manager, index: int, now: datetime
) -> Thread:
    """The PO sent, the supplier's answer, and what the shop's status says happened next."""
    contact = supplier.contact
    product = as_product(world.product(po.sku))
    sig_b = f"{buyer.display_name}\nPurchasing Lead, {SHOP_NAME}\n{buyer.phone}"
    sig_s = f"{contact.display_name}\n{contact.company}\n{contact.phone}"
    cost = po.unit_cost_cents / 100
    total = cost * po.qty
    subject = f"Purchase order {po.po_number} - {supplier.company}"
    start = po.created_at + timedelta(minutes=10)
    steps = [
        Step(
            start,
            buyer.username,
            [contact.username],
            subject,
            f"Hello {contact.first_name},\n\nPlease find attached our purchase order {po.po_number}:\n\n"
            f"- {po.qty} x {product.name} ({po.sku}) at {money(cost)}\n\nOrder total: {money(total)}\n"
            f"Requested delivery: {po.expected_at:%B %-d, %Y}, to our warehouse at 14 Quay Street.\n\n"
            f"Could you confirm the delivery date?\n\nThank you,\n{sig_b}",
            cc=[manager.username] if index % 3 == 0 else [],
            attachments=[_po_csv(po, product)],
        )
    ]
    answered = start + timedelta(hours=2 + index % 5)
    if po.status == "cancelled":
        body = (
            f"Hi {buyer.first_name},\n\nThanks for {po.po_number}. Unfortunately the {product.name} "
            f"({po.sku}) is backordered until {po.expected_at + timedelta(days=30):%B %-d}. Would "
            f"you like to wait, or shall we cancel the order?\n\nBest,\n{sig_s}"
        )
        reply = f"Please cancel {po.po_number} then; we will reorder later. Thanks for the heads-up!\n\n{buyer.first_name}"
    else:
        body = (
            f"Hi {buyer.first_name},\n\nConfirmed: {po.po_number} ({po.qty} x {po.sku}) will be "
            f"delivered on {po.expected_at:%B %-d}. The invoice follows with the shipment."
            f"\n\nRegards,\n{sig_s}"
        )
        reply = f"Great, thank you {contact.first_name}.\n\n{buyer.first_name}"
    for at, sender, to, text in (
        (answered, contact.username, buyer.username, body),
        (answered + timedelta(hours=1 + index % 3), buyer.username, contact.username, reply),
    ):
        if at < now:
            steps.append(Step(at, sender, [to], reply_subject(subject), text))
    if po.status == "received" and po.received_at is not None:
        steps.append(
            Step(
                po.received_at + timedelta(hours=3),
                buyer.username,
                [contact.username],
                reply_subject(subject),
                f"Hi {contact.first_name},\n\nAll {po.qty} units of {po.sku} arrived today and are "
                f"booked into stock. Thanks!\n\n{buyer.first_name}",
            )
        )
    return Thread(
        "purchase_order",
        steps,
        {"po": po.po_number, "supplier": contact.username, "company": supplier.company},
    )


def _restock_thread(
    world: World, supplier: Supplier, product: Product, buyer, index: int, now: datetime
) -> Thread:
    """Asking the supplier about a product that is low in stock now (no PO number yet)."""
    contact = supplier.contact
    sig_s = f"{contact.display_name}\n{contact.company}\n{contact.phone}"
    asked = _at(now, 2 + index % 9, (9, 13, 15)[index % 3])
    qty = (24, 36, 50)[index % 3]
    subject = f"Restock: {product.name} ({product.sku})"
    stock_text = (
        "We are out of stock" if product.stock == 0 else f"We are down to {product.stock} units"
    )
    steps = [
        Step(
            asked,
            buyer.username,
            [contact.username],
            subject,
            f"Hi {contact.first_name},\n\n{stock_text} of the {product.name} "
            f"({product.sku}). Could you deliver {qty} more within {supplier.lead_time_days} days "
            f"as usual? Is the unit price still {money(product.unit_cost)}?\n\nThanks,\n{buyer.first_name}",
        )
    ]
    answer_at = asked + timedelta(hours=3 + 5 * (index % 4))
    if answer_at < now:
        if index % 3 == 2:
            new_cost = round(product.unit_cost * 1.08, 2)
            text = (
                f"Hi {buyer.first_name},\n\nWe can ship {qty} units within "
                f"{supplier.lead_time_days} days of your purchase order. Please note the unit price "
                f"goes up to {money(new_cost)} from next month because of higher material costs; "
                f"an order this month is still at {money(product.unit_cost)}.\n\nBest regards,\n{sig_s}"
            )
        else:
            text = (
                f"Hi {buyer.first_name},\n\nYes, {qty} units of {product.sku} are available, "
                f"price unchanged at {money(product.unit_cost)}. Just send the purchase order and "
                f"they ship within {supplier.lead_time_days} days.\n\n{sig_s}"
            )
        steps.append(
            Step(answer_at, contact.username, [buyer.username], reply_subject(subject), text)
        )
    return Thread(
        "restock",
        steps,
        {"product": product.sku, "supplier": contact.username, "company": supplier.company},
    )


def _document_thread(
    world: World,
    supplier: Supplier,
    received: list[PurchaseOrder],
    buyer,
    index: int,
    now: datetime,
) -> Thread:
    """An invoice for the latest received PO (PDF), or an updated price list (CSV)."""
    contact = supplier.contact
    sig_s = f"{contact.display_name}\n{contact.company}\n{contact.phone}"
    products = supplier_products(world, supplier.company)
    if received and index % 2 == 0:
        po = received[-1]
        product = as_product(world.product(po.sku))
        sent = po.received_at + timedelta(days=1, hours=2)
        inv = f"INV-{supplier.company.split()[0].strip(',').upper()[:4]}-{po.po_number[3:]}"
        amount = po.qty * po.unit_cost_cents / 100
        pdf = pdf_bytes(
            f"{supplier.company} - invoice {inv}",
            [
                f"To: {SHOP_NAME}, 14 Quay Street, Portland, ME 04101",
                f"Date: {sent:%B %-d, %Y}",
                f"Your purchase order: {po.po_number}",
                "",
                f"{po.qty} x {product.name} ({po.sku}) @ {money(po.unit_cost_cents / 100)}",
                "",
                f"Amount due: {money(amount)}",
                "Payment terms: 30 days net",
            ],
        )
        steps = [
            Step(
                sent,
                contact.username,
                [buyer.username],
                f"Invoice {inv} from {supplier.company} ({po.po_number})",
                f"Dear {buyer.first_name},\n\nAttached is invoice {inv} over {money(amount)} for "
                f"purchase order {po.po_number}, delivered on {po.received_at:%B %-d}. Payment terms "
                f"are 30 days net.\n\nKind regards,\n{sig_s}",
                attachments=[NewAttachment(f"{inv}.pdf", "application/pdf", pdf)],
            )
        ]
        tags = {"invoice": inv, "po": po.po_number}
    else:
        sent = _at(now, 5 + 4 * index, (8, 10, 16)[index % 3])
        rows = [
            (p.sku, p.name, f"{p.unit_cost:.2f}", f"{p.unit_cost * 1.05:.2f}") for p in products
        ]
        brands = ", ".join(supplier.brands)
        steps = [
            Step(
                sent,
                contact.username,
                [buyer.username],
                f"{supplier.company}: price list {sent:%B %Y}",
                f"Hello {buyer.first_name},\n\nPlease find our updated price list ({brands}) attached. "
                f"New prices (+5%) apply to orders placed from {sent + timedelta(days=30):%B %-d}."
                f"\n\nBest,\n{sig_s}",
                attachments=[
                    NewAttachment(
                        f"price-list-{sent:%Y-%m}.csv",
                        "text/csv",
                        csv_bytes(("sku", "product", "current_price", "new_price"), rows),
                    )
                ],
            )
        ]
        tags = {"price_list": brands}
    return Thread("supplier_document", steps, {"supplier": contact.username, **tags})


def supplier_threads(world: World, buyer, manager, now: datetime) -> list[Thread]:
    """Per supplier: its purchase orders, a restock question, an invoice or a price list."""
    threads: list[Thread] = []
    pos = mail_purchase_orders(world, now)
    for index, supplier in enumerate(sorted(world.suppliers, key=lambda s: s.contact.username)):
        mine = [po for po in pos if po.supplier == supplier.company]
        for n, po in enumerate(mine):
            threads.append(_po_thread(world, po, supplier, buyer, manager, index + n, now))
        products = supplier_products(world, supplier.company)
        low = sorted(products, key=lambda p: (p.stock - p.reorder_level, p.sku))
        if low:
            threads.append(_restock_thread(world, supplier, low[0], buyer, index, now))
        received = [
            po
            for po in world.purchase_orders
            if po.supplier == supplier.company
            and po.status == "received"
            and po.received_at
            and po.received_at + timedelta(days=2) < now
        ]
        threads.append(_document_thread(world, supplier, received, buyer, index, now))
    return threads


_COLLEAGUE = (
    (
        "Weekly team meeting - agenda",
        "Hi all,\n\nAgenda for Monday 9:30:\n1. Sales last week\n2. Low-stock items\n3. Returns backlog\n4. Summer newsletter plan\n\nAdd anything you like by replying.\n\n{first}",
        "agenda.txt",
    ),
    (
        "Stocktake on Saturday",
        "Hi team,\n\nWe do the quarterly stocktake this Saturday from 8:00. Please bring the scanners charged; coffee and pastries are on me.\n\n{first}",
        None,
    ),
    (
        "Holiday rota for {month}",
        "Hello everyone,\n\nAttached is the draft holiday rota for {month}. Please check your days and tell me by Friday if something clashes.\n\nThanks,\n{first}",
        "rota.csv",
    ),
    (
        "Returns backlog",
        "Hi,\n\nWe have 23 returns waiting to be checked. Could two of us spend Wednesday afternoon on them?\n\n{first}",
        None,
    ),
    (
        "Low-stock report",
        "Morning,\n\nHere is this week's low-stock report from the back office. The ones at zero are the urgent ones.\n\n{first}",
        "low-stock.csv",
    ),
    (
        "Team lunch on Friday?",
        "Hi all,\n\nShall we try the new Thai place on Fore Street on Friday at 12:30? Reply if you are in.\n\n{first}",
        None,
    ),
    (
        "New product photos are in",
        "Hi,\n\nThe photographer delivered the new product photos. I put them on the shared drive under 2026/photos; marketing, please pick the newsletter ones.\n\n{first}",
        None,
    ),
)
_ANSWERS = (
    "Sounds good, count me in.",
    "Thanks! Works for me.",
    "I can do Wednesday afternoon.",
    "Could we move it to 10:00? I have a supplier call at 9.",
    "Added two items: the parcel scale is broken again, and we need more boxes.",
    "I'm in!",
    "Thanks for organising this.",
)


def colleague_threads(rng: random.Random, world: World, staff: list, now: datetime) -> list[Thread]:
    """Team threads among staff, with a few replies each (some with attachments)."""
    threads = []
    for i, (subject_t, body_t, filename) in enumerate(_COLLEAGUE):
        author = staff[i % len(staff)]
        others = [p for p in staff if p is not author]
        start = _at(now, 2 + i * 9 + rng.randint(0, 5), rng.choice((8, 9, 16)))
        month = (start + timedelta(days=30)).strftime("%B")
        subject = subject_t.format(month=month)
        attachments = []
        if filename == "agenda.txt":
            attachments.append(
                NewAttachment(
                    "agenda.txt", "text/plain", text_bytes(body_t.format(first=author.first_name))
                )
            )
        elif filename == "rota.csv":
            rows = [
                (p.display_name, f"{month} {3 + 4 * k}", f"{month} {7 + 4 * k}")
                for k, p in enumerate(staff)
            ]
            attachments.append(
                NewAttachment(
                    f"holiday-rota-{month.lower()}.csv",
                    "text/csv",
                    csv_bytes(("name", "from", "to"), rows),
                )
            )
        elif filename == "low-stock.csv":
            rows = [
                (p.sku, p.name, p.stock, p.reorder_level)
                for p in world.products
                if p.stock <= p.reorder_level
            ]
            attachments.append(
                NewAttachment(
                    "low-stock.csv",
                    "text/csv",
                    csv_bytes(("sku", "product", "in_stock", "reorder_level"), rows),
                )
            )
        steps = [
            Step(
                start,
                author.username,
                [p.username for p in others],
                subject,
                body_t.format(first=author.first_name, month=month),
                attachments=attachments,
            )
        ]
        at = start
        for responder in rng.sample(others, min(len(others), rng.randint(1, 3))):
            at = at + timedelta(minutes=rng.randint(20, 300))
            if at >= now:
                break
            steps.append(
                Step(
                    at,
                    responder.username,
                    [author.username],
                    reply_subject(subject),
                    f"{rng.choice(_ANSWERS)}\n\n{responder.first_name}",
                    cc=[p.username for p in others if p is not responder][:2],
                )
            )
        threads.append(Thread("colleagues", steps, {"author": author.username}))
    return threads
