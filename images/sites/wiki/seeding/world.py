"""The cast and the structure: users, groups, spaces and who may read or edit them.

Staff jobs come from the kit's world (``staff_roles``: the first staff person is the Store
Manager...), like the mail's and the code tracker's, so the escalation matrix and the mail
threads name the same people for the same jobs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from guigym.images.sites.kit import Person, world_people
from guigym.images.sites.kit.world import staff_roles

from .catalog_facts import PRODUCTS

__all__ = [
    "STAFF_JOBS",
    "GROUPS",
    "SPACES",
    "SpaceDef",
    "Cast",
    "cast",
    "preferred_suppliers",
    "ADMIN_USERNAME",
    "ADMIN_PASSWORD",
]

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-pass"

#: Jobs of the staff in world order: the kit's one list (``kit.world.staff_roles``), which the
#: mail signatures and the code tracker's profiles show too.
STAFF_JOBS: tuple[str, ...] = tuple(r.title for r in staff_roles(0))

#: group name -> (description, indexes into the staff list; None = every staff member)
GROUPS: dict[str, tuple[str, tuple[int, ...] | None]] = {
    "staff": ("Everybody who works at Northwind Electronics", None),
    "managers": ("Store management", (0,)),
    "customer-care": ("Customer Care team", (2, 5, 0)),
    "purchasing": ("Purchasing and supplier management", (1, 0)),
    "warehouse": ("Warehouse, shipping and receiving", (3, 6)),
    "marketing": ("Marketing and promotions", (4,)),
    "finance": ("Bookkeeping and payroll", (7,)),
    "hr": ("People and HR", (0,)),
    "engineering": ("Everybody who works on our software", None),
    "suppliers": ("Contacts at our suppliers", ()),
}


@dataclass(frozen=True)
class SpaceDef:
    """A space: key, name, description, public?, groups that may read, groups that may edit."""

    key: str
    name: str
    description: str
    public: bool
    viewers: tuple[str, ...]
    editors: tuple[str, ...]


SPACES: tuple[SpaceDef, ...] = (
    SpaceDef(
        "ONB",
        "Onboarding",
        "Start here: tools, accounts, first-week checklist, glossary.",
        True,
        (),
        ("staff",),
    ),
    SpaceDef(
        "CS",
        "Customer Service",
        "Refunds, returns, cancellations, escalations and replies.",
        False,
        ("staff",),
        ("customer-care", "managers"),
    ),
    SpaceDef(
        "PUR",
        "Purchasing & Suppliers",
        "Reorder rules, preferred suppliers, purchase orders and supplier profiles.",
        False,
        ("staff",),
        ("purchasing",),
    ),
    SpaceDef(
        "OPS",
        "Warehouse & Shipping",
        "Shipping rules, receiving, stocktakes, packing and carriers.",
        False,
        ("staff",),
        ("warehouse", "managers"),
    ),
    SpaceDef(
        "MKT",
        "Marketing & Promotions",
        "Coupon policy, newsletter schedule, promotions calendar and brand voice.",
        False,
        ("staff",),
        ("marketing", "managers"),
    ),
    SpaceDef(
        "ENG",
        "Engineering",
        "Our software projects, runbooks, decisions and post-mortems.",
        False,
        ("staff",),
        ("engineering",),
    ),
    SpaceDef(
        "HR",
        "HR & Policies",
        "Leave, expenses, staff discount, conduct and the staff directory. Staff only.",
        False,
        ("staff",),
        ("hr",),
    ),
    SpaceDef(
        "PROD",
        "Product Docs",
        "Documentation for every product line we sell, by SKU.",
        True,
        (),
        ("staff",),
    ),
    SpaceDef(
        "HELP",
        "Help Center",
        "Answers for customers: delivery, returns, payment and your account.",
        True,
        (),
        ("customer-care",),
    ),
)


@dataclass(frozen=True)
class Cast:
    """The people pages talk about, by job."""

    staff: tuple[Person, ...]
    suppliers: tuple[Person, ...]
    customers: tuple[Person, ...]

    def job(self, index: int) -> Person:
        """The staff member with job ``STAFF_JOBS[index]``."""
        return self.staff[index]

    @property
    def manager(self) -> Person:
        """The Store Manager (approves refunds over $500 and POs over $5,000)."""
        return self.staff[0]

    @property
    def purchasing(self) -> Person:
        """The Purchasing Lead."""
        return self.staff[1]

    @property
    def care_lead(self) -> Person:
        """The Customer Care Lead."""
        return self.staff[2]

    @property
    def warehouse(self) -> Person:
        """Warehouse & Logistics."""
        return self.staff[3]

    @property
    def marketing(self) -> Person:
        """Marketing."""
        return self.staff[4]

    @property
    def care(self) -> Person:
        """Customer Care agent."""
        return self.staff[5]

    @property
    def warehouse_assistant(self) -> Person:
        """Warehouse Assistant."""
        return self.staff[6]

    @property
    def bookkeeping(self) -> Person:
        """Bookkeeping (payment disputes, invoices, payroll)."""
        return self.staff[7]


def cast() -> Cast:
    """The world's people as the wiki sees them (``world_people(0)``, like the shop)."""
    people = world_people(0)
    return Cast(
        staff=tuple(p for p in people if p.role == "staff"),
        suppliers=tuple(p for p in people if p.role == "supplier"),
        customers=tuple(p for p in people if p.role == "customer"),
    )


def preferred_suppliers(seed: int) -> list[tuple[str, Person, int]]:
    """(brand, supplier contact, lead time in days) for every brand, sorted by brand.

    The shop's seed shares the brands out among the supplier companies with the first draws
    of ``random.Random(seed)`` (shuffle, then one lead time per supplier); the wiki repeats
    that rule on its copied catalogue so "preferred supplier" matches the shop's
    ``suppliers`` table (a test compares them).
    """
    rng = random.Random(seed)
    brands = sorted({p[3] for p in PRODUCTS})
    rng.shuffle(brands)
    suppliers = cast().suppliers
    out = []
    for i, person in enumerate(suppliers):
        lead = rng.choice([3, 5, 7, 10, 14])
        for brand in sorted(brands[i :: len(suppliers)]):
            out.append((brand, person, lead))
    return sorted(out, key=lambda t: t[0])
