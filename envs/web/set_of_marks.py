"""Set-of-marks: element ids drawn as boxes and labels on the screenshot.

Why: a vision model reads ``e12`` off the picture and answers ``click("e12")`` instead of
guessing pixels (the "set-of-marks" prompting of Yang et al., 2023). The ids are the env's own
``data-gg-id`` ids (assigned by ``page.js``), so a mark, the axtree line and the element action
all name the same element. Only visible, interactive elements inside the viewport are marked.

Two observation keys use this module (see ``observations.py``): ``screenshot_som`` (the marked
image, same shape as ``screenshot``) and ``elements`` (JSON list of the marks: id, role, name and
the box in viewport pixels), e.g. for the human player's element picker.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "Mark",
    "SOM_KEYS",
    "color_of",
    "draw_marks",
    "element_marks",
    "marks_json",
    "som_observation",
]

#: Observation keys computed here.
SOM_KEYS = ("screenshot_som", "elements")

# Runs in the page: ids first (gg.assign), then every visible interactive element whose centre
# (or one of four inner points) is not covered by something else, clipped to the viewport.
_MARKS_JS = """() => {
  const gg = window.__gg;
  if (!gg) return [];
  gg.assign();
  const SEL = "a[href],button,input:not([type=hidden]),select,textarea,summary,"
    + "[contenteditable=''],[contenteditable=true],[tabindex]:not([tabindex='-1']),"
    + "[role=button],[role=link],"
    + "[role=checkbox],[role=radio],[role=tab],[role=menuitem],[role=option],[role=switch],"
    + "[role=combobox],[role=textbox],[role=searchbox],[role=slider],[onclick]";
  const ROLE = { A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox",
    SUMMARY: "button" };
  const TYPES = { checkbox: "checkbox", radio: "radio", submit: "button", button: "button",
    reset: "button", image: "button", file: "button", search: "searchbox", range: "slider" };
  const clean = (s) => (s || "").replace(/\\s+/g, " ").trim().slice(0, 80);
  const out = [];
  const W = innerWidth, H = innerHeight;
  for (const el of document.querySelectorAll(SEL)) {
    const id = el.getAttribute("data-gg-id");
    if (!id || el.closest("[aria-hidden=true],[hidden]")) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.display === "none" || +cs.opacity === 0) continue;
    const r = el.getBoundingClientRect();
    const x0 = Math.max(r.left, 0), y0 = Math.max(r.top, 0);
    const x1 = Math.min(r.right, W), y1 = Math.min(r.bottom, H);
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    const pts = [[(x0 + x1) / 2, (y0 + y1) / 2], [x0 + 2, y0 + 2], [x1 - 2, y0 + 2],
      [x0 + 2, y1 - 2], [x1 - 2, y1 - 2]];
    const seen = pts.some(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top && (top === el || el.contains(top) || top.contains(el) ||
        (el.labels && [...el.labels].some((l) => l.contains(top))));
    });
    if (!seen) continue;
    const role = el.getAttribute("role") ||
      (el.tagName === "INPUT" ? TYPES[(el.type || "text").toLowerCase()] || "textbox"
        : ROLE[el.tagName] || el.tagName.toLowerCase());
    const labels = el.labels ? [...el.labels].map((l) => l.innerText).join(" ") : "";
    const name = clean(el.getAttribute("aria-label") || labels || el.innerText ||
      el.getAttribute("placeholder") || el.getAttribute("title") || el.getAttribute("alt") ||
      (el.tagName === "INPUT" && el.type !== "password" ? el.value : ""));
    out.push({ id, role, name, x: Math.round(x0), y: Math.round(y0),
      w: Math.round(x1 - x0), h: Math.round(y1 - y0) });
  }
  return out;
}"""

# Colours that stay readable with white text and differ from typical page chrome.
_PALETTE = (
    (230, 25, 75),
    (0, 130, 200),
    (245, 130, 48),
    (145, 30, 180),
    (60, 150, 60),
    (240, 50, 230),
    (128, 0, 0),
    (0, 0, 128),
)


@dataclass(frozen=True)
class Mark:
    """One marked element: its id, role, short name and box (viewport pixels)."""

    id: str
    role: str
    name: str
    x: int
    y: int
    w: int
    h: int

    @property
    def center(self) -> tuple[int, int]:
        """The box's centre, where a click on this element would land."""
        return self.x + self.w // 2, self.y + self.h // 2


def element_marks(page: Any) -> list[Mark]:
    """The visible interactive elements of a Playwright page, with their boxes."""
    from guigym.envs.web.observations import retry_transient

    raw = retry_transient(page, lambda: page.evaluate(_MARKS_JS))
    return [
        Mark(**{k: item[k] for k in ("id", "role", "name", "x", "y", "w", "h")}) for item in raw
    ]


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def color_of(mark_id: str) -> tuple[int, int, int]:
    """The mark colour of an element id (stable per id, so a mark keeps its colour)."""
    digits = "".join(c for c in mark_id if c.isdigit())
    return _PALETTE[int(digits or 0) % len(_PALETTE)]


def draw_marks(image: np.ndarray, marks: Sequence[Mark], *, font_size: int = 12) -> np.ndarray:
    """A copy of ``image`` (H x W x 3 uint8) with a box and an id label per mark.

    The label sits just above the box's top-left corner, or inside it when the box touches the
    top of the image.
    """
    canvas = Image.fromarray(np.asarray(image, dtype=np.uint8)[..., :3])
    draw = ImageDraw.Draw(canvas)
    font = _font(font_size)
    width, height = canvas.size
    for mark in marks:
        color = color_of(mark.id)
        x0, y0 = mark.x, mark.y
        x1, y1 = min(mark.x + mark.w, width) - 1, min(mark.y + mark.h, height) - 1
        draw.rectangle((x0, y0, x1, y1), outline=color, width=2)
        left, top, right, bottom = draw.textbbox((0, 0), mark.id, font=font)
        tw, th = right - left + 4, bottom - top + 2
        ly = y0 - th if y0 - th >= 0 else y0
        lx = min(x0, max(width - tw, 0))
        draw.rectangle((lx, ly, lx + tw - 1, ly + th - 1), fill=color)
        draw.text((lx + 2 - left, ly + 1 - top), mark.id, fill=(255, 255, 255), font=font)
    return np.asarray(canvas, dtype=np.uint8)


def marks_json(marks: Sequence[Mark]) -> str:
    """The ``elements`` observation: JSON ``[{"id", "role", "name", "x", "y", "w", "h"}]``."""
    return json.dumps([asdict(m) for m in marks], ensure_ascii=False)


def som_observation(page: Any, keys: Sequence[str], screenshot: np.ndarray | None) -> dict:
    """The requested ``SOM_KEYS`` of a page whose ``screenshot`` was just taken."""
    marks = element_marks(page)
    out: dict = {}
    if "screenshot_som" in keys and screenshot is not None:
        out["screenshot_som"] = draw_marks(screenshot, marks)
    if "elements" in keys:
        out["elements"] = marks_json(marks)
    return out
