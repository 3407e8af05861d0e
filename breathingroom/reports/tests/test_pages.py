"""The reports' pages: making one from a preset or chosen days, choosing one's sides, reading, deleting."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from breathingroom.conftest import client_for, page_text
from breathingroom.dance import episodes
from breathingroom.dance.tests.conftest import side
from breathingroom.events.models import Event
from breathingroom.reports import making
from breathingroom.reports.models import InReports, Report


def test_the_page_offers_the_form_the_sides_and_the_list(alex_client, sam, couple):
    page = page_text(alex_client.get("/reports/"))
    assert "Make a report" in page
    assert "The last 3 months" in page
    assert "Sam will be told that you made a report, not what is in it." in page
    assert "No reports yet." in page


def test_without_a_partner_the_page_says_so(jo_client):
    page = page_text(jo_client.get("/reports/"))
    assert "once you are paired with your partner" in page
    assert "once you are paired with your partner" in page_text(jo_client.get("/reports/sides/"))


def test_a_preset_makes_a_report_and_opens_it(alex, alex_client, sam):
    response = alex_client.post("/reports/", {"period": "3m", "kinds": ["breaks", "episodes"]})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    today = timezone.localdate(timezone.now(), alex.zone)
    assert (report.start, report.end) == making.preset_period("3m", today)
    assert report.kinds == ["breaks", "episodes"]
    assert Event.objects.filter(recipient=sam, type=making.MADE).exists()
    page = page_text(alex_client.get(response["Location"]))
    assert "Your report is ready. Sam has been told that you made it." in page
    assert f'href="/reports/{report.pk}.pdf"' in page


def test_chosen_days_make_a_report_and_a_bad_period_is_refused_beside_the_form(alex, alex_client, couple):
    today = timezone.localdate(timezone.now(), alex.zone)
    response = alex_client.post(
        "/reports/", {"period": "dates", "start": today, "end": today - timedelta(days=1), "kinds": ["breaks"]}
    )
    assert response.status_code == 400
    assert str(making.BACKWARDS) in page_text(response)
    response = alex_client.post("/reports/", {"period": "dates", "start": today, "kinds": ["breaks"]})
    assert response.status_code == 400
    assert "Choose a first and a last day" in page_text(response)
    response = alex_client.post("/reports/", {"period": "1m", "kinds": []})
    assert response.status_code == 400
    assert "Choose at least one thing" in page_text(response)
    response = alex_client.post(
        "/reports/", {"period": "dates", "start": today - timedelta(days=3), "end": today, "kinds": ["agreement"]}
    )
    assert response.status_code == 302
    assert Report.objects.get().start == today - timedelta(days=3)


def test_each_chooses_their_own_shared_sides_on_the_sides_page(alex, sam, couple):
    shared, private = episodes.start(alex), episodes.start(alex)
    side(alex, shared, "withdrew", trigger="the late train")
    side(alex, private, "went_quiet", trigger="Tamarindsecret", share=False)
    side(sam, shared, "pursued", trigger="Sam's own words")
    client = client_for(alex)
    page = page_text(client.get("/reports/sides/"))
    assert "the late train" in page
    assert "Tamarindsecret" not in page
    assert "Sam's own words" not in page
    response = client.post("/reports/sides/", {"episodes": [str(shared.id)]})
    assert response.status_code == 302
    assert InReports.objects.get().side.person == alex
    assert "You let 1 of your sides into reports." in page_text(client.get("/reports/"))
    # An unshared side is not a choice there.
    assert client.post("/reports/sides/", {"episodes": [str(private.id)]}).status_code == 400
    client.post("/reports/sides/", {})
    assert not InReports.objects.exists()


def test_either_deletes_it_after_being_asked_once(alex, sam, couple):
    today = timezone.localdate(timezone.now(), alex.zone)
    report = making.make(alex, today, today, ["breaks"])
    client = client_for(sam)
    assert "will be gone for both of you" in page_text(client.get(f"/reports/{report.pk}/delete/"))
    assert Report.objects.exists()
    response = client.post(f"/reports/{report.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/reports/"
    assert not Report.objects.exists()
    assert client_for(alex).get(f"/reports/{report.pk}/").status_code == 404


def test_the_printable_page_leaves_the_app_out_of_print(history):
    today = timezone.localdate(timezone.now(), history.alex.zone)
    report = making.make(history.alex, today - timedelta(days=7), today, ["breaks", "cycle"])
    html = client_for(history.sam).get(f"/reports/{report.pk}/").content.decode()
    assert "/static/breathingroom/reports.css" in html
    assert 'class="actions no-print"' in html
    assert 'class="cycle-map"' in html
    assert '<table class="report-breaks">' in html


def test_the_dance_and_the_insights_lead_to_reports_and_settings_to_the_first_session(alex_client):
    for path in ("/dance/", "/insights/"):
        assert 'href="/reports/"' in page_text(alex_client.get(path))
    assert 'href="/first-session/"' in page_text(alex_client.get("/settings/"))
