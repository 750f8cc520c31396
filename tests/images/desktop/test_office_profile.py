"""The LibreOffice profile a desktop home starts with: well-formed, and every setting names a
real property of the installed LibreOffice (a misspelt key is silently ignored by it)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from guigym.images.desktop.office_profile import PROFILE_SETTINGS, profile_xcu
from guigym.images.desktop.session import build_home

_OOR = "{http://openoffice.org/2001/registry}"
_REGISTRY = Path("/usr/lib/libreoffice/share/registry")


def _schema_props() -> set[tuple[str, str]]:
    """(node path, property) of every property LibreOffice's registry schema declares."""
    found: set[tuple[str, str]] = set()

    def walk(el: ET.Element, path: str) -> None:
        for child in el:
            name = child.get(_OOR + "name")
            if child.tag.endswith("prop"):
                found.add((path, name))
            else:
                walk(child, f"{path}/{name}" if name else path)

    for xcd in _REGISTRY.glob("*.xcd"):
        for comp in ET.parse(xcd).getroot():
            walk(comp, f"/{comp.get(_OOR + 'package')}.{comp.get(_OOR + 'name')}")
    return found


def test_profile_is_written_into_a_new_home(tmp_path: Path) -> None:
    build_home(tmp_path / "home")
    xcu = tmp_path / "home/.config/libreoffice/4/user/registrymodifications.xcu"
    items = ET.parse(xcu).getroot()
    assert len(items) == len(PROFILE_SETTINGS)
    assert xcu.read_text() == profile_xcu()


@pytest.mark.skipif(not (_REGISTRY / "main.xcd").is_file(), reason="LibreOffice not installed")
def test_every_setting_is_a_real_property() -> None:
    props = _schema_props()
    unknown = [(p, n) for p, n, _t, _v in PROFILE_SETTINGS if (p, n) not in props]
    assert not unknown, unknown
