"""The page templates people create pages from: (key, name, description, title hint, labels,
Markdown body). ``{date}`` in a title hint becomes the frozen today's date."""

from __future__ import annotations

__all__ = ["TEMPLATES"]

TEMPLATES: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "meeting-notes",
        "Meeting notes",
        "Agenda, attendees, notes and action items.",
        "Meeting {date}",
        "meeting-notes",
        """# Meeting notes

**Date:** {date}
**Attendees:** @someone, @someone-else

## Agenda
1. 

## Notes


## Action items
- [ ] owner: what, by when
""",
    ),
    (
        "procedure",
        "Procedure",
        "Step-by-step instructions with an owner and prerequisites.",
        "",
        "procedure",
        """# Procedure

**Owner:** username · **Applies to:** team

## When to use this procedure


## Steps
1. 
2. 
3. 

## If something goes wrong
Escalate as described in the [[CS:Escalation Matrix]].
""",
    ),
    (
        "policy",
        "Policy",
        "A rule the team follows, with scope, limits and approvals.",
        "",
        "policy",
        """# Policy

**Owner:** username · **Effective from:** {date}

## Purpose


## Rules
| rule | limit | approval |
|---|---|---|
|  |  |  |

## Exceptions
Exceptions need the Store Manager's written approval.
""",
    ),
    (
        "product-spec",
        "Product spec",
        "A product line: SKUs, specifications, support notes.",
        "",
        "product",
        """# Product spec

**Brand:** · **Category:**

## Variants
| SKU | variant | price |
|---|---|---|
|  |  |  |

## Specifications
| spec | value |
|---|---|
|  |  |

## Support notes
- 
""",
    ),
    (
        "decision-record",
        "Decision record",
        "An architecture decision: context, decision, consequences.",
        "ADR: ",
        "adr",
        """# Decision

**Status:** Proposed · **Date:** {date}

## Context


## Decision


## Consequences
- 
""",
    ),
)
