"""The shared world of people: customers, staff and supplier contacts used by every site.

The shop's customers and supplier contacts and the mail site's mailboxes are the same people,
so cross-site tasks are natural. Deterministic: ``world_people(seed)`` always returns the same
list for a seed. Everybody's password is ``"pass-" + username`` (see ``default_password``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from guigym.images.sites.kit.seeding import make_faker

__all__ = ["Person", "world_people", "N_CUSTOMERS", "N_STAFF", "N_SUPPLIERS"]

N_CUSTOMERS = 80
N_STAFF = 8
N_SUPPLIERS = 12
MAIL_DOMAIN = "mail.test"


@dataclass(frozen=True)
class Person:
    """One person of the world (frozen)."""

    username: str
    first_name: str
    last_name: str
    display_name: str
    email: str
    phone: str
    street: str
    city: str
    postcode: str
    country: str
    role: str  # "customer" | "staff" | "supplier"
    company: str | None = None


def _ascii(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z]", "", norm.lower())


@functools.lru_cache(maxsize=8)
def _people(seed: int) -> tuple[Person, ...]:
    faker = make_faker(10_000 + seed)
    taken: set[str] = {"admin"}
    out: list[Person] = []
    companies: set[str] = set()
    plan = [("customer", N_CUSTOMERS), ("staff", N_STAFF), ("supplier", N_SUPPLIERS)]
    for role, count in plan:
        made = 0
        while made < count:
            first, last = faker.first_name(), faker.last_name()
            username = f"{_ascii(first)}.{_ascii(last)}"
            if username in taken or len(username) < 4:
                continue
            taken.add(username)
            company = None
            if role == "supplier":
                company = faker.company()
                if company in companies:
                    taken.discard(username)
                    continue
                companies.add(company)
            out.append(
                Person(
                    username=username,
                    first_name=first,
                    last_name=last,
                    display_name=f"{first} {last}",
                    email=f"{username}@{MAIL_DOMAIN}",
                    phone=faker.numerify("(###) 555-####"),
                    street=faker.street_address(),
                    city=faker.city(),
                    postcode=faker.postcode(),
                    country="United States",
                    role=role,
                    company=company,
                )
            )
            made += 1
    return tuple(out)


def world_people(seed: int = 0) -> list[Person]:
    """Everybody (customers first, then staff, then supplier contacts), deterministic per seed."""
    return list(_people(seed))
