"""Two people pair their phones, end to end, in a real browser against the real ASGI app."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from breathingroom.conftest import PASSWORD, make_person
from breathingroom.couples.pairing import MalformedCode, UnknownCode

pytestmark = pytest.mark.browser


def sign_up(page: Page, name: str, email: str, zone: str) -> None:
    """Fill the sign-up form as a person would; the time zone must already come from the phone."""
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    fields = {
        "Your name": ("id_display_name", name),
        "Email": ("id_email", email),
        "Password": ("id_password1", PASSWORD),
        "Password (again)": ("id_password2", PASSWORD),
    }
    for label, (field_id, value) in fields.items():
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_id(field_id)
        field.fill(value)
    # Nobody touched the select: the page's script filled it from the phone's own zone.
    zone_select = page.get_by_label("Your time zone")
    expect(zone_select).to_have_id("id_time_zone")
    expect(zone_select).to_have_value(zone)


def assert_clean(problems, server) -> None:
    """No console error, uncaught script error or 5xx in the browser, and no error logged by Django."""
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def test_two_people_pair_their_phones(phone, server, problems, shoot):
    alex = phone("Alex", "Europe/London", "en-GB")
    sam = phone("Sam", "America/New_York", "en-US")

    # Alex signs up on her phone.
    alex.goto("/accounts/signup/")
    sign_up(alex, "Alex", "alex@example.com", "Europe/London")
    shoot(alex, "pairing-01-alex-signup")
    alex.get_by_role("button", name="Sign Up").click()

    # Home: nobody to pair with yet.
    expect(alex).to_have_url(f"{server.url}/")
    expect(alex.get_by_role("heading", name="Pair with your partner")).to_be_visible()
    shoot(alex, "pairing-02-alex-home")

    alex.get_by_role("button", name="Create an invitation").click()
    invite = alex.get_by_role("region", name="Invite your partner")
    code_shown = invite.locator(".code")
    expect(code_shown).to_have_text(re.compile(r"Your code: [0-9A-Z]{4}-[0-9A-Z]{4}$"))
    code = code_shown.inner_text().strip().split()[-1]
    link_field = invite.get_by_label("Link")
    expect(link_field).to_have_value(f"{server.url}/couple/join/{code}/")
    link = link_field.input_value()
    expect(invite.get_by_role("button", name="Copy link")).to_be_visible()
    expect(invite.get_by_text("This page will change by itself once your partner joins.")).to_be_visible()
    shoot(alex, "pairing-03-alex-invitation")

    # Sam opens the link, logged out: first log in, or here, sign up, keeping the way back.
    sam.goto(link)
    expect(sam.get_by_role("heading", name="Sign In")).to_be_visible()
    expect(sam.get_by_text("You have been invited to pair on Breathing Room.")).to_be_visible()
    join_path = f"/couple/join/{code}/"
    assert parse_qs(urlsplit(sam.url).query)["next"] == [join_path]
    shoot(sam, "pairing-04-sam-login")

    sam.get_by_role("link", name="sign up").click()
    expect(sam).to_have_url(re.compile(r"/accounts/signup/\?"))
    assert parse_qs(urlsplit(sam.url).query)["next"] == [join_path]
    sign_up(sam, "Sam", "sam@example.com", "America/New_York")
    shoot(sam, "pairing-05-sam-signup")
    sam.get_by_role("button", name="Sign Up").click()

    # Straight to the invitation, which says who sent it.
    expect(sam).to_have_url(f"{server.url}{join_path}")
    expect(sam.get_by_role("heading", name="Alex invited you")).to_be_visible()
    shoot(sam, "pairing-06-sam-join")
    sam.get_by_role("button", name="Pair with Alex").click()

    expect(sam).to_have_url(f"{server.url}/")
    expect(sam.get_by_text("You and Alex are paired.")).to_have_count(1)
    couple = sam.get_by_role("region", name="Sam & Alex")
    expect(couple.get_by_role("heading", level=2)).to_have_text("Sam & Alex")
    expect(couple.get_by_role("term")).to_have_text(["Sam (you)", "Alex"])
    expect(couple.get_by_role("definition")).to_have_text(
        [
            "Time zone: America/New York",
            "Time zone: Europe/London",
            re.compile(r"It is \d\d:\d\d for Alex now\."),
        ]
    )
    shoot(sam, "pairing-07-sam-couple")

    # Alex's page, left open, notices by itself (it polls every 4 s) and shows the couple.
    expect(alex.get_by_role("heading", name="Alex & Sam")).to_be_visible(timeout=10_000)
    couple = alex.get_by_role("region", name="Alex & Sam")
    expect(couple.get_by_text("You and Sam are paired.")).to_be_visible()
    expect(couple.get_by_role("term")).to_have_text(["Alex (you)", "Sam"])
    expect(couple.get_by_role("definition")).to_have_text(
        [
            "Time zone: Europe/London",
            "Time zone: America/New York",
            re.compile(r"It is \d\d:\d\d for Sam now\."),
        ]
    )
    expect(alex.get_by_role("region", name="Invite your partner")).to_have_count(0)
    shoot(alex, "pairing-08-alex-couple")

    assert_clean(problems, server)


def test_a_malformed_code_is_explained_next_to_the_field(phone, server, problems, shoot):
    make_person("Jo", "Europe/Berlin")
    jo = phone("Jo", "Europe/Berlin")
    jo.goto("/accounts/login/")
    jo.get_by_label("Email").fill("jo@example.com")
    jo.get_by_label("Password").fill(PASSWORD)
    jo.get_by_role("button", name="Sign In", exact=True).click()
    expect(jo.get_by_role("heading", name="Have a code?")).to_be_visible()

    code_field = jo.get_by_role("region", name="Have a code?").get_by_label("Code from your partner")
    code_field.fill("HELLO")
    jo.get_by_role("button", name="Join").click()

    # The answer is a 400 page; Chromium reports the status in the console, which is expected.
    problems.expect("status of 400")
    code_field = jo.get_by_label("Code from your partner")
    error = jo.locator(".field", has=code_field).get_by_text(str(MalformedCode.message))
    expect(error).to_be_visible()
    # Screen readers hear it too: the field is marked invalid and described by the error.
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(code_field).to_have_accessible_description(re.compile(re.escape(str(MalformedCode.message))))
    expect(code_field).to_have_value("HELLO")
    shoot(jo, "bad-code-01-error")

    # Still usable: fix the code, and get the next, different answer.
    code_field.fill("7KQ2-M9XD")
    jo.get_by_role("button", name="Join").click()
    problems.expect("status of 404")
    expect(jo.get_by_text(str(UnknownCode.message))).to_be_visible()
    expect(jo.get_by_text(str(MalformedCode.message))).to_have_count(0)
    jo.get_by_role("link", name="Home").click()
    expect(jo.get_by_role("button", name="Create an invitation")).to_be_enabled()

    assert_clean(problems, server)
