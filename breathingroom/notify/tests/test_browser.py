"""Notifications in Chromium at phone size: no prompt on load, a calm word when push cannot work, and the
service worker showing what the server pushes (delivered through the DevTools protocol, as a push
service would)."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import Page, expect

from breathingroom.conftest import make_person
from breathingroom.tests.browser.conftest import (  # noqa: F401 (fixtures, for this module only)
    SCREENSHOTS,
    _allow_orm_beside_playwright,
    browser,
    phone,
    problems,
    server,
    shoot,
    sign_in,
)

# What the browser does with the page is alike on every database: the first CI pass proves it.
pytestmark = [pytest.mark.browser, pytest.mark.once, pytest.mark.service_worker]

# Counts every permission prompt the page asks for; runs before any script of the page.
COUNT_PROMPTS = """
    window.promptsAsked = 0;
    if (window.Notification) {
        const ask = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (...args) => { window.promptsAsked += 1; return ask(...args); };
    }
"""
NOTIFICATIONS_SHOWN = """async () => {
    const registration = await navigator.serviceWorker.getRegistration("/");
    const shown = registration ? await registration.getNotifications() : [];
    return shown.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url, icon: n.icon}));
}"""


def assert_clean(problems, server) -> None:  # noqa: F811
    assert problems.unexpected() == [], "\n".join(problems.unexpected())
    assert server.errors == [], [r.getMessage() for r in server.errors]


def open_notifications(phone, who: str = "alex") -> Page:  # noqa: F811
    make_person(who.title(), "Europe/London")
    page = phone(who.title(), "Europe/London")
    page.context.add_init_script(COUNT_PROMPTS)
    sign_in(page, f"{who}@example.com")
    page.goto("/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    return page


def registration_id(page: Page, origin: str) -> str:
    cdp = page.context.new_cdp_session(page)
    found: dict[str, str] = {}

    def seen(event: dict) -> None:
        for registration in event["registrations"]:
            if registration["scopeURL"] == origin + "/" and not registration.get("isDeleted"):
                found["id"] = registration["registrationId"]

    cdp.on("ServiceWorker.workerRegistrationUpdated", seen)
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while "id" not in found and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert "id" in found, "the service worker was not registered"
    page.__dict__["_cdp"] = cdp
    return found["id"]


ACTIVATED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker.state !== "activated") {
        await new Promise((done) => {
            worker.addEventListener("statechange", () => worker.state === "activated" && done());
        });
    }
    return true;
}"""


def deliver(page: Page, origin: str, cdp_id: str, payload: dict) -> list[dict]:
    """Delivers a push as a push service would, and returns what the worker shows once it shows the
    payload's title. On a busy machine a message sent through DevTools was once never shown, though
    the worker was active; a push service sends again what was not taken, and so does this, after
    five seconds, three times at most. The same tag keeps a message shown twice one notification."""
    shown: list[dict] = []
    for _ in range(3):
        page.__dict__["_cdp"].send(
            "ServiceWorker.deliverPushMessage",
            {"origin": origin, "registrationId": cdp_id, "data": json.dumps(payload)},
        )
        for _ in range(100):
            shown = page.evaluate(NOTIFICATIONS_SHOWN)
            if shown and shown[0]["title"] == payload["title"]:
                return shown
            page.wait_for_timeout(50)
    return shown


def test_turning_notifications_on_and_a_push_arriving(phone, server, problems, shoot):  # noqa: F811
    page = open_notifications(phone)
    button = page.get_by_role("button", name="Get notifications on this device")
    expect(button).to_be_visible()
    # Nothing was asked on load: the browser's prompt opens only when the person presses the button.
    assert page.evaluate("window.promptsAsked") == 0
    assert page.evaluate("Notification.permission") == "default"
    page.screenshot(path=SCREENSHOTS / "notify-settings.png", caret="initial")
    shoot(page, "notify-settings-full")

    page.context.grant_permissions(["notifications"], origin=server.url)
    # Chromium's own words for a context without a profile (as Playwright's are), not the page's.
    problems.expect("does not support the Push API in incognito mode")
    button.click()
    assert page.evaluate("window.promptsAsked") == 1
    # Headless Chromium has no push service to subscribe with: the page says so, calmly.
    expect(page.locator("[data-push-status]")).to_have_text(
        "This browser could not reach its push service just now. Try again later, or use email reminders."
    )
    shoot(page, "notify-no-push-service")

    # The worker was registered on the way; a push reaches it as a push service would deliver it.
    payload = {
        "title": "Sam is taking some space",
        "body": "“I'm not leaving us.” Back at 18:30.",
        "url": "/",
        "tag": "break-1",
    }
    cdp_id = registration_id(page, server.url)
    # A push reaches only a worker that is active: one still installing (keeping the offline copies,
    # which on a busy machine takes seconds) would never see it.
    page.evaluate(ACTIVATED)
    shown = deliver(page, server.url, cdp_id, payload)
    assert shown == [
        {
            "title": "Sam is taking some space",
            "body": "“I'm not leaving us.” Back at 18:30.",
            "tag": "break-1",
            "url": server.url + "/",
            "icon": server.url + "/static/breathingroom/mark.svg",
        }
    ]

    # A later notice about the same break replaces the first rather than piling up; a url off the
    # site is never opened.
    later = {**payload, "title": "Time to come back together", "url": "https://elsewhere.example/"}
    shown = deliver(page, server.url, cdp_id, later)
    assert [(n["title"], n["url"]) for n in shown] == [("Time to come back together", server.url + "/")]
    assert_clean(problems, server)


def test_a_refused_permission_is_explained(phone, server, problems):  # noqa: F811
    page = open_notifications(phone)
    # What a person who said "block" sees: the browser answers "denied" without asking.
    page.evaluate("Notification.requestPermission = async () => 'denied'")
    page.get_by_role("button", name="Get notifications on this device").click()
    expect(page.locator("[data-push-status]")).to_contain_text("Notifications are blocked for this site.")
    assert_clean(problems, server)


def test_a_browser_without_push_is_told_so(phone, server, problems):  # noqa: F811
    make_person("Jo", "Europe/Berlin")
    page = phone("Jo", "Europe/Berlin")
    page.context.add_init_script("delete window.PushManager;")
    sign_in(page, "jo@example.com")
    page.goto("/notifications/")
    expect(page.locator("[data-push-status]")).to_contain_text(
        "This browser cannot show notifications from Breathing Room"
    )
    expect(page.get_by_role("button", name="Get notifications on this device")).to_be_hidden()
    assert_clean(problems, server)
