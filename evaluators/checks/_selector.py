"""A small CSS selector engine over the standard library's HTML parser (no extra dependency).

Supports what DOM checks need: type, ``*``, ``#id``, ``.class``, attribute tests (``[a]``,
``[a=v]``, ``~=``, ``^=``, ``$=``, ``*=``), descendant and child (``>``) combinators, and
groups (``a, b``). Anything else raises ValueError naming the unsupported part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Node", "parse_html", "select"]

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass(eq=False)
class Node:
    """One element; ``text()`` is its visible text."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """Concatenated text of the element and its descendants, whitespace collapsed."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            if node.tag in ("script", "style"):
                return
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return " ".join(" ".join(parts).split())

    def iter(self):  # noqa: ANN201 - generator of Nodes
        """This element's descendants, document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:  # close it (and anything left open inside)
            self.cur = node.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse_html(html: str) -> Node:
    """Parse a document into a tree (tolerant of unclosed tags)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


_COMPOUND = re.compile(
    r"(?P<tag>\*|[A-Za-z][A-Za-z0-9-]*)?(?P<rest>(?:#[\w-]+|\.[\w-]+|\[[^\]]+\])*)"
)
_PART = re.compile(
    r"#([\w-]+)|\.([\w-]+)|\[\s*([\w:-]+)\s*(?:([~^$*]?=)\s*(\"[^\"]*\"|'[^']*'|[^\]\s]*)\s*)?\]"
)


def _compound(text: str):  # noqa: ANN202
    m = _COMPOUND.fullmatch(text)
    if not m or not text:
        raise ValueError(f"unsupported selector part {text!r}")
    tag = m.group("tag")
    tests = []
    for part in _PART.finditer(m.group("rest")):
        ident, cls, attr, op, value = part.groups()
        if value and value[0] in "\"'":
            value = value[1:-1]
        tests.append((ident, cls, attr, op, value))

    def match(node: Node) -> bool:
        if tag and tag != "*" and node.tag != tag.lower():
            return False
        for ident, cls, attr, op, value in tests:
            if ident is not None and node.attrs.get("id") != ident:
                return False
            if cls is not None and cls not in node.attrs.get("class", "").split():
                return False
            if attr is not None:
                if attr not in node.attrs:
                    return False
                have = node.attrs[attr]
                if op == "=" and have != value:
                    return False
                if op == "~=" and value not in have.split():
                    return False
                if op == "^=" and not have.startswith(value):
                    return False
                if op == "$=" and not have.endswith(value):
                    return False
                if op == "*=" and value not in have:
                    return False
        return True

    return match


def _split(selector: str) -> list[tuple[str, str]]:
    """``'div > a.b c'`` -> [(' ', 'div'), ('>', 'a.b'), (' ', 'c')]."""
    tokens = re.findall(r"\[[^\]]*\]|>|\s+|[^\s>\[]+", selector.strip())
    steps: list[tuple[str, str]] = []
    comb, buf = " ", ""
    for tok in tokens:
        if tok.isspace() or tok == ">":
            if buf:
                steps.append((comb, buf))
                buf, comb = "", " "
            if tok == ">":
                comb = ">"
        else:
            buf += tok
    if buf:
        steps.append((comb, buf))
    if not steps:
        raise ValueError(f"empty selector {selector!r}")
    return steps


def select(root: Node, selector: str) -> list[Node]:
    """Elements matching ``selector``, document order, no duplicates."""
    found: list[Node] = []
    seen: set[int] = set()
    for group in selector.split(","):
        steps = [(comb, _compound(text)) for comb, text in _split(group)]
        for node in root.iter():
            if id(node) not in seen and _matches(node, steps):
                seen.add(id(node))
                found.append(node)
    order = {id(n): i for i, n in enumerate(root.iter())}
    return sorted(found, key=lambda n: order[id(n)])


def _matches(node: Node, steps: list) -> bool:
    comb, match = steps[-1]
    if not match(node):
        return False
    if len(steps) == 1:
        return True
    rest = steps[:-1]
    parent = node.parent
    if comb == ">":
        return parent is not None and parent.tag != "#root" and _matches(parent, rest)
    while parent is not None and parent.tag != "#root":
        if _matches(parent, rest):
            return True
        parent = parent.parent
    return False
