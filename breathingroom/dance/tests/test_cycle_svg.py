"""The cycle map's drawing: it parses, says who does what, fits its boxes, and carries its own colours alone."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from base64 import b64encode
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from breathingroom.conftest import client_for
from breathingroom.dance import cycle_svg
from breathingroom.dance.counting import Counted
from breathingroom.dance.cycle import Cycle, InTheCycle, Pattern
from breathingroom.dance.tests.conftest import episode_with

SVG = "{http://www.w3.org/2000/svg}"
NOW = datetime(2025, 3, 1, tzinfo=UTC)
# The drawing is shown 286 px wide on a 360 px phone, and no text may be smaller than 12 px there.
NARROWEST = 286


def said(value: str, times: int = 1) -> Counted:
    return Counted(value=value, words=value, times=times, last=NOW)


def partner(person_id: int, name: str, move: str | None, words: str = "") -> InTheCycle:
    return InTheCycle(
        person_id=person_id,
        name=name,
        move=said(move, 2) if move else None,
        deeper_feeling=said(words or "Lonely"),
        fear=said(words or "That you would leave me"),
        need=said(words or "Reassurance"),
        surface_feeling=None,
        trigger=None,
    )


def a_cycle(episodes: int = 3, *, me: str = "Alex", them: str = "Sam", words: str = "") -> Cycle:
    pattern = Pattern.PURSUE_WITHDRAW if episodes >= 3 else None
    return Cycle(
        episodes=episodes,
        partners=(partner(1, me, "pursued", words), partner(2, them, "withdrew", words)),
        pattern=pattern,
    )


def parse(document: bytes | str) -> ET.Element:
    # Our own image, made by the test itself: xml.etree is what the format promises to parse with.
    return ET.fromstring(document)  # noqa: S314


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_image_on_its_own_parses_and_says_the_loop_and_its_name(alex, sam, couple):
    for _ in range(3):
        episode_with(alex, sam, "pursued", "withdrew", deeper="lonely", fear="being_left", need="reassurance")
    response = client_for(alex).get("/api/v1/cycle.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = parse(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cycle-title cycle-desc"
    assert root.find(f"{SVG}title").text == "Reach and retreat"
    assert "When Alex pursues" in root.find(f"{SVG}desc").text
    shown = texts(root)
    for words in ("Reach and retreat", "Alex pursues", "Sam withdraws", "Underneath, Sam feels", "Lonely"):
        assert words in shown
    assert "Fear: That you would leave me" in shown


def test_the_images_own_style_is_the_only_thing_its_policy_allows(alex, couple):
    response = client_for(alex).get("/api/v1/cycle.svg")
    style = parse(response.content).find(f"{SVG}style").text
    digest = b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe" not in policy
    assert "script" not in policy
    # Light and dark, from the app's own palette.
    assert "prefers-color-scheme: dark" in style
    assert "--primary" in style


def test_without_a_partner_the_image_is_not_found(jo):
    response = client_for(jo).get("/api/v1/cycle.svg")
    assert response.status_code == 404
    assert response.json()["detail"] == "You are not in a couple."


def test_the_loop_goes_round_from_the_viewer_and_back():
    drawing = cycle_svg.draw(a_cycle())
    kinds = [(box.who, box.kind) for box in drawing.boxes]
    assert kinds == [("me", "move"), ("partner", "underneath"), ("partner", "move"), ("me", "underneath")]
    assert len(drawing.arrows) == 3
    for upper, lower in zip(drawing.boxes, drawing.boxes[1:], strict=False):
        assert upper.y + upper.height < lower.y
    # The way back runs from the last box up the left side to the first.
    first, last = drawing.boxes[0], drawing.boxes[-1]
    numbers = [float(n) for n in re.findall(r"[\d.]+", drawing.back)]
    assert numbers[1] == round(last.y + last.height / 2, 1)
    assert round(first.y + first.height / 2, 1) in numbers


def test_before_anything_is_shared_each_box_says_so_gently():
    cycle = Cycle(
        episodes=0,
        partners=(
            InTheCycle(1, "Alex", None, None, None, None, None, None),
            InTheCycle(2, "Sam", None, None, None, None, None, None),
        ),
        pattern=None,
    )
    drawing = cycle_svg.draw(cycle)
    shown = [line.text for box in drawing.boxes for line in box.lines]
    assert shown.count("Not shared yet") == 2
    assert shown.count("Not named yet") == 2
    assert "What Alex does" in shown
    assert cycle_svg.words(cycle, drawing) == [cycle.not_enough]
    assert cycle_svg.words(cycle, drawing, saying_not_enough=False) == []


def test_a_word_longer_than_a_line_is_broken_and_wide_letters_count_double():
    lines = cycle_svg.wrap("a " + "x" * 80, "detail")
    assert len(lines) > 2
    assert all(cycle_svg._length(line) <= 31 for line in lines)
    wide = cycle_svg.wrap("寂" * 40, "detail")
    assert all(cycle_svg._length(line) <= 31 for line in wide)
    assert "".join(wide) == "寂" * 40


def test_no_text_is_smaller_than_twelve_pixels_on_the_narrowest_phone():
    drawing = cycle_svg.draw(a_cycle(), standalone=True)
    scale = NARROWEST / drawing.width
    smallest = min(line.size for line in (*drawing.heading, *(ln for box in drawing.boxes for ln in box.lines)))
    assert smallest * scale >= 12


# Anything a database could hold, controls and non-characters too: the image must still parse.
NAMES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
WORDS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=60, deadline=None)
@given(me=NAMES, them=NAMES, words=WORDS, episodes=st.integers(min_value=0, max_value=500))
def test_any_names_and_words_give_a_drawing_that_parses_and_stays_in_its_boxes(me, them, words, episodes):
    cycle = a_cycle(episodes, me=me, them=them, words=words)
    drawing = cycle_svg.draw(cycle, standalone=True)
    for box in drawing.boxes:
        for line in box.lines:
            style = cycle_svg.STYLES[line.kind]
            room = cycle_svg.TEXT_WIDTH / (style.size * style.width)
            assert cycle_svg._length(f"{line.lead} {line.text}".strip()) <= room + 0.01
            assert box.y < line.y < box.y + box.height
    document = cycle_svg.image(cycle).content
    root = parse(document)
    assert root.find(f"{SVG}title").text == drawing.title
