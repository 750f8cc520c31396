"""Markdown to safe HTML: wiki links, a table of contents, tables, code blocks, sanitising.

Page authors write Markdown; raw HTML inside it passes through the Markdown library, so the
result goes through an allow-list sanitiser (``sanitize``): no script, no event handlers, no
``javascript:`` links. Internal links are ``[[Page Title]]``, ``[[Page Title|label]]``,
``[[KEY:Page Title]]`` or plain Markdown links to ``/spaces/KEY/pages/slug``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import quote

import markdown
from guigym.images.sites.kit.markup import is_safe_url

__all__ = [
    "Rendered",
    "render_markdown",
    "sanitize",
    "slugify",
    "wiki_links",
    "path_links",
    "WIKI_LINK",
    "RESTRICTED",
]

#: ``[[Title]]``, ``[[Title|label]]``, ``[[KEY:Title]]``.
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")
_PATH_LINK = re.compile(r"/spaces/([A-Za-z0-9]{1,16})/pages/([a-z0-9-]{1,220})")
_KEYED = re.compile(r"^([A-Z][A-Z0-9]{0,15}):(.+)$")

#: (space key, title) -> URL of the page, None when no such page exists, or RESTRICTED.
Resolver = Callable[[str, str], "str | None"]
#: What a resolver returns for a page the reader may not see (shown as plain text).
RESTRICTED = "\x00restricted"


def slugify(title: str) -> str:
    """``"Refund Policy (2026)"`` -> ``"refund-policy-2026"`` (never empty)."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return slug or "page"


def wiki_links(body: str, space_key: str) -> list[tuple[str, str]]:
    """The ``(space key, title)`` targets of the ``[[...]]`` links in ``body``."""
    out = []
    for part in _outside_code(body):
        for match in WIKI_LINK.finditer(part):
            out.append(_split_target(match[1], space_key))
    return out


def _split_code(body: str) -> list[str]:
    """``body`` cut so that odd items are code (fenced blocks, `spans`), even items text."""
    return re.split(r"(```.*?```|`[^`\n]*`)", body, flags=re.S)


def _outside_code(body: str) -> list[str]:
    return _split_code(body)[::2]


def path_links(body: str) -> list[tuple[str, str]]:
    """The ``(space key, slug)`` targets of ``/spaces/KEY/pages/slug`` links in ``body``."""
    return [(m[1].upper(), m[2]) for m in _PATH_LINK.finditer(body)]


def _split_target(target: str, space_key: str) -> tuple[str, str]:
    target = target.strip()
    keyed = _KEYED.match(target)
    if keyed:
        return keyed[1], keyed[2].strip()
    return space_key, target


@dataclass
class Rendered:
    """A page rendered to safe HTML plus its headings (level, id, text) for the sidebar TOC."""

    html: str
    toc: list[tuple[int, str, str]] = field(default_factory=list)


def _replace_wiki_links(body: str, space_key: str, resolve: Resolver) -> str:
    def repl(match: re.Match[str]) -> str:
        key, title = _split_target(match[1], space_key)
        label = (match[2] or title).strip()
        url = resolve(key, title)
        if url == RESTRICTED:
            return (
                f'<span class="wikilink restricted" title="A page in a space you cannot see">'
                f"{escape(label)}</span>"
            )
        if url is None:
            href = f"/spaces/{key}/new?title={quote(title)}"
            return (
                f'<a class="wikilink missing" href="{escape(href)}" '
                f'title="No page called {escape(title)} yet">{escape(label)}</a>'
            )
        return f'<a class="wikilink" href="{escape(url)}">{escape(label)}</a>'

    parts = _split_code(body)  # code spans and fenced blocks stay literal
    return "".join(p if i % 2 else WIKI_LINK.sub(repl, p) for i, p in enumerate(parts))


def _flatten(tokens: list[dict], out: list[tuple[int, str, str]]) -> None:
    for token in tokens:
        out.append((int(token["level"]), str(token["id"]), str(token["name"])))
        _flatten(token.get("children", []), out)


def render_markdown(body: str, space_key: str, resolve: Resolver) -> Rendered:
    """Render a page body: wiki links resolved, Markdown to HTML, sanitised, headings listed."""
    md = markdown.Markdown(
        extensions=["toc", "tables", "fenced_code", "sane_lists", "def_list"],
        extension_configs={"toc": {"toc_depth": "2-4", "permalink": False}},
        output_format="html",
    )
    html = md.convert(_replace_wiki_links(body, space_key, resolve))
    toc: list[tuple[int, str, str]] = []
    _flatten(getattr(md, "toc_tokens", []), toc)
    return Rendered(html=sanitize(html), toc=[(lvl, i, _plain(n)) for lvl, i, n in toc])


def _plain(text: str) -> str:
    """Heading text from the TOC extension arrives with entities; give plain text back."""
    return unescape(text)


# -- sanitiser ---------------------------------------------------------------------------------

_ALLOWED: dict[str, set[str]] = {
    **{t: set() for t in ("p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins")},
    **{t: set() for t in ("blockquote", "ul", "ol", "li", "thead", "tbody", "tr", "sup", "sub")},
    **{t: set() for t in ("dl", "dt", "dd", "kbd", "pre", "table", "caption", "small", "mark")},
    **{f"h{n}": {"id"} for n in range(1, 7)},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
}
_VOID = {"br", "hr", "img"}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
_SAFE_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_SAFE_CLASS = re.compile(r"^[A-Za-z0-9 _-]{0,80}$")
_SAFE_NUMBER = re.compile(r"^\d{1,4}$")


_safe_url = is_safe_url  # the kit's one scheme allowlist


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in _ALLOWED:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in _ALLOWED[tag]:
                continue
            if name in ("href", "src") and not _safe_url(value):
                continue
            if name == "style" and not _SAFE_STYLE.match(value):
                continue
            if name == "class" and not _SAFE_CLASS.match(value):
                continue
            if name in ("width", "height", "colspan", "rowspan", "start") and not (
                _SAFE_NUMBER.match(value)
            ):
                continue
            kept.append(f' {name}="{escape(value, quote=True)}"')
        if tag == "a" and any(a.startswith(" href=") for a in kept):
            href = dict(attrs).get("href") or ""
            if href.lower().startswith(("http://", "https://")):
                kept.append(' rel="nofollow noopener"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in _ALLOWED or tag in _VOID or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def sanitize(html: str) -> str:
    """Keep only allow-listed tags and attributes; drop scripts, handlers and unsafe URLs."""
    parser = _Sanitizer()
    parser.feed(html)
    return parser.close_all()
