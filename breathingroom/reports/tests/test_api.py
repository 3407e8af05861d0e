"""Reports in the JSON API: the same rules as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from breathingroom.conftest import assert_json
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.events.models import Event
from breathingroom.reports import making
from breathingroom.reports.models import InReports, Report

REPORTS = "/api/v1/reports"


def call(client, method: str, path: str, body=None):
    return (
        getattr(client, method)(path, body, content_type="application/json")
        if body is not None
        else getattr(client, method)(path)
    )


def test_a_report_is_made_and_answered_with_its_page_and_pdf(alex, sam, couple, alex_client):
    today = timezone.localdate(timezone.now(), alex.zone)
    body = {"start": str(today - timedelta(days=13)), "end": str(today), "kinds": ["episodes", "breaks"]}
    made = assert_json(call(alex_client, "post", REPORTS, body), 201)
    report = Report.objects.get()
    assert made["id"] == str(report.pk)
    assert made["kinds"] == ["breaks", "episodes"]
    assert made["made_by"] == "Alex"
    assert made["time_zone"] == "Europe/London"
    assert made["page_url"] == f"http://testserver/reports/{report.pk}/"
    assert made["pdf_url"] == f"http://testserver/reports/{report.pk}.pdf"
    assert Event.objects.filter(recipient=sam, type=making.MADE).count() == 1
    assert assert_json(alex_client.get(f"{REPORTS}/{report.pk}"), 200) == made
    assert [r["id"] for r in assert_json(alex_client.get(REPORTS), 200)] == [made["id"]]


def test_a_bad_request_is_refused_with_the_page_s_words(alex, couple, alex_client):
    today = timezone.localdate(timezone.now(), alex.zone)
    later = str(today + timedelta(days=1))
    refused = assert_json(call(alex_client, "post", REPORTS, {"start": later, "end": later, "kinds": ["breaks"]}), 400)
    assert refused["detail"] == str(making.IN_THE_FUTURE)
    assert call(alex_client, "post", REPORTS, {"start": str(today), "end": str(today), "kinds": []}).status_code == 422
    assert (
        call(alex_client, "post", REPORTS, {"start": str(today), "end": str(today), "kinds": ["journal"]}).status_code
        == 422
    )


@pytest.mark.parametrize("day", [0, 0.0, 1_700_000_000, "1700000000", "2026-12-01T00:00:00Z", "1.12.2026", True, None])
def test_a_day_is_taken_only_as_the_documented_text(alex, couple, alex_client, day):
    # pydantic alone would read a number as seconds since 1970, and a date-time as its day.
    today = str(timezone.localdate(timezone.now(), alex.zone))
    for body in ({"start": day, "end": today}, {"start": today, "end": day}):
        refused = assert_json(call(alex_client, "post", REPORTS, {**body, "kinds": ["breaks"]}), 422)
        assert refused["detail"][0]["loc"][-1] in ("start", "end")
    assert not Report.objects.exists()


def test_without_a_partner_no_report_is_made(jo, jo_client):
    today = str(timezone.localdate(timezone.now(), jo.zone))
    refused = assert_json(call(jo_client, "post", REPORTS, {"start": today, "end": today, "kinds": ["breaks"]}), 404)
    assert refused["detail"] == str(making.NO_PARTNER)
    assert assert_json(jo_client.get(REPORTS), 200) == []


def test_either_deletes_it_and_an_outsider_gets_the_same_404_as_for_nothing(
    alex, sam, couple, robin_client, sam_client
):
    today = timezone.localdate(timezone.now(), alex.zone)
    report = making.make(alex, today, today, ["breaks"])
    nothing = f"{REPORTS}/0badc0de-0000-4000-8000-000000000000"
    assert (
        call(robin_client, "delete", f"{REPORTS}/{report.pk}").content == call(robin_client, "delete", nothing).content
    )
    assert call(robin_client, "get", f"{REPORTS}/not-an-id").status_code == 404
    assert call(sam_client, "delete", f"{REPORTS}/{report.pk}").status_code == 204
    assert not Report.objects.exists()


def test_my_sides_are_listed_and_chosen(alex, sam, couple, alex_client):
    shared, private = episodes.start(alex), episodes.start(alex)
    side(alex, shared, "withdrew")
    side(alex, private, "went_quiet", share=False)
    side(sam, private, "pursued")
    listed = assert_json(alex_client.get(f"{REPORTS}/sides"), 200)
    assert [(s["episode_id"], s["included"], s["move"]) for s in listed] == [(str(shared.id), False, "I withdrew")]
    chosen = assert_json(call(alex_client, "put", f"{REPORTS}/sides", {"included": [str(shared.id)]}), 200)
    assert chosen[0]["included"] is True
    assert InReports.objects.get().side.person == alex
    # Sam's shared side there, and alex's own unshared one, are not alex's to choose.
    assert_json(call(alex_client, "put", f"{REPORTS}/sides", {"included": [str(private.id)]}), 404)
    assert InReports.objects.count() == 1
