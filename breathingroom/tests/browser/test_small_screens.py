"""Comfortable on a small phone: nothing runs off the side at 320 px, every control is big enough to
tap, and the pages a person opens upset show their main action without scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from breathingroom.accounts.models import Person
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break
from breathingroom.conftest import client_for
from breathingroom.tests.browser.every_page import WORDS, Seen, couple, every_page, seen_by, through_turns

pytestmark = [pytest.mark.browser, pytest.mark.once]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
NARROWEST = {"width": 320, "height": 640}
TAP = 44

# Everything wider than the window, and every control smaller than a fingertip. Links inside a
# sentence are exempt (WCAG 2.5.8): they sit in the line of text. A checkbox or radio button is
# tapped through its label, so the label is what is measured.
MEASURE = """tap => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  const small = [];
  const name = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).join(".") : "";
    const words = (el.textContent || el.value || "").trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes ? "." + classes : ""} "${words}"`;
  };
  const shown = (el) => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== "visible" || s.clip !== "auto" || s.clipPath !== "none") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el) || el.matches(".skip-link:not(:focus)") || clipped(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5) {
      wide.push(`${name(el)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  const inSentence = (a) =>
    a.tagName === "A" &&
    [...a.parentElement.childNodes].some((n) => n !== a && n.nodeType === 3 && n.textContent.trim());
  for (let el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
    if (!shown(el) || inSentence(el) || el.closest(".visually-hidden, .skip-link")) continue;
    if (el.matches("input[type=checkbox], input[type=radio]")) el = el.closest("label") || el.labels?.[0] || el;
    const box = el.getBoundingClientRect();
    if (box.width < tap - 0.5 || box.height < tap - 0.5) {
      small.push(`${name(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return { scroll: document.documentElement.scrollWidth, width, wide, small };
}"""


def measure(page: Page) -> dict:
    return page.evaluate(MEASURE, TAP)


def test_nothing_overflows_and_every_control_can_be_tapped_at_320_px(browser, server):
    pages = every_page()
    found: list[str] = []
    for who in {seen.who for seen in pages}:
        with seen_by(browser, server.url, who, viewport=NARROWEST, is_mobile=True, has_touch=True) as context:
            page = context.new_page()
            for seen in (seen for seen in pages if seen.who == who):
                page.goto(seen.path)
                m = measure(page)
                if m["scroll"] > m["width"]:
                    found.append(f"{seen.name}: the page is {m['scroll']} px wide in a {m['width']} px window")
                found += [f"{seen.name}: wider than the window: {w}" for w in m["wide"]]
                found += [f"{seen.name}: smaller than {TAP}x{TAP}: {s}" for s in m["small"]]
    assert found == [], "\n".join(found)


def checked_in(a: str, b: str, strengths: tuple[int, int] = (2, 2)) -> tuple[Person, Person, Break]:
    """A couple called back from a break the first one took, both checked in."""
    first, second = couple(a, b)
    brk = space.take_space(first, 30, WORDS)
    space.ready_to_talk(first, brk.id)
    for person, strength in zip((first, second), strengths, strict=True):
        reconnecting.check_in(person, brk.id, strength, shared=True)
    return first, second, brk


def the_other_ritual_steps() -> list[Seen]:
    """The steps of the ritual that every page does not show as they are met: settling after a high
    check-in, the turn as the one who speaks sees it, naming one thing to try, and how it went."""
    gil, _hal, settling = checked_in("Gil", "Hal", (8, 2))
    _ivy, jay, speaking = checked_in("Ivy", "Jay")
    kit, lou, trying = checked_in("Kit", "Lou")
    through_turns(lou, kit, str(trying.id))
    mo, ned, ending = checked_in("Mo", "Ned")
    through_turns(ned, mo, str(ending.id))
    for person in (mo, ned):
        reconnecting.name_next_try(person, ending.id, "Say how long before I leave the room.")
    return [
        Seen("ritual-settle", gil, f"/space/{settling.id}/reconnect/"),
        Seen("ritual-speaking", jay, f"/space/{speaking.id}/reconnect/"),
        Seen("ritual-next-time", kit, f"/space/{trying.id}/reconnect/"),
        Seen("ritual-how-it-went", mo, f"/space/{ending.id}/reconnect/"),
    ]


# What a person upset comes to each page to do, found by its name on the page.
MAIN_ACTIONS = {
    "take-space": ("button", "20 minutes"),
    "home-calm": ("link", "I need space"),
    "home-waiting-quiet": ("button", "Send “thinking of you”"),
    "home-on-break": ("button", "I\u2019m ready to talk"),
    "home-called-back": ("link", "Start reconnecting"),
    "ritual-check-in": ("button", "Check in"),
    "ritual-listening": ("button", "I said it back"),
    "ritual-settle": ("button", "Breathe together for a minute"),
    "ritual-next-time": ("button", "Save"),
    "ritual-how-it-went": ("button", "Save how it went"),
}


# Each phone in one scheme: the layout is the same in both, and axe checks both schemes' colours.
PHONES = [({"width": 390, "height": 844}, "light"), ({"width": 360, "height": 640}, "dark")]


@pytest.mark.parametrize(("screen", "scheme"), PHONES, ids=["390x844-light", "360x640-dark"])
def test_the_main_action_is_on_the_first_screen(browser, server, screen, scheme):
    """Also left in test-artifacts/ for a person to look at: each page as its first screen shows it and
    as a whole."""
    ARTIFACTS.mkdir(exist_ok=True)
    pages = [seen for seen in every_page() + the_other_ritual_steps() if seen.name in MAIN_ACTIONS]
    found = []
    for seen in pages:
        with seen_by(
            browser, server.url, seen.who, viewport=screen, color_scheme=scheme, is_mobile=True, has_touch=True
        ) as context:
            page = context.new_page()
            page.goto(seen.path)
            role, label = MAIN_ACTIONS[seen.name]
            action = page.get_by_role(role, name=label, exact=True).first
            # The live part of the page may be redrawn just after it loads: measure it once it shows,
            # and again if it was swapped out between finding it and measuring it.
            expect(action).to_be_visible()
            box = None
            for _ in range(20):
                box = action.bounding_box()
                if box is not None:
                    break
                page.wait_for_timeout(100)
            assert box is not None, seen.name
            bottom = box["y"] + box["height"]
            if bottom > screen["height"]:
                found.append(f"{seen.name}: {label!r} ends at {bottom:.0f} px, below {screen['height']}")
            name = f"small-{seen.name}-{screen['width']}-{scheme}"
            page.screenshot(path=ARTIFACTS / f"{name}.png", caret="initial")
            page.screenshot(path=ARTIFACTS / f"{name}-whole.png", full_page=True, caret="initial")
    assert found == [], "\n".join(found)


def header_of(client: Client, path: str) -> str:
    return client.get(path).content.decode().partition("</header>")[0]


def test_the_ritual_does_not_offer_more_space_in_its_header(db):
    """Coming back has its own ways to slow down; "I need space" there would end the ritual."""
    kim, _lee = couple("Kim", "Lee")
    brk = space.take_space(kim, 30, WORDS)
    space.ready_to_talk(kim, brk.id)
    client = client_for(kim)
    assert "I need space" not in header_of(client, f"/space/{brk.id}/reconnect/")
    assert "I need space" in header_of(client, "/calm/")


def test_how_it_went_asks_when_to_talk_again_only_once_not_yet_is_chosen(browser, server):
    (seen,) = [seen for seen in the_other_ritual_steps() if seen.name == "ritual-how-it-went"]
    with seen_by(browser, server.url, seen.who, viewport={"width": 360, "height": 640}) as context:
        page = context.new_page()
        page.goto(seen.path)
        when = page.get_by_label("If not yet: when will you talk again?")
        expect(when).to_be_hidden()
        page.get_by_label("Partly").check()
        expect(when).to_be_hidden()
        page.get_by_label("Not yet", exact=True).check()
        expect(when).to_be_visible()
        page.get_by_label("Repaired").check()
        expect(when).to_be_hidden()
