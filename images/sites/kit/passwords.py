"""Password hashing with the standard library (PBKDF2-SHA256), never plain text.

While a site is being seeded, salts come from the seed (see ``deterministic_salts``), so the
same seed gives a byte-identical database; at run time salts are random.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac
import os
import random
from collections.abc import Iterator

__all__ = ["hash_password", "verify_password", "default_password", "deterministic_salts"]

_ALGO = "pbkdf2_sha256"
_ITERATIONS = 20_000  # a local simulation: enough to be real, cheap enough to seed 100s of users
_salt_rng: contextvars.ContextVar[random.Random | None] = contextvars.ContextVar(
    "guigym_salt_rng", default=None
)


@contextlib.contextmanager
def deterministic_salts(seed: int) -> Iterator[None]:
    """Within this block, :func:`hash_password` draws its salts from ``seed``."""
    token = _salt_rng.set(random.Random(f"salts-{seed}"))
    try:
        yield
    finally:
        _salt_rng.reset(token)


def _salt() -> bytes:
    rng = _salt_rng.get()
    return rng.randbytes(16) if rng is not None else os.urandom(16)


def hash_password(password: str) -> str:
    """Hash ``password`` as ``pbkdf2_sha256$iterations$salt_hex$hash_hex``."""
    salt = _salt()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _ITERATIONS)
    return f"{_ALGO}${_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True if ``password`` matches the ``stored`` hash (constant-time compare)."""
    if not stored:
        return False
    try:
        algo, iterations, salt_hex, digest_hex = stored.split("$")
        if algo != _ALGO:
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt_hex), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def default_password(username: str) -> str:
    """The documented password of a seeded account: "pass-<username>", admin's is "admin-pass"."""
    return "admin-pass" if username == "admin" else f"pass-{username}"
