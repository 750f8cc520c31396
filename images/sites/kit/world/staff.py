"""Staff job titles: the one place every site reads them from.

Northwind Electronics is a small online store whose eight staff wear several hats: they run
the shop (these business titles, shown by mail signatures, the wiki and the code tracker's
profiles) and also work on the store's software (the code tracker's project roles, which are
not job titles). Staff person ``i`` of ``world_people(seed)`` (world order) gets job ``i``;
nothing here draws randomness, so adding it moved no other fact.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from guigym.images.sites.kit.people import Person, world_people

__all__ = ["STAFF_JOBS", "StaffRole", "staff_roles", "job_title"]

#: (job title, department) of the staff in world order (the first is the Store Manager).
STAFF_JOBS: tuple[tuple[str, str], ...] = (
    ("Store Manager", "Management"),
    ("Purchasing Lead", "Purchasing"),
    ("Customer Care Lead", "Customer Care"),
    ("Warehouse & Logistics", "Warehouse"),
    ("Marketing", "Marketing"),
    ("Customer Care", "Customer Care"),
    ("Warehouse Assistant", "Warehouse"),
    ("Bookkeeping", "Finance"),
)


@dataclass(frozen=True)
class StaffRole:
    """One staff member's business job: title (e.g. "Store Manager") and department."""

    person: Person
    title: str
    department: str

    @property
    def username(self) -> str:
        """The person's username."""
        return self.person.username


@functools.lru_cache(maxsize=8)
def _roles(seed: int) -> tuple[StaffRole, ...]:
    staff = [p for p in world_people(seed) if p.role == "staff"]
    return tuple(StaffRole(p, *STAFF_JOBS[i % len(STAFF_JOBS)]) for i, p in enumerate(staff))


def staff_roles(seed: int = 0) -> tuple[StaffRole, ...]:
    """Every staff member's job, in world order (deterministic per seed)."""
    return _roles(seed)


def job_title(username: str, seed: int = 0) -> str:
    """The job title of staff member ``username`` ("" for anybody who is not staff)."""
    return next((r.title for r in _roles(seed) if r.username == username), "")
