"""Small generated pictures for seeded image posts (SVG), and checks for uploaded images.

Deterministic: every choice comes from the ``random.Random`` passed in.
"""

from __future__ import annotations

import random

__all__ = ["svg_picture", "sniff_image", "UPLOAD_TYPES", "MAX_IMAGE_BYTES"]

MAX_IMAGE_BYTES = 2 * 1024 * 1024
#: accepted upload content types (SVG uploads are refused: they can carry scripts)
UPLOAD_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}

_SKIES = [
    ("#87b5e8", "#d9ecfb"),
    ("#f6a97a", "#fde3c8"),
    ("#3b4f8a", "#8c8fc9"),
    ("#9fd3c7", "#effaf7"),
]
_GREENS = ["#4f7d4a", "#6b9a52", "#3f6b5c", "#7a8f4c", "#5b6e7a"]
_ACCENTS = ["#d94f4f", "#e0a526", "#3f7fd9", "#8a5bd9", "#2f9e77", "#e06f9f"]


def _landscape(rng: random.Random, w: int, h: int) -> str:
    top, bottom = rng.choice(_SKIES)
    parts = [
        f'<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0"'
        f' stop-color="{top}"/>'
        f'<stop offset="1" stop-color="{bottom}"/></linearGradient></defs>',
        f'<rect width="{w}" height="{h}" fill="url(#s)"/>',
        f'<circle cx="{rng.randint(60, w - 60)}" cy="{rng.randint(40, 120)}"'
        f' r="{rng.randint(22, 40)}" fill="#fff3b0"/>',
    ]
    for layer in range(3):
        base = h - 60 - layer * 50 + rng.randint(-20, 20)
        points = [f"0,{h}"]
        for x in range(0, w + 80, 80):
            points.append(f"{x},{base - rng.randint(0, 120 - layer * 30)}")
        points.append(f"{w},{h}")
        parts.append(
            f'<polygon points="{" ".join(points)}"'
            f' fill="{_GREENS[(layer + rng.randint(0, 4)) % 5]}"'
            f' opacity="{0.6 + layer * 0.2:.1f}"/>'
        )
    return "".join(parts)


def _keyboard(rng: random.Random, w: int, h: int) -> str:
    case, key, accent = (
        rng.choice(["#2b2d31", "#d8d4cc", "#3a4a5e"]),
        rng.choice(["#f2efe8", "#44474d", "#c9d3df"]),
        rng.choice(_ACCENTS),
    )
    parts = [
        f'<rect width="{w}" height="{h}" fill="#e9e4da"/>',
        f'<rect x="40" y="90" width="{w - 80}" height="{h - 170}" rx="18" fill="{case}"/>',
    ]
    for row in range(5):
        for col in range(14):
            x, y = 60 + col * 38, 110 + row * 40
            fill = accent if (row, col) in ((0, 0), (4, 13), (2, 12)) else key
            parts.append(f'<rect x="{x}" y="{y}" width="32" height="32" rx="5" fill="{fill}"/>')
    return "".join(parts)


def _plate(rng: random.Random, w: int, h: int) -> str:
    parts = [
        f'<rect width="{w}" height="{h}" fill="{rng.choice(["#c89f73", "#8d6e63", "#d7ccc8"])}"/>',
        f'<circle cx="{w // 2}" cy="{h // 2}" r="150" fill="#fafafa"/>',
        f'<circle cx="{w // 2}" cy="{h // 2}" r="120" fill="#f0ede8"/>',
    ]
    for _ in range(rng.randint(6, 12)):
        parts.append(
            f'<circle cx="{w // 2 + rng.randint(-80, 80)}" cy="{h // 2 + rng.randint(-70, 70)}" '
            f'r="{rng.randint(10, 30)}" fill="{rng.choice(_ACCENTS + _GREENS)}" opacity="0.85"/>'
        )
    return "".join(parts)


def _chart(rng: random.Random, w: int, h: int) -> str:
    parts = [
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
        f'<line x1="60" y1="{h - 50}" x2="{w - 30}" y2="{h - 50}" stroke="#8a94a6"'
        f' stroke-width="2"/>',
        f'<line x1="60" y1="30" x2="60" y2="{h - 50}" stroke="#8a94a6" stroke-width="2"/>',
    ]
    color = rng.choice(_ACCENTS)
    n = 12
    for i in range(n):
        bh = rng.randint(30, h - 110)
        x = 75 + i * ((w - 110) // n)
        parts.append(
            f'<rect x="{x}" y="{h - 50 - bh}" width="{(w - 110) // n - 10}" height="{bh}"'
            f' fill="{color}" opacity="0.8"/>'
        )
    return "".join(parts)


def _plant(rng: random.Random, w: int, h: int) -> str:
    parts = [
        f'<rect width="{w}" height="{h}" fill="#f3efe6"/>',
        f'<path d="M{w // 2 - 70},{h - 40} L{w // 2 - 55},{h - 130} '
        f'L{w // 2 + 55},{h - 130} L{w // 2 + 70},{h - 40} Z" fill="#b5653b"/>',
    ]
    for _ in range(rng.randint(5, 9)):
        dx, top = rng.randint(-150, 150), rng.randint(40, 160)
        parts.append(
            f'<path d="M{w // 2},{h - 130} Q{w // 2 + dx // 2},{top + 60} {w // 2 + dx},{top}" '
            f'stroke="{rng.choice(_GREENS)}" stroke-width="{rng.randint(8, 16)}" fill="none"'
            f' stroke-linecap="round"/>'
        )
    return "".join(parts)


def _shapes(rng: random.Random, w: int, h: int) -> str:
    parts = [
        f'<rect width="{w}" height="{h}" fill="{rng.choice(["#1f2937", "#f8fafc", "#fef3c7"])}"/>'
    ]
    for _ in range(rng.randint(6, 12)):
        parts.append(
            f'<circle cx="{rng.randint(0, w)}" cy="{rng.randint(0, h)}" r="{rng.randint(20, 110)}" '
            f'fill="{rng.choice(_ACCENTS)}" opacity="0.55"/>'
        )
    return "".join(parts)


_KINDS = {
    "landscape": _landscape,
    "keyboard": _keyboard,
    "plate": _plate,
    "chart": _chart,
    "plant": _plant,
    "shapes": _shapes,
}


def svg_picture(
    kind: str, rng: random.Random, caption: str = "", w: int = 640, h: int = 400
) -> bytes:
    """An SVG picture of ``kind`` (landscape, keyboard, plate, chart, plant, shapes)."""
    body = _KINDS.get(kind, _shapes)(rng, w, h)
    label = ""
    if caption:
        text = caption.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")[:60]
        label = (
            f'<rect x="0" y="{h - 30}" width="{w}" height="30" fill="#000" opacity="0.45"/>'
            f'<text x="12" y="{h - 10}" font-family="sans-serif" font-size="15"'
            f' fill="#fff">{text}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'role="img">{body}{label}</svg>'
    ).encode()


def sniff_image(data: bytes) -> str | None:
    """The content type of an uploaded image judged by its bytes (None: not an accepted type)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
