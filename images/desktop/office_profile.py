"""The LibreOffice user profile every desktop home starts with: no helpers that rewrite input.

Why: a person (or an agent, or a task's oracle) who types ``Paper`` into a Calc column that
holds ``Pens`` gets ``Pens`` back from AutoInput on Enter; Writer's AutoCorrect turns quotes
curly, capitalises, makes URLs links and completes long words on Enter; a first start shows a
tip of the day; saving a csv/xlsx asks "keep current format?". Each of these makes what is typed
differ from what is saved, or puts a dialog in front of the keys that follow. The settings go
into ``registrymodifications.xcu`` (LibreOffice's own per-user settings file, which it keeps and
merges on every start), written from here rather than shipped as a file so a wheel install
(the Docker image) has it too.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["PROFILE_SETTINGS", "write_office_profile", "profile_xcu"]

_OFF = "false"
_AUTOCORRECT_OFF = (
    "UseReplacementTable", "TwoCapitalsAtStart", "CapitalAtStartSentence", "SetInetAttribute",
    "ChangeOrdinalNumber", "ChangeDash", "AddNonBreakingSpace", "ChangeAngleQuotes",
    "CorrectAccidentalCapsLock", "ReplaceSingleQuote", "ReplaceDoubleQuote", "TransliterateRTL",
)  # fmt: skip
_WRITER_FORMAT_OFF = (
    "UseReplacementTable", "TwoCapitalsAtStart", "CapitalAtStartSentence", "SetInetAttribute",
    "ChangeOrdinalNumber", "ChangeDash", "AddNonBreakingSpace", "ChangeAngleQuotes",
    "TransliterateRTL",
)  # fmt: skip
_NEVER = "4102444800"  # 2100-01-01: the "get involved" / "donate" infobars wait until then

#: (node path, property, xs type, value) written into the profile
PROFILE_SETTINGS: tuple[tuple[str, str, str, str], ...] = (
    # first start: no wizard, no tip of the day, no infobars over the document
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "boolean", _OFF),
    ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "boolean", _OFF),
    ("/org.openoffice.Setup/Office", "ooSetupInstCompleted", "boolean", "true"),
    ("/org.openoffice.Setup/Product", "LastTimeGetInvolvedShown", "long", _NEVER),
    ("/org.openoffice.Setup/Product", "LastTimeDonateShown", "long", _NEVER),
    ("/org.openoffice.Office.UI.Infobar/Enabled", "GetInvolved", "boolean", _OFF),
    ("/org.openoffice.Office.UI.Infobar/Enabled", "Donate", "boolean", _OFF),
    ("/org.openoffice.Office.UI.Infobar/Enabled", "WhatsNew", "boolean", _OFF),
    # saving: no "keep current format?" for csv/xlsx/docx; no autorecovery saves mid-typing
    ("/org.openoffice.Office.Common/Save/Document", "WarnAlienFormat", "boolean", _OFF),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "boolean", _OFF),
    # typing lands as typed: Calc AutoInput, AutoCorrect (Calc and Writer), word completion
    ("/org.openoffice.Office.Calc/Input", "AutoInput", "boolean", _OFF),
    ("/org.openoffice.Office.Calc/Input", "ReplaceCellsWarning", "boolean", _OFF),
    *(("/org.openoffice.Office.Common/AutoCorrect", k, "boolean", _OFF) for k in _AUTOCORRECT_OFF),
    *(
        ("/org.openoffice.Office.Writer/AutoFunction/Format/Option", k, "boolean", _OFF)
        for k in _WRITER_FORMAT_OFF
    ),
    ("/org.openoffice.Office.Writer/AutoFunction/Format/Option/ChangeToBullets", "Enable",
     "boolean", _OFF),
    ("/org.openoffice.Office.Writer/AutoFunction/Format/ByInput", "Enable", "boolean", _OFF),
    ("/org.openoffice.Office.Writer/AutoFunction/Completion", "Enable", "boolean", _OFF),
    # no red squiggles: screenshots show the text, not the spell checker's opinion of it
    ("/org.openoffice.Office.Linguistic/SpellChecking", "IsSpellAuto", "boolean", _OFF),
)  # fmt: skip

#: where LibreOffice keeps its user profile under ``$XDG_CONFIG_HOME`` (= ``~/.config``)
PROFILE_FILE = Path(".config/libreoffice/4/user/registrymodifications.xcu")


def profile_xcu(settings=PROFILE_SETTINGS) -> str:  # noqa: ANN001
    """The ``registrymodifications.xcu`` text for ``settings``."""
    items = [
        f'<item oor:path="{escape(path)}"><prop oor:name="{escape(name)}" oor:op="fuse">'
        f"<value>{escape(value)}</value></prop></item>"
        for path, name, _type, value in settings
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items)
        + "\n</oor:items>\n"
    )


def write_office_profile(home: Path) -> Path:
    """Write the profile into a new home (before LibreOffice first starts there)."""
    target = Path(home) / PROFILE_FILE
    if target.exists():  # a home that already has a profile keeps it
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(profile_xcu())
    return target
