"""Two people pair their phones, end to end, in a real browser against the real ASGI app."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from breathingroom.conftest import PASSWORD, make_person
from breathingroom.couples import pairing
from breathingroom.couples.pairing import MalformedCode, UnknownCode
from breathingroom.tests.browser.conftest import sign_in

# Page and script behaviour alike on every database; the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once]


def sign_up(page: Page, name: str, email: str, zone: str) -> None:
    """Fill the sign-up form as a person would; the time zone must already come from the phone."""
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    fields = {
        "Your name": ("id_display_name", name),
        "Email": ("id_email", email),
        "Password": ("id_password1", PASSWORD),
        "Password, once more": ("id_password2", PASSWORD),
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
    alex.get_by_role("button", name="Create an account").click()

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
    # The code rides after "#", which the browser keeps to itself: no server or proxy logs it.
    expect(link_field).to_have_value(f"{server.url}/couple/join/#{code}")
    link = link_field.input_value()
    expect(invite.get_by_role("button", name="Copy link")).to_be_visible()
    expect(invite.get_by_text("This page will change by itself once your partner joins.")).to_be_visible()
    shoot(alex, "pairing-03-alex-invitation")

    # Every address Sam's browser asks the server for, to show the code is in none of them.
    asked: list[str] = []
    sam.on("request", lambda request: asked.append(request.url))

    # Sam opens the link, logged out: first log in, or here, sign up, keeping the way back.
    sam.goto(link)
    expect(sam.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(sam.get_by_text("You have been invited to pair on Breathing Room.")).to_be_visible()
    join_path = "/couple/join/"
    assert parse_qs(urlsplit(sam.url).query)["next"] == [join_path]
    # Kept aside in this tab for after signing up, and gone from the address bar.
    expect(sam).not_to_have_url(re.compile("#"))
    shoot(sam, "pairing-04-sam-login")

    sam.locator(".invited").get_by_role("link", name="Create an account").click()
    expect(sam).to_have_url(re.compile(r"/accounts/signup/\?"))
    assert parse_qs(urlsplit(sam.url).query)["next"] == [join_path]
    sign_up(sam, "Sam", "sam@example.com", "America/New_York")
    shoot(sam, "pairing-05-sam-signup")
    sam.get_by_role("button", name="Create an account").click()

    # Straight to the invitation, which says who sent it.
    expect(sam.get_by_role("heading", name="Alex invited you")).to_be_visible()
    expect(sam).to_have_url(f"{server.url}/couple/join/preview/")
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
    code_in_address = [url for url in asked if code in url or code.replace("-", "") in url]
    assert code_in_address == [], code_in_address

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
    jo.get_by_role("button", name="Sign in", exact=True).click()
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


def test_a_signed_in_partner_opens_the_link_and_the_code_never_reaches_the_server(phone, server, problems):
    invitation = pairing.create_invitation(make_person("Nico", "Europe/Paris"))
    make_person("Jo", "Europe/Berlin")
    jo = phone("Jo", "Europe/Berlin")
    sign_in(jo, "jo@example.com")

    asked: list[str] = []
    jo.on("request", lambda request: asked.append(request.url))
    jo.goto(invitation.link)
    expect(jo.get_by_role("heading", name="Nico invited you")).to_be_visible()
    assert [url for url in asked if invitation.display_code in url or invitation.code in url] == []
    jo.get_by_role("button", name="Pair with Nico").click()
    expect(jo.get_by_text("You and Nico are paired.")).to_be_visible()

    # A link from before the change still works: it sends the browser on to the fragment form.
    old = pairing.create_invitation(make_person("Ana", "Europe/Madrid"))
    make_person("Sam", "America/New_York")
    sam = phone("Sam", "America/New_York", "en-US")
    sign_in(sam, "sam@example.com")
    sam.goto(f"/couple/join/{old.display_code}/")
    expect(sam.get_by_role("heading", name="Ana invited you")).to_be_visible()

    assert_clean(problems, server)
