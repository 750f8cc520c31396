"""Issue and comment text: generated from templates (topics, SKUs, order numbers) plus a few
hand-written notable issues per project that other sites' tasks can refer to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .projects import SKUS, ProjectDef

__all__ = [
    "IssueDraft",
    "generated_issue",
    "notable_issues",
    "COMMENTS",
    "MR_COMMENTS",
    "BASE_LABELS",
    "area_labels",
]

#: name -> (color, description); every project has these.
BASE_LABELS: dict[str, tuple[str, str]] = {
    "bug": ("#d9534f", "Something is broken"),
    "feature": ("#428bca", "New behaviour"),
    "documentation": ("#5cb85c", "Docs and READMEs"),
    "priority::critical": ("#8e0000", "Drop everything"),
    "priority::high": ("#e67e22", "This sprint"),
    "priority::low": ("#95a5a6", "When there is time"),
    "customer-report": ("#9b59b6", "Reported by a customer or customer care"),
    "good first issue": ("#1abc9c", "Small and well understood"),
    "tech-debt": ("#7f8c8d", "Cleanup that pays off later"),
    "incident": ("#c0392b", "Production incident"),
}
_EXTRA = {
    "returns-dashboard": {"refund": ("#f39c12", "Refund escalations")},
    "handbook": {"access": ("#16a085", "Access requests")},
}


def area_labels(p: ProjectDef) -> dict[str, tuple[str, str]]:
    """Per-project labels: one per topic area (+ a few special ones)."""
    out = {t.replace(" ", "-").lower(): ("#34495e", f"Area: {t}") for t in p.topics}
    out.update(_EXTRA.get(p.path, {}))
    return out


@dataclass
class IssueDraft:
    """An issue before it gets ids, people and dates."""

    title: str
    description: str
    labels: list[str] = field(default_factory=list)
    state: str | None = None  # None: decided by age
    assignee: str | None = None  # "lead" or None (decided by the seed)
    comments: list[str] = field(default_factory=list)
    milestone: str | None = None  # "current", "previous" or None
    author: str | None = None  # "customer" or None
    order_kind: str | None = None  # a real shop order fills {order}...: see orders.pick_order
    order_slot: int = 0


def _order_slot(rng: random.Random) -> int:
    """Which of the recent orders a generated issue names (resolved by the seed, by date)."""
    return rng.randint(10421, 10620) - 10421


_BUG = (
    "Product page of {sku} shows wrong stock",
    "Wrong price shown for {sku} in the {topic}",
    "{Topic}: 500 error when the request has no {thing}",
    "Order {order} stuck in 'processing' after payment",
    "{Topic} is slow when the catalog has more than 300 products",
    "Flaky test in test_{topic_slug}",
    "{Topic} ignores the page size setting",
    "{sku} ({name}) listed twice in the {topic}",
    "Timeout talking to the inventory service from the {topic}",
    "Customer care: {topic} shows an empty page for order {order}",
)
_FEATURE = (
    "Add metrics for the {topic}",
    "Support bulk actions in the {topic}",
    "Show {name} bundles in the {topic}",
    "Export {topic} data as CSV",
    "Improve the error message of the {topic}",
    "Cache {topic} responses for 5 minutes",
)
_CHORE = (
    "Upgrade {dep} to {ver}",
    "Document the {topic} flow",
    "Remove the old {topic} code path",
    "Split the {topic} module in two",
)
_DEPS = (
    ("fastapi", "0.115"),
    ("sqlalchemy", "2.1"),
    ("httpx", "0.28"),
    ("vite", "5.4"),
    ("go", "1.23"),
    ("terraform", "1.9"),
    ("pytest", "8.3"),
    ("node", "22"),
)
_THINGS = ("quantity", "SKU", "customer id", "currency", "postcode", "order number")

COMMENTS = (
    "I can reproduce this on staging.",
    "Looks like this started after the last deploy.",
    "Customer care got two more reports about this today.",
    "I'll take this one.",
    "Could you add the request id from the logs?",
    "Workaround for now: clear the cache and reload the page.",
    "Moving this to the next milestone, we are out of time this quarter.",
    "The root cause is in the validation, the value is never checked before saving.",
    "Confirmed with the warehouse: the physical count is correct, the page is not.",
    "Added a test that fails without the fix.",
    "This also affects the mobile layout.",
    "Is this still happening? I could not reproduce it today.",
    "Yes, still happening for me with a fresh account.",
    "Let's pair on this tomorrow morning.",
    "Closing: fixed by the last release.",
)
MR_COMMENTS = (
    "Looks good to me, one small nit inline.",
    "Can we add a test for the empty case?",
    "Please update the CHANGELOG in this MR.",
    "Nice cleanup, thanks!",
    "Does this need a migration?",
    "I tested this on staging, works as expected.",
    "Could you split the config change into its own MR?",
    "LGTM.",
    "Rebased on main, ready for another look.",
    "Small thing: the variable name is a bit vague.",
)


def generated_issue(p: ProjectDef, rng: random.Random) -> IssueDraft:
    """One plausible issue for project ``p``."""
    sku, name = rng.choice(SKUS)
    topic = rng.choice(p.topics)
    dep, ver = rng.choice(_DEPS)
    kind = rng.choices(("bug", "feature", "chore"), (5, 3, 2))[0]
    template = rng.choice({"bug": _BUG, "feature": _FEATURE, "chore": _CHORE}[kind])
    slot = _order_slot(rng)
    values = {
        "sku": sku,
        "name": name,
        "topic": topic,
        "Topic": topic[:1].upper() + topic[1:],
        "topic_slug": topic.replace(" ", "_").lower(),
        "order": "{order}",
        "dep": dep,
        "ver": ver,
        "thing": rng.choice(_THINGS),
    }
    title = template.format(**values)
    labels = {"bug": ["bug"], "feature": ["feature"], "chore": ["tech-debt"]}[kind]
    if "Document" in title:
        labels = ["documentation"]
    area = topic.replace(" ", "-").lower()
    if topic in p.topics:
        labels.append(area)
    if kind == "bug":
        labels.append(
            rng.choices(("priority::high", "priority::low", "priority::critical"), (4, 4, 1))[0]
        )
        if "{sku}" in template or "{order}" in template:
            labels.append("customer-report")
        description = (
            f"### Steps to reproduce\n1. Open the {topic}"
            + (f" for **{sku}** ({name})" if "{sku}" in template else "")
            + (f" for order **{values['order']}**" if "{order}" in template else "")
            + "\n2. Look at the result\n\n### Expected\nThe right data, as in the back office.\n\n"
            "### Actual\nSee the title. "
            + rng.choice(
                (
                    "Happens every time.",
                    "Happens about one time in five.",
                    "Only with a logged-in customer.",
                    "Started this week.",
                )
            )
        )
    elif kind == "feature":
        if rng.random() < 0.3:
            labels.append("good first issue")
        description = (
            f"We want this so that customer care and the warehouse spend less time "
            f"on manual work around the {topic}.\n\n**Acceptance criteria**\n\n"
            f"- [ ] covered by tests\n- [ ] documented in the README"
        )
    else:
        description = f"Housekeeping for the {topic}. No behaviour change expected."
    n = rng.choices((0, 1, 2, 3, 4), (2, 3, 3, 2, 1))[0]
    draft = IssueDraft(title, description, labels, comments=rng.sample(COMMENTS, n))
    if "{order}" in template:
        draft.order_kind, draft.order_slot = "any", slot
    return draft


def notable_issues(p: ProjectDef, suppliers: list[str]) -> list[IssueDraft]:
    """Hand-written issues that tasks refer to by title (stable for every seed)."""
    s0 = suppliers[0] if suppliers else "a supplier"
    table: dict[str, list[IssueDraft]] = {
        "web-shop": [
            IssueDraft(
                "Product page of KB-104 shows wrong stock",
                "The product page of **KB-104** (Keychron Q1 Pro QMK Custom Keyboard) says "
                "*14 in stock* but the warehouse count is **3**. Customers order it and "
                "customer care has to cancel, as with order {order}.\n\n"
                "Probably the stock cache in `shop/stock.py` is not invalidated after a "
                "stock correction in the inventory service.",
                ["bug", "customer-report", "catalog", "priority::high"],
                "opened",
                "lead",
                [
                    "I can reproduce this on staging.",
                    "Confirmed with the warehouse: the physical count is correct, the page is not.",
                ],
                "current",
                "customer",
                "cancelled:KB-104",
            ),
            IssueDraft(
                "Wishlist button does nothing for signed-out visitors",
                "Clicking *Add to wishlist* while signed out should send the visitor "
                "to the sign-in page and come back; today nothing happens.",
                ["bug", "wishlist", "priority::low"],
                "opened",
                None,
                [],
                "current",
            ),
            IssueDraft(
                "Search for 'mx master' does not find MS-101",
                "Searching *mx master* returns nothing; *MX Master 3S* works. The search "
                "should ignore case and the model suffix.",
                ["bug", "search-box", "customer-report"],
                "closed",
                "lead",
                ["Fixed by the synonyms change in the search indexer."],
                "previous",
            ),
        ],
        "inventory-service": [
            IssueDraft(
                "Reservations for HP-101 never expire",
                "Cart reservations of **HP-101** stay after 15 minutes, so the product "
                "shows as out of stock although 9 units are on the shelf.",
                ["bug", "reservation", "priority::critical"],
                "opened",
                "lead",
                ["Looks like this started after the last deploy."],
                "current",
            ),
            IssueDraft(
                "Low-stock report misses ST-107",
                "The daily low-stock report at 07:00 did not list **ST-107** (Samsung T7 "
                "Shield) with 2 units available. Threshold is 5 or fewer.",
                ["bug", "low-stock-report"],
                "closed",
                "lead",
                ["Fixed: the report compared with < instead of <=."],
                "previous",
            ),
        ],
        "order-api": [
            IssueDraft(
                "Order {order} shows 'shipped' without a tracking number",
                "Order **{order}** moved to *shipped* but the order API returned an empty "
                "tracking number, so the shipping e-mail has a broken link.",
                ["bug", "tracking-number", "customer-report", "priority::high"],
                "opened",
                "lead",
                [],
                "current",
                order_kind="shipped",
            ),
        ],
        "mail-gateway": [
            IssueDraft(
                "Order confirmation for {order} sent twice",
                "The customer received two identical confirmations for **{order}**. "
                "The retry ran although the first attempt succeeded.",
                ["bug", "order-confirmation", "customer-report"],
                "opened",
                "lead",
                ["Customer care got two more reports about this today."],
                "current",
                order_kind="placed",
            ),
            IssueDraft(
                "Newsletter coupon code missing from the plain-text version",
                "The HTML newsletter shows the coupon code, the text/plain part does not.",
                ["bug", "newsletter", "priority::low"],
                "opened",
                None,
                [],
                None,
            ),
        ],
        "checkout": [
            IssueDraft(
                "Coupon rejected for carts containing AC-105",
                "Coupons are rejected with *not applicable* whenever the cart contains "
                "**AC-105** (Anker USB-C cable), even with other eligible items.",
                ["bug", "coupon", "customer-report"],
                "opened",
                "lead",
                [],
                "current",
            ),
        ],
        "returns-dashboard": [
            IssueDraft(
                "Refund escalation: order {order} ({order_sku}, {order_price})",
                "Customer returned the **{order_sku}** ({order_name}) of order **{order}** "
                "within 30 days of delivery. The refund is above $500, so it needs the Store "
                "Manager's approval before customer care issues it.",
                ["refund", "customer-report"],
                "opened",
                None,
                [],
                "current",
                order_kind="refund",
            ),
        ],
        "runbooks": [
            IssueDraft(
                "Update the on-call rotation for June",
                "`runbooks/oncall.md` still lists May's rotation.",
                ["documentation"],
                "opened",
                "lead",
                [],
                "current",
            ),
        ],
        "handbook": [
            IssueDraft(
                "Access request: developer role on web-shop",
                "I finished onboarding and need the developer role on "
                "`storefront/web-shop` to open merge requests.",
                ["access"],
                "opened",
                None,
                [],
                None,
            ),
        ],
        "stocktake-cli": [
            IssueDraft(
                "Corrections over 20 units must require a witness",
                "`stocktake-cli correct KB-104 40` went through without `--witness`. "
                "The procedure says corrections over **20 units** need a second person.",
                ["bug", "correction", "priority::high"],
                "opened",
                "lead",
                [],
                "current",
            ),
        ],
        "supplier-sync": [
            IssueDraft(
                f"Price list import fails for {s0}'s CSV",
                f"The price list CSV from **{s0}** uses `;` as the separator and the "
                "import stops at the first line.",
                ["bug", "price-list-import"],
                "opened",
                "lead",
                [],
                "current",
            ),
        ],
    }
    return table.get(p.path, [])
