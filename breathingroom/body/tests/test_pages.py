"""The body pages as a person meets them: checking in, sharing, and what the partner sees."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import CheckIn
from breathingroom.conftest import client_for, page_text

BODY = "/body/"
SHARED = "/body/shared/"
TREND = "/body/over-time/"
GOOD = {
    "places": ["chest", "stomach"],
    "sensation_chest": "tight",
    "intensity_chest": "7",
    "sensation_stomach": "hollow",
    "intensity_stomach": "4",
    # Sliders under places left unticked still send their number: it is none of the check-in's business.
    "intensity_head": "5",
    "feelings": ["lonely", "insecure"],
    "need": "reassurance",
    "heart_rate": "",
    "own_feeling": "",
    "note": "Like before a storm.",
    "once": "form-1",
}


def main(response) -> str:
    return page_text(response).split("<main", 1)[1].split("</main>", 1)[0]


def errors(response) -> list[str]:
    return re.findall(r'<p class="error"[^>]*>([^<]+)</p>', response.content.decode())


def test_the_page_offers_the_map_and_the_list_of_every_place(alex_client):
    page = main(alex_client.get(BODY))
    assert "<h1>Check in with your body</h1>" in page
    for name in ("Chest", "Shoulders", "Lower back", "Back of the head"):
        assert f'aria-label="{name}"' in page  # a named place on a figure
    assert page.count('name="places"') == 15  # every place in the list, the two off the map too
    assert 'href="#place-chest"' in page
    assert 'id="place-chest"' in page
    assert page.count('role="group" aria-label="Front"') == 1
    assert "Unsure of us" in page
    assert "Time alone" in page
    assert "No check-ins yet." in page
    assert re.search(r'name="once" value="[0-9a-f]{32}"', page)


def test_a_check_in_is_kept_for_its_author_and_shown_back(alex_client, alex):
    response = alex_client.post(BODY, GOOD)
    assert response.status_code == 302
    assert response["Location"] == BODY
    kept = CheckIn.objects.get()
    assert kept.person == alex
    assert [(s.region, s.sensation, s.intensity) for s in kept.places] == [
        ("chest", "tight", 7),
        ("stomach", "hollow", 4),
    ]
    assert (kept.feelings, kept.need, kept.note) == (["insecure", "lonely"], "reassurance", "Like before a storm.")
    page = main(alex_client.get(BODY))
    assert "Your check-in is saved. Only you can see it." in page
    assert "Tight, 7 of 10" in page
    assert "Hollow, 4 of 10" in page
    assert "Unsure of us, Lonely" in page
    assert "1 check-in" not in page  # one says "One check-in"
    assert "One check-in, on" in page
    assert "beats a minute" not in page


def test_the_same_form_sent_twice_keeps_one_check_in(alex_client):
    assert alex_client.post(BODY, GOOD).status_code == 302
    assert alex_client.post(BODY, GOOD).status_code == 302
    assert CheckIn.objects.count() == 1
    assert alex_client.post(BODY, {**GOOD, "once": "form-2"}).status_code == 302
    assert CheckIn.objects.count() == 2


def test_a_fast_heart_gets_the_gentle_hint_with_a_way_to_breathe(alex_client, alex):
    alex.resting_heart_rate = 60
    alex.save()
    alex_client.post(BODY, {**GOOD, "heart_rate": "67"})
    page = main(alex_client.get(BODY))
    assert "67 beats a minute is about 10% above your resting 60" in page
    assert f'href="{reverse("calm:breathe")}"' in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"places": []}, "Choose at least one place in your body, or “All over”."),
        ({"places": ["elbow"]}, "Choose places from the map or the list."),
        ({"sensation_chest": ""}, "Choose what it feels like there."),
        ({"sensation_chest": "sad"}, "Choose one of the sensations in the list."),
        ({"intensity_chest": ""}, "Choose how strong it is, from 0 to 10."),
        ({"intensity_chest": "11"}, "Choose how strong it is, from 0 to 10."),
        ({"intensity_chest": "-1"}, "Choose how strong it is, from 0 to 10."),
        ({"intensity_chest": "seven"}, "Choose how strong it is, from 0 to 10."),
        ({"feelings": ["melancholic"]}, "Choose feelings from the list, or write your own in your own words."),
        ({"need": "world_peace"}, "Choose a need from the list, or leave it for now."),
        ({"heart_rate": "300"}, "A heart rate here is between 30 and 220 beats a minute."),
        ({"heart_rate": "fast"}, "Write the heart rate as a whole number, like 84."),
        ({"own_feeling": "x" * 61}, "A word or two is enough: up to 60 characters."),
        ({"note": "x" * 501}, "Keep this note under 500 characters."),
        ({"once": "k" * 101}, "This form is too old to send. Load the page again, then check in."),
    ],
)
def test_what_does_not_fit_is_said_beside_it_and_nothing_is_kept(alex_client, change, message):
    response = alex_client.post(BODY, {**GOOD, **change})
    assert response.status_code == 400
    assert any(message in said for said in errors(response)), errors(response)
    assert not CheckIn.objects.exists()
    page = main(response)
    # What was chosen stays chosen.
    if change.get("places", GOOD["places"]) == GOOD["places"]:
        assert re.search(r'<input type="checkbox" name="places" value="chest"[^>]*checked', page)


@pytest.mark.parametrize(("text", "kept"), [("Ça va\x00 mal", "Ça va mal"), ("\x00", "")])
def test_nul_characters_never_reach_the_database(alex_client, text, kept):
    # Words are read as every page reads them (writing.tidy): characters no database can keep are dropped.
    assert alex_client.post(BODY, {**GOOD, "note": text}).status_code == 302
    assert CheckIn.objects.get().note == kept


def test_a_huge_form_is_refused_calmly(alex_client):
    response = alex_client.post(BODY, {**GOOD, "note": "n" * 100_000, "feelings": ["lonely"] * 500})
    assert response.status_code in (400, 413)
    assert not CheckIn.objects.exists()


def test_the_partners_page_shows_the_latest_ten_shared_and_says_how_many_more(alex, sam, couple, sam_client):
    for n in range(12):
        checking_in.share(alex, checking_in.record(alex, [Place("chest", "tight", n % 11)]).pk)
    page = main(sam_client.get(BODY))
    assert page.count("Alex noticed") == 10
    assert "Alex shares 2 more, from before these." in page


def test_sharing_from_the_page_shows_it_to_the_partner_and_unsharing_takes_it_back(alex_client, sam_client):
    alex_client.post(BODY, GOOD)
    kept = CheckIn.objects.get()
    assert "Shared with you" not in main(sam_client.get(BODY))

    response = alex_client.post(reverse("body:share", args=[kept.pk]), {"back": "index"})
    assert response["Location"] == BODY
    page = main(alex_client.get(BODY))
    assert "Sam can see this check-in now, until you stop sharing it." in page
    assert "Shared with Sam" in page
    assert "Stop sharing" in page

    theirs = main(sam_client.get(BODY))
    assert "Shared with you" in theirs
    assert "Alex noticed" in theirs
    assert "Like before a storm." in theirs
    assert f'action="/body/{kept.pk}/' not in theirs  # nothing to press on someone else's

    alex_client.post(reverse("body:unshare", args=[kept.pk]), {"back": "trend"})
    assert "Shared with you" not in main(sam_client.get(BODY))
    assert "This check-in is yours alone again." in main(alex_client.get(TREND))


def test_the_live_part_answers_no_change_until_something_changes(alex, sam_client, couple):
    first = sam_client.get(SHARED)
    assert first.status_code == 200
    seen = re.search(r"\?seen=([0-9a-f]+)", first.content.decode()).group(1)
    assert sam_client.get(SHARED, {"seen": seen}).status_code == 204
    kept = checking_in.share(alex, checking_in.record(alex, [Place("throat", "tight", 6)]).pk)
    changed = sam_client.get(SHARED, {"seen": seen})
    assert changed.status_code == 200
    assert "Throat" in page_text(changed)
    seen = re.search(r"\?seen=([0-9a-f]+)", changed.content.decode()).group(1)
    checking_in.unshare(alex, kept.pk)
    gone = sam_client.get(SHARED, {"seen": seen})
    assert gone.status_code == 200
    assert "Throat" not in page_text(gone)


def test_someone_elses_check_in_is_a_404_like_a_missing_one(alex, sam, couple, robin_client):
    kept = checking_in.record(alex, [Place("chest", "tight", 3)])
    sam_client = client_for(sam)
    for name in ("body:share", "body:unshare", "body:delete"):
        for client in (sam_client, robin_client):
            theirs = client.post(reverse(name, args=[kept.pk]))
            missing = client.post(reverse(name, args=[uuid.uuid4()]))
            assert theirs.status_code == missing.status_code == 404
    assert CheckIn.objects.get(pk=kept.pk).shared_in is None


def test_without_a_partner_there_is_no_share_button_and_sharing_says_why(jo_client, jo):
    kept = checking_in.record(jo, [Place("chest", "tight", 3)])
    assert "Share what I" not in main(jo_client.get(BODY))
    response = jo_client.post(reverse("body:share", args=[kept.pk]), follow=True)
    assert "There is no partner to share this with yet." in main(response)


def test_deleting_from_the_page(alex_client, alex):
    kept = checking_in.record(alex, [Place("chest", "tight", 3)])
    response = alex_client.post(reverse("body:delete", args=[kept.pk]), {"back": "trend"})
    assert response["Location"] == TREND
    assert not CheckIn.objects.exists()
    assert "The check-in is deleted." in main(alex_client.get(TREND))


@pytest.mark.parametrize("name", ["body:share", "body:unshare", "body:delete"])
def test_steps_are_only_ever_a_post(alex_client, alex, name):
    kept = checking_in.record(alex, [Place("chest", "tight", 3)])
    assert alex_client.get(reverse(name, args=[kept.pk])).status_code == 405


@pytest.mark.parametrize("url", [SHARED, TREND])
def test_read_only_pages_refuse_other_methods(alex_client, url):
    assert alex_client.post(url).status_code == 405


def test_the_trend_page_lists_every_check_in_a_page_at_a_time(alex_client, alex):
    for n in range(23):
        checking_in.record(alex, [Place("chest", "tight", n % 11)])
    first = main(alex_client.get(TREND))
    assert first.count('class="card body-entry') == 20
    assert "Page 1 of 2" in first
    second = main(alex_client.get(TREND, {"page": 2}))
    assert second.count('class="card body-entry') == 3
    assert main(alex_client.get(TREND, {"page": "nonsense"})).count('class="card body-entry') == 20
    assert 'role="img"' in first
    assert "23 check-ins since" in first


def test_the_trend_page_with_nothing_yet(alex_client):
    page = main(alex_client.get(TREND))
    assert "No check-ins yet." in page
    assert "<svg" not in page


@pytest.mark.parametrize("url", [BODY, TREND, SHARED])
def test_a_page_costs_the_same_few_queries_however_many_check_ins_there_are(alex, sam, couple, url):
    client = client_for(alex)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    def more(n: int) -> None:
        for i in range(n):
            checking_in.record(alex, [Place("chest", "tight", i % 11), Place("legs", "heavy", 2)])
            checking_in.share(sam, checking_in.record(sam, [Place("throat", "tight", 4)]).pk)

    more(12)
    few = queries()
    more(30)
    assert queries() == few
