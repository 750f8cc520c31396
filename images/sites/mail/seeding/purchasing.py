# ruff: noqa: E501  (mail prose reads better unwrapped)
"""The shop team's work mail: purchase orders and restocks with suppliers, colleague threads.

Every supplier company gets one product line (``world.PRODUCT_LINES``, by sorted company
name); the purchasing lead orders from each supplier's contacts, who confirm, report delays or
send invoices and price lists.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..mailbox import NewAttachment
from .files import csv_bytes, pdf_bytes, text_bytes
from .plan import Step, Thread, reply_subject
from .world import PRODUCT_LINES, SHOP_NAME, Product, money

__all__ = ["supplier_lines", "supplier_threads", "colleague_threads"]


def supplier_lines(suppliers: list) -> dict[str, tuple[str, tuple[Product, ...]]]:
    """company -> (category, products): companies in sorted order take the lines in order."""
    companies = sorted({p.company for p in suppliers if p.company})
    return {c: PRODUCT_LINES[i % len(PRODUCT_LINES)] for i, c in enumerate(companies)}


def _at(now: datetime, days_ago: float, hour: int) -> datetime:
    return (now - timedelta(days=days_ago)).replace(hour=hour, minute=(hour * 13) % 60, second=0)


def _po_csv(number: str, lines: list[tuple[Product, int]]) -> NewAttachment:
    rows = [(p.sku, p.name, q, f"{p.unit_cost:.2f}", f"{p.unit_cost * q:.2f}") for p, q in lines]
    data = csv_bytes(("sku", "product", "quantity", "unit_cost", "line_total"), rows)
    return NewAttachment(f"{number}.csv", "text/csv", data)


def supplier_threads(
    rng: random.Random, suppliers: list, buyer, manager, now: datetime
) -> list[Thread]:
    """Per supplier contact: a purchase order, a restock question, and an invoice or price list."""
    lines = supplier_lines(suppliers)
    threads: list[Thread] = []
    po_counter = 140
    sig_b = f"{buyer.display_name}\nPurchasing Lead, {SHOP_NAME}\n{buyer.phone}"
    for index, contact in enumerate(sorted(suppliers, key=lambda p: p.username)):
        category, products = lines.get(contact.company, PRODUCT_LINES[index % len(PRODUCT_LINES)])
        sig_s = f"{contact.display_name}\n{contact.company}\n{contact.phone}"
        # 1. A purchase order, confirmed (sometimes one line is backordered).
        po_counter += 1
        number = f"PO-2026-{po_counter:04d}"
        ordered = [
            (p, rng.choice((12, 24, 24, 36, 48, 60)))
            for p in rng.sample(products, min(3, len(products)))
        ]
        total = sum(p.unit_cost * q for p, q in ordered)
        start = _at(now, rng.randint(40, 110), rng.choice((9, 10, 11, 14)))
        listing = "\n".join(
            f"- {q} x {p.name} ({p.sku}) at {money(p.unit_cost)}" for p, q in ordered
        )
        subject = f"Purchase order {number} - {contact.company}"
        steps = [
            Step(
                start,
                buyer.username,
                [contact.username],
                subject,
                f"Hello {contact.first_name},\n\nPlease find attached our purchase order {number}:\n\n"
                f"{listing}\n\nOrder total: {money(total)}\nRequested delivery: "
                f"{start + timedelta(days=14):%B %-d, %Y}, to our warehouse at 14 Quay Street.\n\n"
                f"Could you confirm the delivery date?\n\nThank you,\n{sig_b}",
                cc=[manager.username] if index % 3 == 0 else [],
                attachments=[_po_csv(number, ordered)],
            )
        ]
        late = ordered[-1][0]
        if index % 4 == 1:
            body = (
                f"Hi {buyer.first_name},\n\nThanks for {number}. Everything ships on "
                f"{start + timedelta(days=9):%B %-d} except the {late.name} ({late.sku}): that one "
                f"is backordered until {start + timedelta(days=30):%B %-d}. Shall we send it "
                f"separately when it is in, or would you like to cancel that line?\n\nBest,\n{sig_s}"
            )
            reply = f"Please send it separately when it is in. Thanks for the heads-up!\n\n{buyer.first_name}"
        else:
            body = (
                f"Hi {buyer.first_name},\n\nConfirmed: {number} ships complete on "
                f"{start + timedelta(days=10):%B %-d} by freight, {len(ordered)} pallets' worth. "
                f"The invoice will follow with the shipment.\n\nRegards,\n{sig_s}"
            )
            reply = f"Great, thank you {contact.first_name}.\n\n{buyer.first_name}"
        steps.append(
            Step(
                start + timedelta(hours=rng.randint(3, 30)),
                contact.username,
                [buyer.username],
                reply_subject(subject),
                body,
            )
        )
        steps.append(
            Step(
                steps[-1].at + timedelta(hours=rng.randint(1, 20)),
                buyer.username,
                [contact.username],
                reply_subject(subject),
                reply,
            )
        )
        threads.append(
            Thread(
                "purchase_order",
                steps,
                {"po": number, "supplier": contact.username, "company": contact.company},
            )
        )

        # 2. A restock question about a product running low.
        product = products[(index + 1) % len(products)]
        asked = _at(now, rng.randint(3, 35), rng.choice((9, 13, 15)))
        left = rng.randint(2, 9)
        qty = rng.choice((24, 36, 50))
        subject = f"Restock: {product.name} ({product.sku})"
        steps = [
            Step(
                asked,
                buyer.username,
                [contact.username],
                subject,
                f"Hi {contact.first_name},\n\nWe are down to {left} units of the {product.name} "
                f"({product.sku}). Could you deliver {qty} more by {asked + timedelta(days=10):%B %-d}? "
                f"Is the unit price still {money(product.unit_cost)}?\n\nThanks,\n{buyer.first_name}",
            )
        ]
        answer_at = asked + timedelta(hours=rng.randint(2, 40))
        if answer_at < now:
            if index % 3 == 2:
                new_cost = round(product.unit_cost * 1.08, 2)
                text = (
                    f"Hi {buyer.first_name},\n\nWe can ship {qty} units on "
                    f"{answer_at + timedelta(days=6):%B %-d}. Please note the unit price goes up to "
                    f"{money(new_cost)} from next month because of higher material costs; this "
                    f"order is still at {money(product.unit_cost)}.\n\nBest regards,\n{sig_s}"
                )
            else:
                text = (
                    f"Hi {buyer.first_name},\n\nYes, {qty} units of {product.sku} can leave our "
                    f"warehouse on {answer_at + timedelta(days=4):%B %-d}, price unchanged at "
                    f"{money(product.unit_cost)}. I will send the tracking details.\n\n{sig_s}"
                )
            steps.append(
                Step(answer_at, contact.username, [buyer.username], reply_subject(subject), text)
            )
        threads.append(
            Thread(
                "restock",
                steps,
                {"product": product.sku, "supplier": contact.username, "company": contact.company},
            )
        )

        # 3. An invoice (PDF) or an updated price list (CSV) from the supplier.
        sent = _at(now, rng.randint(5, 60), rng.choice((8, 10, 16)))
        if index % 2 == 0:
            inv = f"INV-{contact.company.split()[0].upper()[:4]}-{2600 + index * 17}"
            amount = sum(p.unit_cost * 24 for p in products[:2])
            pdf = pdf_bytes(
                f"{contact.company} - invoice {inv}",
                [
                    f"To: {SHOP_NAME}, 14 Quay Street, Portland, ME 04101",
                    f"Date: {sent:%B %-d, %Y}",
                    "",
                ]
                + [f"24 x {p.name} ({p.sku}) @ {money(p.unit_cost)}" for p in products[:2]]
                + ["", f"Amount due: {money(amount)}", "Payment terms: 30 days net"],
            )
            steps = [
                Step(
                    sent,
                    contact.username,
                    [buyer.username],
                    f"Invoice {inv} from {contact.company}",
                    f"Dear {buyer.first_name},\n\nAttached is invoice {inv} over {money(amount)} for "
                    f"the last delivery. Payment terms are 30 days net.\n\nKind regards,\n{sig_s}",
                    attachments=[NewAttachment(f"{inv}.pdf", "application/pdf", pdf)],
                )
            ]
            tags = {"invoice": inv}
        else:
            rows = [
                (p.sku, p.name, f"{p.unit_cost:.2f}", f"{p.unit_cost * 1.05:.2f}") for p in products
            ]
            steps = [
                Step(
                    sent,
                    contact.username,
                    [buyer.username],
                    f"{contact.company}: {category} price list {sent:%B %Y}",
                    f"Hello {buyer.first_name},\n\nPlease find our updated {category.lower()} price "
                    f"list attached. New prices apply to orders placed from "
                    f"{sent + timedelta(days=30):%B %-d}.\n\nBest,\n{sig_s}",
                    attachments=[
                        NewAttachment(
                            f"price-list-{sent:%Y-%m}.csv",
                            "text/csv",
                            csv_bytes(("sku", "product", "current_price", "new_price"), rows),
                        )
                    ],
                )
            ]
            tags = {"price_list": category}
        threads.append(Thread("supplier_document", steps, {"supplier": contact.username, **tags}))
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
        "Morning,\n\nHere is this week's low-stock report from the back office. The kitchen and outdoor items are the urgent ones.\n\n{first}",
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


def colleague_threads(rng: random.Random, staff: list, now: datetime) -> list[Thread]:
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
                (p.sku, p.name, rng.randint(0, 6), 10)
                for _c, line in PRODUCT_LINES[:4]
                for p in line[:2]
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
