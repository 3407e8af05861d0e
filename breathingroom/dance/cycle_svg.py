"""Where each part of the cycle map goes, for an SVG drawn by the server.

The loop is four boxes one under the other, so it reads on a narrow phone: my move, what you feel
underneath (with your fear and need), your move, what I feel underneath; an arrow down the left side
goes from the last back to the first, round again. No script draws it: every line of text is wrapped
here, with widths estimated from the font size, so it shows the same without JavaScript, in the API's
image and in print. Colours are never written into the drawing: classes carry them, and the page's
stylesheet (or, for the image on its own, its own <style>) gives them for light and dark.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from base64 import b64encode
from dataclasses import dataclass
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from breathingroom.dance.counting import Counted
from breathingroom.dance.cycle import THE_LOOP_IS_THE_PROBLEM, Cycle, InTheCycle

# The drawing's own units. Shown 286 px wide on a 360 px phone (inside a card), so a 13-unit font
# is still above 12 px there.
WIDTH = 300
# Room on the left for the arrow back to the start.
LANE = 28
BOX_X = LANE + 2
BOX_WIDTH = WIDTH - BOX_X - 2
PAD = 12
TEXT_WIDTH = BOX_WIDTH - 2 * PAD
# Space between two boxes, for the arrow from one to the next.
GAP = 30
HEADING_GAP = 14
# Around the image on its own, which has no card to sit in.
MARGIN = 14


@dataclass(frozen=True)
class Style:
    size: float
    height: float
    # The width of an average character, as a share of the font size (a little generous, so a
    # line wrapped here never runs out of its box in a wider font).
    width: float


STYLES: dict[str, Style] = {
    "title": Style(size=18, height=24, width=0.62),
    "main": Style(size=16, height=22, width=0.62),
    "label": Style(size=13, height=18, width=0.56),
    "detail": Style(size=14, height=19, width=0.56),
    "missing": Style(size=14, height=19, width=0.56),
}


@dataclass(frozen=True)
class Line:
    x: float
    y: float
    text: str
    kind: str
    # Said before the text on its line in a quieter weight ("Fear:"); only on a part's first line.
    lead: str = ""

    @property
    def size(self) -> float:
        return STYLES[self.kind].size


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    # "me" or "partner": whose part of the loop it is (the viewer is "me").
    who: str
    # "move" or "underneath".
    kind: str
    lines: tuple[Line, ...]
    # The whole box in one sentence: its tooltip, and the drawing's words for a screen reader.
    said: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: float
    heading: tuple[Line, ...]
    boxes: tuple[Box, ...]
    arrows: tuple[str, ...]
    back: str
    title: str
    margin: int = 0

    @property
    def view_box(self) -> str:
        m = self.margin
        return f"{-m} {-m} {self.width + 2 * m} {self.height + 2 * m:g}"

    @property
    def outer_width(self) -> int:
        return self.width + 2 * self.margin

    @property
    def outer_height(self) -> float:
        return round(self.height + 2 * self.margin, 1)

    @property
    def said(self) -> list[str]:
        return [box.said for box in self.boxes]


# What XML 1.0 cannot hold at all (most control characters, U+FFFE and U+FFFF): a name or a word with
# one would make the whole image unreadable, so it is left out of the drawing.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _units(ch: str) -> float:
    # Wide (East Asian) characters take about two; combining marks take none.
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _length(text: str) -> float:
    return sum(_units(ch) for ch in text)


def wrap(text: str, kind: str, width: float = TEXT_WIDTH) -> list[str]:
    """``text`` in lines that fit ``width`` units in the font of ``kind``; a word too long is broken."""
    style = STYLES[kind]
    most = max(1, int(width / (style.size * style.width)))
    lines: list[str] = []
    current = ""
    for word in re.split(r"\s+", xml_safe(text).strip()):
        if not word:
            continue
        while _length(word) > most:
            room = most - (_length(current) + 1 if current else 0)
            if room < 4:
                lines.append(current)
                current, room = "", most
            cut = _cut(word, room)
            lines.append(f"{current} {word[:cut]}".strip())
            current, word = "", word[cut:]
        if not current:
            current = word
        elif _length(current) + 1 + _length(word) <= most:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _cut(word: str, room: float) -> int:
    used = 0.0
    for i, ch in enumerate(word):
        used += _units(ch)
        if used > room:
            return max(1, i)
    return len(word)


@dataclass(frozen=True)
class _Text:
    text: str
    kind: str
    lead: str = ""


class _Column:
    """Lines placed one under another, from ``top``."""

    def __init__(self, x: float, top: float) -> None:
        self.x = x
        self.y = top
        self.lines: list[Line] = []
        self.last_gap = 0.0

    def add(self, part: _Text, width: float) -> None:
        style = STYLES[part.kind]
        whole = f"{part.lead} {part.text}" if part.lead else part.text
        for i, words in enumerate(wrap(whole, part.kind, width)):
            lead = ""
            if i == 0 and part.lead and words.startswith(part.lead):
                lead, words = part.lead, words[len(part.lead) :].lstrip()
            self.lines.append(
                Line(x=self.x, y=round(self.y + style.size * 0.8, 1), text=words, kind=part.kind, lead=lead)
            )
            self.y += style.height
        # What the last line's height leaves below its letters.
        self.last_gap = style.height - style.size


def _box(top: float, who: str, kind: str, parts: list[_Text], said: str) -> Box:
    column = _Column(BOX_X + PAD, top + PAD)
    for part in parts:
        column.add(part, TEXT_WIDTH)
    height = column.y - column.last_gap + PAD - top
    return Box(BOX_X, top, BOX_WIDTH, round(height, 1), who, kind, tuple(column.lines), xml_safe(said))


def _times(counted: Counted, episodes: int) -> str:
    return ngettext("in %(times)s of %(n)s episode", "in %(times)s of %(n)s episodes", episodes) % {
        "times": counted.times,
        "n": episodes,
    }


def _move(one: InTheCycle, episodes: int) -> tuple[list[_Text], str]:
    if one.move is None:
        said = _("What %(name)s does: not shared yet.") % {"name": one.name}
        return [
            _Text(_("What %(name)s does") % {"name": one.name}, "main"),
            _Text(_("Not shared yet"), "missing"),
        ], said
    does = _("%(name)s %(move)s") % {"name": one.name, "move": one.move_seen}
    often = _times(one.move, episodes)
    said = ngettext(
        "%(name)s %(move)s, in %(times)s of %(n)s episode.",
        "%(name)s %(move)s, in %(times)s of %(n)s episodes.",
        episodes,
    ) % {"name": one.name, "move": one.move_seen, "times": one.move.times, "n": episodes}
    return [_Text(does, "main"), _Text(often, "detail")], said


def _underneath(one: InTheCycle) -> tuple[list[_Text], str]:
    label = _("Underneath, %(name)s feels") % {"name": one.name}
    parts = [_Text(label, "label")]
    if one.deeper_feeling is not None:
        parts.append(_Text(one.deeper_feeling.words, "main"))
        said = [_("Underneath, %(name)s feels: %(feeling)s.") % {"name": one.name, "feeling": one.deeper_feeling.words}]
    else:
        parts.append(_Text(_("Not named yet"), "missing"))
        said = [_("Underneath, %(name)s feels: not named yet.") % {"name": one.name}]
    if one.fear is not None:
        parts.append(_Text(one.fear.words, "detail", lead=_("Fear:")))
        said.append(_("Fear: %(fear)s.") % {"fear": one.fear.words})
    if one.need is not None:
        parts.append(_Text(one.need.words, "detail", lead=_("Need:")))
        said.append(_("Need: %(need)s.") % {"need": one.need.words})
    return parts, " ".join(said)


def heading_of(cycle: Cycle) -> list[_Text]:
    """The words above the loop when the drawing stands on its own (the API's image)."""
    texts = [_Text(cycle.name or _("Your loop so far"), "title")]
    if cycle.enough:
        texts.append(_Text(str(THE_LOOP_IS_THE_PROBLEM), "detail"))
    else:
        texts.append(_Text(cycle.not_enough, "detail"))
    texts.append(_Text(cycle.resting_on, "label"))
    return texts


def draw(cycle: Cycle, *, standalone: bool = False) -> Drawing:
    """The loop as boxes and arrows: the viewer's move first, then round."""
    people = list(cycle.partners)
    if len(people) < 2:
        raise ValueError("a cycle is drawn between two partners")
    me, partner = people[0], people[1]

    heading: list[Line] = []
    top = 2.0
    if standalone:
        column = _Column(2, top)
        for part in heading_of(cycle):
            column.add(part, WIDTH - 4)
            column.y += 4
        heading = column.lines
        top = column.y + HEADING_GAP

    boxes: list[Box] = []
    for who, one, kind in (
        ("me", me, "move"),
        ("partner", partner, "underneath"),
        ("partner", partner, "move"),
        ("me", me, "underneath"),
    ):
        parts, said = _move(one, cycle.episodes) if kind == "move" else _underneath(one)
        box = _box(top, who, kind, parts, said)
        boxes.append(box)
        top = box.y + box.height + GAP

    middle = BOX_X + BOX_WIDTH / 2
    arrows = tuple(
        f"M{middle},{round(upper.y + upper.height + 3, 1)} V{round(lower.y - 5, 1)}"
        for upper, lower in itertools.pairwise(boxes)
    )
    first, last = boxes[0], boxes[-1]
    lane = LANE / 2
    back = f"M{BOX_X},{round(last.y + last.height / 2, 1)} H{lane} V{round(first.y + first.height / 2, 1)} H{BOX_X - 6}"
    height = last.y + last.height + 2
    title = cycle.name or _("Your loop so far")
    return Drawing(
        width=WIDTH,
        height=round(height, 1),
        heading=tuple(heading),
        boxes=tuple(boxes),
        arrows=arrows,
        back=back,
        title=title,
        margin=MARGIN if standalone else 0,
    )


def words(cycle: Cycle, drawing: Drawing, *, saying_not_enough: bool = True) -> list[str]:
    """The loop in words beside the drawing: its sentences, or, before there is enough, what it shows so far.

    ``saying_not_enough``: begin with the line saying there is not enough yet (a page says it already).
    """
    if cycle.enough:
        return cycle.sentences()
    so_far = drawing.said if cycle.episodes else []
    return [cycle.not_enough, *so_far] if saying_not_enough else so_far


# --- The image on its own -----------------------------------------------------------------------

# The palette's two blocks at the top of the app's stylesheet: the light colours and the dark ones.
_PALETTE = re.compile(
    r":root\s*\{[^}]*\}\s*@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{[^}]*\}\s*\}", re.S
)


def _static(path: str) -> str:
    found = finders.find(path)
    if not found or isinstance(found, list):
        raise LookupError(path)
    with open(found, encoding="utf-8") as f:
        return f.read()


@cache
def standalone_style() -> str:
    """The image's own <style>: the app's palette (light and dark) and the map's rules, as the page has them."""
    palette = _PALETTE.search(_static("breathingroom/app.css"))
    if palette is None:
        raise LookupError("the palette at the top of app.css")
    rules = _static("breathingroom/dance-cycle.css")
    # In the image on its own, :root is the <svg> itself.
    return f"{palette.group(0)}\n{rules}"


@cache
def standalone_policy() -> str:
    """What the image may load and run when opened on its own: nothing but its own <style>."""
    digest = b64encode(hashlib.sha256(standalone_style().encode()).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; frame-ancestors 'none'; base-uri 'none'"


MEDIA_TYPE = "image/svg+xml"


def image(cycle: Cycle) -> HttpResponse:
    """The map as an SVG document of its own, with its words and colours inside it, for the API."""
    drawing = draw(cycle, standalone=True)
    text = [xml_safe(line) for line in words(cycle, drawing)]
    context = {"drawing": drawing, "text": text, "style": standalone_style()}
    answer = HttpResponse(render_to_string("dance/cycle.svg", context), content_type=f"{MEDIA_TYPE}; charset=utf-8")
    # The app's policy would refuse the image its own <style>; this one allows that alone.
    answer["Content-Security-Policy"] = standalone_policy()
    return answer
