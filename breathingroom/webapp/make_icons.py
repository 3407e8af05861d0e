"""Draw the home-screen icons from the mark, once: `.venv/bin/python -m breathingroom.webapp.make_icons`.

The PNGs it writes are committed beside the mark (static/breathingroom/icons/); run it again only
when mark.svg changes. The mark is circles drawn with a stroke, which is all this reads of it, and
Pillow (already installed for the PDF reports) draws them, four times larger and scaled down so the
edges are smooth.

- "any": the mark alone on a transparent square, as a launcher shows it beside other icons.
- "maskable": the mark on the app's background colour, filling the square, with the mark inside the
  centre circle (80% of the width) that every launcher's mask keeps.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "static" / "breathingroom"
MARK = STATIC / "mark.svg"
ICONS = STATIC / "icons"
SIZES = (192, 512)
BACKGROUND = "#f5f1ea"  # --bg in app.css, light: the manifest's background_color too
SUPERSAMPLE = 4
# The share of the maskable icon's width that the mark may reach from its centre: the safe zone's
# radius is 40%, and a little air inside it reads calmer.
MASKABLE_REACH = 0.36


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    stroke: str
    width: float

    @property
    def reach(self) -> float:
        """How far from the view box's centre the outer edge of the stroke goes."""
        return self.r + self.width / 2


def read_mark(path: Path = MARK) -> tuple[float, list[Circle]]:
    root = ET.parse(path).getroot()  # noqa: S314 (our own file, in the repository)
    _x, _y, width, _height = (float(n) for n in root.attrib["viewBox"].split())
    circles = [
        Circle(
            float(c.attrib["cx"]),
            float(c.attrib["cy"]),
            float(c.attrib["r"]),
            c.attrib["stroke"],
            float(c.attrib["stroke-width"]),
        )
        for c in root.iter("{http://www.w3.org/2000/svg}circle")
    ]
    return width, circles


def draw(size: int, *, maskable: bool) -> Image.Image:
    box, circles = read_mark()
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), BACKGROUND if maskable else (0, 0, 0, 0))
    centre = box / 2
    if maskable:
        farthest = max(math.hypot(c.cx - centre, c.cy - centre) + c.reach for c in circles)
        scale = big * MASKABLE_REACH / farthest
    else:
        scale = big / box
    pen = ImageDraw.Draw(image)
    for c in circles:
        x, y = big / 2 + (c.cx - centre) * scale, big / 2 + (c.cy - centre) * scale
        outer = c.reach * scale
        pen.ellipse((x - outer, y - outer, x + outer, y + outer), outline=c.stroke, width=round(c.width * scale))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(exist_ok=True)
    for size in SIZES:
        draw(size, maskable=False).save(ICONS / f"icon-{size}.png", optimize=True)
        draw(size, maskable=True).save(ICONS / f"maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
