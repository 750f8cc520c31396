"""One URL scheme allowlist for every link a site renders from user text.

Why one place: each site had its own filter, and the code site's caught only a lower-case
``javascript:``, so ``[x](JavaScript:alert(1))`` became a live link (stored script). A link or
image address is kept only if, read the way a browser reads it (HTML entities decoded, tabs and
line breaks removed, leading spaces and control characters dropped, case ignored), it is
``http:``, ``https:``, ``mailto:`` or relative (``/path``, ``page``, ``#frag``, ``?q``). Anything
else (``javascript:``, ``data:``, ``vbscript:``, ``file:``, protocol-relative ``//host``) becomes
``#``, an inert link to the same page.
"""

from __future__ import annotations

import html
import re

__all__ = ["ALLOWED_SCHEMES", "is_safe_url", "safe_url", "sanitize_links"]

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
#: what a browser ignores in a URL: C0 controls and spaces at the ends, tab/CR/LF anywhere;
#: we drop every control character and space anywhere (stricter, never looser)
_IGNORED = re.compile(
    r"[\x00-\x20\x7f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# an href/src attribute in rendered HTML: double-, single- or un-quoted value
_ATTR = re.compile(
    r"""(?P<lead>\s(?:href|src|xlink:href|action|formaction)\s*=\s*)"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'>]+))""",
    re.IGNORECASE,
)


def is_safe_url(url: str | None) -> bool:
    """True if ``url`` (as written in an HTML attribute) is http(s), mailto or relative."""
    if not url:
        return True
    text = html.unescape(url)
    squashed = _IGNORED.sub("", text).lower()
    if squashed.startswith(("//", "\\\\", "/\\", "\\/")):
        return False  # another host, whatever the page's scheme
    match = _SCHEME.match(squashed)
    if match is None:
        # no scheme before the first "/", "?" or "#": a relative link, unless a ":" hides one
        head = re.split(r"[/?#]", squashed, maxsplit=1)[0]
        return ":" not in head
    return match.group(1) in ALLOWED_SCHEMES


def safe_url(url: str | None, fallback: str = "#") -> str:
    """``url`` if it is safe to render as a link, else ``fallback`` (a Jinja filter too)."""
    return url or "" if is_safe_url(url) else fallback


def sanitize_links(rendered: str) -> str:
    """Replace every unsafe href/src value in ``rendered`` HTML with ``#``."""

    def fix(match: re.Match[str]) -> str:
        value = next(v for v in (match["dq"], match["sq"], match["uq"]) if v is not None)
        if is_safe_url(value):
            return match.group(0)
        return f'{match["lead"]}"#"'

    return _ATTR.sub(fix, rendered)
