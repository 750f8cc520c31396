# ruff: noqa: E501  (Markdown page text reads better unwrapped)
"""Generated pages: meeting notes, decision records, post-mortems (templates + Faker).

Deterministic: only ``ctx.faker`` and ``ctx.rng`` are used, and dates count back from
``ctx.now``.
"""

from __future__ import annotations

from datetime import timedelta

from guigym.images.sites.kit import SeedContext

from .catalog_facts import PRODUCTS
from .company import PROJECTS
from .pagedef import PageDef
from .world import Cast

__all__ = ["bulk_pages"]

_ADR_TOPICS = (
    "Use SQLite for local development",
    "Money as integer cents",
    "One repository per service",
    "Server-rendered pages for the back office",
    "Retry e-mail with exponential back-off",
    "Reserve stock for 15 minutes",
    "SKU format: prefix and number",
    "Feature flags in config",
    "Structured JSON logs",
    "Nightly search reindex",
    "Signed session cookies",
    "Images served in three sizes",
)
_INCIDENTS = (
    ("Checkout down after deploy", "checkout", 42),
    ("Newsletter sent twice", "mail-gateway", 15),
    ("Stock shown as zero for all SKUs", "inventory-service", 67),
    ("Search returned no results", "search-indexer", 31),
    ("Order confirmation e-mails delayed", "mail-gateway", 95),
    ("Product images missing", "product-images", 23),
)


def _hhmm(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM`` (wrapping past midnight)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _meeting(
    ctx: SeedContext,
    c: Cast,
    space: str,
    team: str,
    parent: str,
    people: list[str],
    when_days: int,
    topics: list[str],
) -> PageDef:
    faker, rng = ctx.faker, ctx.rng
    day = (ctx.now - timedelta(days=when_days)).date()
    chosen = rng.sample(topics, 3)
    owners = [rng.choice(people) for _ in chosen]
    actions = "".join(
        f"- [ ] `{o}`: {faker.sentence(nb_words=7).rstrip('.')} ({t.lower()})\n"
        for o, t in zip(owners, chosen, strict=True)
    )
    notes = "".join(f"### {t}\n{faker.paragraph(nb_sentences=3)}\n\n" for t in chosen)
    return PageDef(
        space,
        f"{team} meeting {day.isoformat()}",
        f"""# {team} meeting {day:%B %d, %Y}

**Attendees:** {", ".join(f"`{p}`" for p in people)}

## Agenda
{"".join(f"1. {t}{chr(10)}" for t in chosen)}
## Notes
{notes}## Action items
{actions}""",
        ("meeting-notes", team.lower().replace(" ", "-")),
        parent,
        people[0],
        days_ago=when_days,
    )


def bulk_pages(ctx: SeedContext, c: Cast) -> list[PageDef]:
    """About 60 generated pages across CS, PUR, OPS, ENG and MKT."""
    faker, rng = ctx.faker, ctx.rng
    s = [p.username for p in c.staff]
    pages: list[PageDef] = [
        PageDef(
            "CS",
            "Team Meetings",
            "# Team Meetings\n\nWeekly Customer Care meetings, newest first (child pages).\n",
            ("meeting-notes", "index"),
            "Customer Service Home",
            c.care_lead.username,
        ),
        PageDef(
            "PUR",
            "Purchasing Meetings",
            "# Purchasing Meetings\n\nWeekly purchasing review (child pages).\n",
            ("meeting-notes", "index"),
            "Purchasing Home",
            c.purchasing.username,
        ),
        PageDef(
            "ENG",
            "Sprint Retrospectives",
            "# Sprint Retrospectives\n\nOne page per two-week sprint.\n",
            ("meeting-notes", "index"),
            "Engineering Home",
            s[0],
        ),
    ]
    cs_topics = [
        "Return backlog",
        "Refunds over $500 waiting for approval",
        "Late deliveries",
        "New reply templates",
        "Coupon complaints",
        "Holiday cover",
        "Damaged parcels",
    ]
    for week in range(14):
        pages.append(
            _meeting(
                ctx,
                c,
                "CS",
                "Customer Care",
                "Team Meetings",
                [c.care_lead.username, c.care.username, c.manager.username],
                3 + 7 * week,
                cs_topics,
            )
        )
    skus = [p[0] for p in PRODUCTS]
    for week in range(12):
        topics = [
            f"Restock {rng.choice(skus)}",
            "Supplier lead times",
            "Backordered lines",
            "Price list updates",
            f"Low-stock report ({rng.randint(8, 30)} SKUs)",
            "POs awaiting approval",
        ]
        pages.append(
            _meeting(
                ctx,
                c,
                "PUR",
                "Purchasing",
                "Purchasing Meetings",
                [c.purchasing.username, c.manager.username, c.warehouse.username],
                2 + 7 * week,
                topics,
            )
        )
    for sprint in range(10):
        topics = [
            f"{rng.choice(PROJECTS)[2]} release",
            "Flaky tests",
            "On-call load",
            "Code review turnaround",
            "Customer-reported bugs",
            "Tech debt",
        ]
        pages.append(
            _meeting(
                ctx,
                c,
                "ENG",
                "Sprint retro",
                "Sprint Retrospectives",
                rng.sample(s, 4),
                5 + 14 * sprint,
                topics,
            )
        )
    for n, topic in enumerate(_ADR_TOPICS, start=1):
        status = rng.choice(["Accepted", "Accepted", "Accepted", "Superseded", "Proposed"])
        pages.append(
            PageDef(
                "ENG",
                f"ADR-{n:03d}: {topic}",
                f"""# ADR-{n:03d}: {topic}

**Status:** {status} · **Deciders:** {", ".join(f"`{u}`" for u in rng.sample(s, 2))}

## Context
{faker.paragraph(nb_sentences=4)}

## Decision
{topic}. {faker.paragraph(nb_sentences=2)}

## Consequences
- {faker.sentence()}
- {faker.sentence()}
""",
                ("adr", "engineering"),
                "Architecture Decisions",
                rng.choice(s),
                days_ago=30 + 25 * (len(_ADR_TOPICS) - n),
            )
        )
    for n, (title, project, minutes) in enumerate(_INCIDENTS):
        oncall = rng.choice(s)
        start = rng.randint(0, 23 * 60)
        pages.append(
            PageDef(
                "ENG",
                f"Post-mortem: {title}",
                f"""# Post-mortem: {title}

| | |
|---|---|
| project | `{project}` |
| duration | {minutes} minutes |
| on call | `{oncall}` |
| severity | {"critical" if minutes > 40 else "high"} |

## Timeline
- {_hhmm(start)} alert fired
- {_hhmm(start + rng.randint(2, 9))} `{oncall}` acknowledged
- {_hhmm(start + minutes)} fix deployed

## Root cause
{faker.paragraph(nb_sentences=3)}

## Follow-ups
- {faker.sentence()}
- {faker.sentence()}
""",
                ("post-mortem", "incident", "engineering"),
                "Post-mortems",
                oncall,
                days_ago=20 + 37 * n,
            )
        )
    faq = [
        ("How do I find an order by customer e-mail?", "Back office → Orders, search box."),
        ("Can a customer change the shipping address?", "Only while the order is pending."),
        ("How do I resend an order confirmation?", "Ask engineering; see the Mail Gateway."),
        ("What if the coupon did not apply?", "Refund the difference; see the Coupon Policy."),
        ("How do I reach the warehouse?", f"E-mail `{c.warehouse.username}@mail.test`."),
        ("Who approves a refund over $500?", f"The Store Manager, `{c.manager.username}`."),
    ]
    pages.append(
        PageDef(
            "CS",
            "Customer Care FAQ",
            "# Customer Care FAQ\n\n" + "".join(f"## {q}\n{a}\n\n" for q, a in faq),
            ("faq", "customer-service"),
            "Customer Service Home",
            c.care.username,
        )
    )
    return pages
