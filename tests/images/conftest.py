"""Shared fixtures for tests/images: the toy site (a kit site that is neither shop nor mail)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TOY_ENTRY = "kit_toy.site:SITE"

# The toy package lives in tests/images/kit_toy: importable here and in site subprocesses.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def toy_entry() -> Iterator[str]:
    """Entry point of the toy SiteSpec, with PYTHONPATH set so serve_one can import it."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), old) if p)
    yield TOY_ENTRY
    if old is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = old
